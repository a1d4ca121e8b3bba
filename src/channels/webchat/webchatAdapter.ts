import { randomUUID } from 'node:crypto';
import {
  ActivityEventNames,
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { CASE_CLOSED_KEY, RESIDENT_ERASED_KEY } from '../../cases/channelMarks';
import { senderOf } from '../../handoff/sender';
import type { ChatRelay } from './relay';

/** The event that tells the page a turn is over, whether or not the bot said anything. */
const TURN_END = 'turn-end';

export const WEBCHAT_CHANNEL = 'webchat-local';

/**
 * The local chat page as a botbuilder channel: it only translates between the page's JSON and
 * Activities. Replies and later (proactive) messages go to the page through the relay, so a
 * wijkverbinder's message reaches an open page the same way a bot reply does, from any instance.
 */
export class WebChatAdapter extends BotAdapter {
  constructor(
    private readonly relay: ChatRelay,
    private readonly now: () => Date = () => new Date(),
    private readonly botId = 'wijkverbinder-bot',
  ) {
    super();
  }

  /** Runs one incoming activity from the page through the middleware and the bot. */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, {
      ...activity,
      channelId: WEBCHAT_CHANNEL,
      recipient: { id: this.botId, name: 'Wijkteam' },
      serviceUrl: 'webchat-local://',
      timestamp: this.now(),
      id: activity.id ?? randomUUID(),
    } as Activity);
    // The resident's own words go to the page's stream too, so a reload shows both sides of the conversation;
    // then "typing" while the bot works on the answer (not kept for replay: it means nothing after a reload).
    // One hint per turn, hidden by the page when the answer or the end of the turn arrives: botbuilder's
    // ShowTypingMiddleware would repeat it on a timer for every channel, which only this page needs.
    if (context.activity.type !== ActivityTypes.Message) return this.runMiddleware(context, logic);
    const conversation = context.activity.conversation.id;
    await this.relay.publish(conversation, this.pageActivity({ ...context.activity, from: { ...context.activity.from, role: 'user' } }));
    await this.relay.publish(conversation, { type: ActivityTypes.Typing }, { transient: true });
    try {
      await this.runMiddleware(context, logic);
    } finally {
      // On the same stream as the hint, so the page cannot see the end before the start (in handoff the bot may say nothing).
      await this.relay.publish(conversation, { type: ActivityTypes.Event, name: TURN_END }, { transient: true });
    }
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const sent: ResourceResponse[] = [];
    for (const activity of activities) {
      const id = activity.id ?? randomUUID();
      // A delay is a pacing hint for channels that render bubbles over time; the page shows them at once.
      if (activity.type !== 'delay') await this.relay.publish(activity.conversation?.id ?? '', this.pageActivity({ ...activity, id }));
      sent.push({ id });
    }
    return sent;
  }

  async updateActivity(_context: TurnContext, activity: Partial<Activity>): Promise<void> {
    await this.relay.publish(activity.conversation?.id ?? '', this.pageActivity({ ...activity, type: 'messageUpdate' }));
  }

  async deleteActivity(_context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    await this.relay.publish(reference.conversation?.id ?? '', { type: 'messageDelete', id: reference.activityId });
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const event = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: ActivityEventNames.ContinueConversation }, reference, true);
    await this.runMiddleware(new TurnContext(this, event as Activity), logic);
  }

  override async continueConversationAsync(
    _botAppIdOrClaims: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: unknown,
    maybeLogic?: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const logic = (typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic) as (context: TurnContext) => Promise<void>;
    await this.continueConversation(reference, logic);
  }

  /** Only what the page renders leaves the server: no channel data, no ids of other parties; a person's first name and role. */
  private pageActivity(activity: Partial<Activity>): Record<string, unknown> {
    const sender = senderOf(activity);
    return {
      type: activity.type,
      id: activity.id,
      text: activity.text,
      from: activity.from ? { role: activity.from.role ?? 'bot', name: activity.from.name } : undefined,
      ...(sender ? { sender } : {}),
      suggestedActions: activity.suggestedActions?.actions?.map((action) => ({ title: action.title, value: action.value })),
      // The page forgets the conversation on this device once the case is closed or the resident erased (a shared phone).
      ...(marked(activity, CASE_CLOSED_KEY) ? { caseClosed: true } : {}),
      ...(marked(activity, RESIDENT_ERASED_KEY) ? { erased: true } : {}),
      timestamp: new Date(activity.timestamp ?? this.now()).toISOString(),
    };
  }
}

function marked(activity: Partial<Activity>, key: string): boolean {
  return (activity.channelData as Record<string, unknown> | undefined)?.[key] === true;
}
