import { ActivityTypes, Channels, EventFactory, MessageFactory, type Activity, type Middleware, type TranscriptStore, type TurnContext } from 'botbuilder';
import { detectCommand } from '../../../dialogs/commands';
import { recognizeYesNo } from '../../../dialogs/yesNo';
import { residentKeyOf, type IntakeCase, type SafeToMessage } from '../../cases/case';
import type { CaseRepository } from '../../cases/caseRepository';
import { isInHandoff, needsSafetyCheck, type HandoffCore } from '../../handoff/handoffService';
import { CRISIS_TURN } from '../../../dialogs/helplines';
import type { OfficeHours } from '../../handoff/officeHours';
import type { ConnectorAvailability } from '../../handoff/ports';
import { urgencyRank } from '../../handoff/urgency';
import type { Texts } from '../../i18n/texts';
import { escalationNotice, waitingNotice } from '../escalationNotice';
import { answerRating } from '../ratingAnswer';

/** Set on a turn whose message went to a wijkverbinder: the dialog stays silent, the transcript keeps it. */
export const HANDOFF_TURN = Symbol('handoffTurn');

export interface HandoffMiddlewareDeps {
  handoff: HandoffCore;
  cases: Pick<CaseRepository, 'findActiveByConversation' | 'listByResident'>;
  availability: ConnectorAvailability;
  officeHours: OfficeHours;
  transcripts: TranscriptStore;
  texts: Texts;
  /** Messages the bot answers itself even during handoff (erasure is the resident's right, asked and confirmed through the dialog). */
  answeredByBot(context: TurnContext): Promise<boolean>;
  /** Ends whatever dialog was running: from the escalation on a person carries the conversation, and after close the bot starts afresh. */
  endDialogs(context: TurnContext): Promise<void>;
  /** Whether the bot is in the middle of a dialog: then the message answers it and never reopens a closed case. */
  inDialog(context: TurnContext): Promise<boolean>;
  now?: () => Date;
}

/**
 * Runs before the crisis check (so a crisis message in handoff still reaches the connector, and a
 * crisis that escalates is announced) and routes resident messages while a person holds the case.
 * After the turn it announces an escalation the turn caused: to the resident, to the console, and
 * as botbuilder's handoff initiation event for a contact centre behind the channel.
 */
export class HandoffMiddleware implements Middleware {
  private readonly now: () => Date;

  constructor(private readonly deps: HandoffMiddlewareDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return next();
    const before = await this.activeCase(context);
    if (!(await this.deps.answeredByBot(context))) {
      if (isInHandoff(before)) await this.relay(context, before);
      // The bot is silent after the answer; the crisis check still reads it.
      else if (!before && (await answerRating(context, this.deps.handoff, this.deps.texts))) context.turnState.set(HANDOFF_TURN, true);
      else if (!before && !detectCommand(context.activity.text, this.deps.texts) && !(await this.deps.inDialog(context))) await this.reopen(context);
    }
    await next();
    await this.afterTurn(context, before);
  }

  /** A message after a recent close goes back to the connector who closed the case. */
  private async reopen(context: TurnContext): Promise<void> {
    const { channelId, conversation, from } = context.activity;
    const reopened = await this.deps.handoff.reopenRecent(channelId, conversation.id, residentKeyOf(channelId, from.id));
    if (!reopened) return;
    await context.sendActivity(this.deps.texts.handoff.reopened);
    await this.relay(context, reopened);
  }

  private activeCase(context: TurnContext): Promise<IntakeCase | undefined> {
    return this.deps.cases.findActiveByConversation(context.activity.channelId, context.activity.conversation.id);
  }

  private async relay(context: TurnContext, value: IntakeCase): Promise<void> {
    context.turnState.set(HANDOFF_TURN, true);
    await this.deps.handoff.residentWrote(value.id, context.activity.text ?? '');
    if (needsSafetyCheck(value) && (value.safeToMessage === 'asked' || value.safeToMessage === 'no')) await this.answerSafety(context, value);
  }

