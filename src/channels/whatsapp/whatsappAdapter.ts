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
import { REOPEN_INVITE_KEY } from '../../cases/channelMarks';
import { errorFields, type Logger } from '../../log';
import { GraphError, type GraphClient } from './graphClient';
import { outgoingBodies, type OutgoingTexts } from './outgoing';
import type { IncomingMessage, Sender } from './payload';

export const WHATSAPP_CHANNEL = 'whatsapp';

/** Set on a turn in which a message could not be delivered; a proactive turn then fails for its caller. */
const DELIVERY_FAILED = Symbol('whatsappDeliveryFailed');

export interface WhatsAppAdapterDeps {
  client: GraphClient;
  texts: OutgoingTexts;
  /** The approved template that invites the resident to reply once the 24-hour window has closed. */
  reopenTemplate?: { name: string; language: string };
  /** A message that could not be delivered after every retry: the resident's case records it for the console. */
  deliveryFailed(conversationId: string, reason: string): Promise<void>;
  log: Logger;
  now: () => Date;
}

/**
 * WhatsApp (Cloud API) as a botbuilder channel: it only translates. A resident is one conversation,
 * keyed on the business-scoped user id when Meta sends one, else on the phone number (wa_id).
 */
export class WhatsAppAdapter extends BotAdapter {
  constructor(private readonly deps: WhatsAppAdapterDeps) {
    super();
  }

  /** One incoming WhatsApp message through the middleware and the bot, with read ticks and "typing…" meanwhile. */
  async receive(message: IncomingMessage, sender: Sender, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.deps.client.markReadAndTyping(message.id).catch((error: unknown) => this.deps.log.warn({ ...errorFields(error), channel: WHATSAPP_CHANNEL }, 'mark as read failed'));
    await this.processActivity({ ...activityOf(message), id: message.id, timestamp: new Date(Number(message.timestamp) * 1000) }, sender, logic);
  }

  async processActivity(activity: Partial<Activity>, sender: Sender, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, {
      ...activity,
      channelId: WHATSAPP_CHANNEL,
      serviceUrl: 'whatsapp://',
      locale: 'nl-NL',
      conversation: { id: sender.key, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: sender.key, name: '', role: 'user', ...(sender.waId ? { properties: { waId: sender.waId } } : {}) },
      recipient: { id: 'wijkverbinder-bot', name: 'Wijkteam', role: 'bot' },
      timestamp: activity.timestamp ?? this.deps.now(),
      id: activity.id ?? randomUUID(),
    } as Activity);
    await this.runMiddleware(context, logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      // Typing is shown once per incoming message (see receive); delays and events have no WhatsApp form.
      if (activity.type !== ActivityTypes.Message) {
        responses.push({ id: randomUUID() });
        continue;
      }
      responses.push({ id: (await this.deliver(context, activity)) ?? randomUUID() });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error('WhatsApp cannot change a sent message');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('WhatsApp cannot delete a sent message');
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const event = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: ActivityEventNames.ContinueConversation }, reference, true);
    const context = new TurnContext(this, event as Activity);
    await this.runMiddleware(context, logic);
    // The middleware hands turn errors to onTurnError; a wijkverbinder's message that did not arrive must reach the console instead.
    const failure: unknown = context.turnState.get(DELIVERY_FAILED);
    if (failure) throw failure;
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

  /**
   * Sends one message; a failure after every retry is recorded on the case. A proactive turn (a
   * wijkverbinder writing) then fails for its caller too (see continueConversation), so the console hears it at once.
   */
  private async deliver(context: TurnContext, activity: Partial<Activity>): Promise<string | undefined> {
    const conversationId = activity.conversation?.id ?? context.activity.conversation.id;
    const to = recipientOf(activity.recipient ?? context.activity.from);
    let id: string | undefined;
    try {
      for (const body of this.bodiesOf(activity)) id = (await this.deps.client.send({ recipient_type: 'individual', ...to, ...body })) ?? id;
      return id;
    } catch (error) {
      const reason = error instanceof GraphError ? `${error.status}${error.code === undefined ? '' : `/${error.code}`}` : errorFields(error).error;
      this.deps.log.warn({ ...errorFields(error), channel: WHATSAPP_CHANNEL, conversation: conversationId }, 'whatsapp message not delivered');
      await this.deps.deliveryFailed(conversationId, reason);
      context.turnState.set(DELIVERY_FAILED, error);
      return id;
    }
  }

  private bodiesOf(activity: Partial<Activity>): Array<Record<string, unknown>> {
    const template = this.deps.reopenTemplate;
    if ((activity.channelData as Record<string, unknown> | undefined)?.[REOPEN_INVITE_KEY] === true && template) {
      return [{ type: 'template', template: { name: template.name, language: { code: template.language } } }];
    }
    return outgoingBodies(activity, this.deps.texts);
  }
}

/** The message as the dialogs read it: text, or the full choice a button or list row stands for; media only as what arrived. */
function activityOf(message: IncomingMessage): Partial<Activity> {
  if (message.type === 'text' && message.text) return { type: ActivityTypes.Message, text: message.text.body, textFormat: 'plain' };
  const tapped = message.interactive?.button_reply ?? message.interactive?.list_reply;
  if (message.type === 'interactive' && tapped) return { type: ActivityTypes.Message, text: tapped.id, textFormat: 'plain' };
  // The media itself is never fetched or stored: the transcript notes only which kind arrived.
  const media = (message as Record<string, unknown>)[message.type] as { mime_type?: string; voice?: boolean } | undefined;
  const kind = message.type === 'audio' && media?.voice ? 'voice' : message.type;
  return { type: ActivityTypes.Message, attachments: [{ contentType: media?.mime_type ?? `application/vnd.whatsapp.${kind}`, name: kind }] };
}

/** A phone number (wa_id) when known; a resident known only by a business-scoped user id is addressed by that. */
function recipientOf(user: Partial<Activity['from']> | undefined): Record<string, string> {
  const waId = (user?.properties as { waId?: unknown } | undefined)?.waId;
  return typeof waId === 'string' ? { to: waId } : { recipient: user?.id ?? '' };
}