  /**
   * The answer to "is it safe to message you?", asked only once: a yes or no settles it, anything
   * else simply goes to the connector. After "no" a later plain "ja" still says it has become safe.
   */
  private async answerSafety(context: TurnContext, value: IntakeCase): Promise<void> {
    const safe = recognizeYesNo(context.activity.text);
    if (safe === undefined || (safe === false && value.safeToMessage === 'no')) return;
    await this.deps.handoff.setSafeToMessage(value.id, safe ? 'yes' : 'no');
    await context.sendActivity(safe ? this.deps.texts.handoff.safety.yes : this.deps.texts.handoff.safety.no);
  }

  /** A later case in the same conversation uses what the resident already answered, instead of asking again. */
  private async safetyAnsweredBefore(context: TurnContext, value: IntakeCase): Promise<SafeToMessage | undefined> {
    const { channelId, conversation, from } = context.activity;
    const earlier = (await this.deps.cases.listByResident(residentKeyOf(channelId, from.id)))
      .filter((other) => other.id !== value.id && other.channel === channelId && other.conversationId === conversation.id && other.safeToMessage !== undefined)
      .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt))[0];
    return earlier?.safeToMessage;
  }

  private async askSafety(context: TurnContext, value: IntakeCase): Promise<void> {
    await this.deps.handoff.setSafeToMessage(value.id, 'asked');
    const safety = this.deps.texts.handoff.safety;
    await context.sendActivity(MessageFactory.suggestedActions(safety.choices, safety.question));
  }

  private async afterTurn(context: TurnContext, before: IntakeCase | undefined): Promise<void> {
    const after = await this.activeCase(context);
    if (!after) return;
    const newlyEscalated = after.status === 'escalated' && !after.escalatedAt;
    // A waiting case that turned more urgent (a crisis while waiting) moves up in the console's queue at once.
    const moreUrgent = after.status === 'escalated' && before !== undefined && urgencyRank(after) < urgencyRank(before);
    if (newlyEscalated || moreUrgent) {
      const escalated = await this.deps.handoff.escalate(after.id);
      if (newlyEscalated && escalated) await this.announce(context, escalated);
    }
    if (before?.status === 'escalated' && after.status === 'escalated' && context.turnState.get(HANDOFF_TURN) === true) await this.acknowledgeWaiting(context, after);
    if (isInHandoff(after) && needsSafetyCheck(after) && after.safeToMessage === undefined) {
      const remembered = await this.safetyAnsweredBefore(context, after);
      if (remembered) await this.deps.handoff.setSafeToMessage(after.id, remembered);
      else await this.askSafety(context, after);
    }
  }

  /** Silence would feel like nobody is there; but a turn the bot already answered (a crisis, the safety question) needs no more words. */
  private async acknowledgeWaiting(context: TurnContext, value: IntakeCase): Promise<void> {
    if (context.responded || !(await this.deps.handoff.waitingNoticeDue(value.id))) return;
    await context.sendActivity(waitingNotice(this.deps.texts, this.deps.officeHours, this.now()));
  }

  private async announce(context: TurnContext, value: IntakeCase): Promise<void> {
    const { texts, officeHours, availability, handoff } = this.deps;
    await this.deps.endDialogs(context);
    const notice = escalationNotice(texts, value, officeHours, availability.anyoneAvailable(handoff.teamOf(value)), this.now(), context.turnState.get(CRISIS_TURN) === true);
    await context.sendActivities(notice.map((text) => ({ type: ActivityTypes.Message, text })));
    // Teams rejects event activities; everywhere else a contact centre behind the channel may take over instead of our console.
    if (context.activity.channelId === Channels.Msteams) return;
    const handoffContext = { caseId: value.id, level: value.level, urgencyRank: urgencyRank(value), team: value.team };
    await context.sendActivity(EventFactory.createHandoffInitiation(context, handoffContext, { activities: await this.transcript(context) }));
  }

  private async transcript(context: TurnContext): Promise<Activity[]> {
    const activities: Activity[] = [];
    let token: string | undefined;
    do {
      const page = await this.deps.transcripts.getTranscriptActivities(context.activity.channelId, context.activity.conversation.id, token);
      activities.push(...page.items);
      token = page.continuationToken || undefined;
    } while (token);
    return activities;
  }
}
