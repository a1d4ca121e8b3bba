import { MessageFactory, type TranscriptStore, type TurnContext } from 'botbuilder';
import type { CaseRating, CloseOutcome, IntakeCase, SafeToMessage } from '../cases/case';
import { eachByStatus, listByStatus, updateCase, type CaseRepository } from '../cases/caseRepository';
import { format, type Texts } from '../i18n/texts';
import { errorFields, type Logger } from '../log';
import { activitiesWithin, caseWindow } from './caseFile';
import { z } from 'zod';
import type { EventBus, KeyGuard } from '../instances/ports';
import { connectorChannelData, firstName } from './sender';
import { replyWindowOf, type ReplyWindowRule } from './replyWindow';
import { CASE_CLOSED_KEY, REOPEN_INVITE_KEY } from '../cases/channelMarks';
import { type ConnectorRef, type HandoffEvent, type HandoffListener, type HandoffRefusal, type HandoffResult, type HandoffService } from './ports';
import { openingStatus, type OfficeHours } from './officeHours';
import { compareQueueEntries, queueEntryOf, urgencyRank } from './urgency';

/** Writes to a resident on their own channel (ProactiveMessenger); the turn runs through the adapter's middleware, transcript included. */
export interface ResidentMessenger {
  continueConversation(reference: Record<string, unknown>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export interface HandoffSettings {
  /** The team an escalated case goes to when nothing assigned it one. */
  defaultTeam: string;
  /** A claimed case whose resident waits longer than this for a reply goes back to the queue. */
  replyTimeoutMinutes: number;
  /** A resident who writes again within this many days after close reopens the case with the same connector. */
  reopenWithinDays: number;
  /** Channels that allow writing only within a window after the resident's last message, by channel id. */
  replyWindows?: Record<string, ReplyWindowRule>;
  /** The team's opening hours: an escalation is marked as in or outside them, for the figures. */
  officeHours?: OfficeHours;
}

export interface HandoffDeps {
  cases: CaseRepository;
  transcripts: TranscriptStore;
  messenger: ResidentMessenger;
  texts: Texts;
  log: Logger;
  settings: HandoffSettings;
  /** Handoff events reach the consoles on every instance through this bus. */
  bus: EventBus;
  /** One read-change-write of a case at a time, across instances (see KeyGuard). */
  guard: KeyGuard;
  now?: () => Date;
}

/** The console's HandoffService plus what the bot and the app's timer need. */
export interface HandoffCore extends HandoffService {
  /** Stamps a case the bot just escalated (team, time) and tells the console; again when it became more urgent. */
  escalate(caseId: string): Promise<IntakeCase | undefined>;
  /** A resident message during handoff: goes to the connector, and starts the reply clock. */
  residentWrote(caseId: string, text: string): Promise<void>;
  /** Reopens the newest case of the conversation closed within the reopen period, with the connector who closed it. */
  reopenRecent(channel: string, conversationId: string, residentKey: string): Promise<IntakeCase | undefined>;
  setSafeToMessage(caseId: string, state: SafeToMessage): Promise<void>;
  /** Whether a resident writing in a case nobody has taken yet should hear that it waits; true stamps it, so it is said once per quiet period. */
  waitingNoticeDue(caseId: string): Promise<boolean>;
  /** After the first close of a case, once: how much it helped (also for a light case a coordinator closes). */
  askRating(value: IntakeCase): Promise<void>;
  /** The closed case of this conversation whose rating question waits for an answer, if any. */
  pendingRating(channel: string, conversationId: string, residentKey: string): Promise<IntakeCase | undefined>;
  /** Stores (part of) the resident's answer to the rating question. */
  rate(caseId: string, answer: Partial<CaseRating>): Promise<void>;
  /** Puts claimed cases whose resident got no reply in time back in the queue; returns how many. */
  sweepUnansweredClaims(): Promise<number>;
  teamOf(value: IntakeCase): string;
  /** Runs `erase` (the erasure of everything about a resident) and then tells every console that the resident's cases are gone. */
  eraseResident<T>(residentKey: string, erase: () => Promise<T>): Promise<T>;
}

/** What the resident reads when a person closes their case: how it ended, and that writing again reopens it. */
export function closingText(texts: Texts, reopenWithinDays: number, outcome: CloseOutcome, detail: string | undefined): string {
  const closed = texts.handoff.closed;
  const what = outcome === 'doorverwezen' ? format(closed.doorverwezen, { to: detail?.trim() || closed.elsewhere }) : closed[outcome];
  return reopenWithinDays > 0 ? [what, format(closed.writeAgain, { days: reopenWithinDays })].join('\n\n') : what;
}

/** Cases a person holds or waits for; the bot keeps quiet in these. */
export function isInHandoff(value: IntakeCase | undefined): value is IntakeCase {
  return value?.status === 'escalated' || value?.status === 'claimed';
}

/** A domestic-violence flag: someone at home may read the resident's messages. */
export function needsSafetyCheck(value: IntakeCase): boolean {
  return value.flags.some((flag) => flag.helpline === 'domestic');
}

export function mayMessageResident(value: IntakeCase): boolean {
  return !needsSafetyCheck(value) || value.safeToMessage === 'yes';
}

// Often enough to reassure a resident who keeps writing, rarely enough not to answer every message.
const WAITING_NOTICE_QUIET_MINUTES = 30;

const HANDOFF_TOPIC = 'handoff';

// Events come from other instances through the store: only what has the shape of a handoff event is passed on.
const handoffEventSchema = z.looseObject({
  type: z.enum(['escalated', 'claimed', 'released', 'claim-expired', 'closed', 'reopened', 'resident-message', 'connector-message', 'erased']),
  caseId: z.string().min(1),
  team: z.string(),
  at: z.string(),
});

const refused = (reason: HandoffRefusal): { ok: false; reason: HandoffRefusal } => ({ ok: false, reason });

export function createHandoffService(deps: HandoffDeps): HandoffCore {
  const { cases, transcripts, messenger, texts, log, settings, bus } = deps;
  const now = deps.now ?? (() => new Date());
  const lock = deps.guard;
  const teamOf = (value: IntakeCase) => value.team ?? settings.defaultTeam;
  const replyWindows = settings.replyWindows ?? {};

  /** The channel records what it could not deliver on the case; the connector hears it as a refusal, not an error page. */
  async function delivered(value: IntakeCase, send: () => Promise<void>): Promise<boolean> {
    try {
      await send();
      return true;
    } catch (error) {
      log.warn({ ...errorFields(error), caseId: value.id, channel: value.channel }, 'message to resident not delivered');
      return false;
    }
  }

  /** Stored in the event log for the other instances, and delivered here; a failure costs only the live update (the queue reloads). */
  async function emit(event: HandoffEvent): Promise<void> {
    await bus.publish(HANDOFF_TOPIC, event, { scope: event.caseId }).catch((error: unknown) => log.error({ ...errorFields(error), event: event.type, caseId: event.caseId }, 'handoff event not published'));
  }

  /** Stamped once, at the first escalation: the figures compare the wait in and outside office hours. */
  function inOfficeHours(value: IntakeCase): Partial<IntakeCase> {
    if (!settings.officeHours || value.escalatedInOfficeHours !== undefined) return {};
    return { escalatedInOfficeHours: openingStatus(settings.officeHours, now()).open };
  }

  function touch(value: IntakeCase): IntakeCase {
    return { ...value, updatedAt: now().toISOString() };
  }

  /** The checks every connector action starts with: the case exists and belongs to the connector's team. */
  async function visible(connector: ConnectorRef, caseId: string): Promise<HandoffResult<IntakeCase>> {
    const value = await cases.get(caseId);
    if (!value) return refused('not-found');
    if (teamOf(value) !== connector.team) return refused('wrong-team');
    return { ok: true, value };
  }

  /** Visible, and claimed by this connector. */
  async function held(connector: ConnectorRef, caseId: string): Promise<HandoffResult<IntakeCase>> {
    const found = await visible(connector, caseId);
    if (!found.ok) return found;
    const value = found.value;
    if (value.status === 'closed') return refused('closed');
    if (value.status !== 'claimed') return refused('not-claimed');
    if (value.claimedBy !== connector.id) return refused('not-yours');
    return found;
  }

  /** Back to the queue without a connector: after a release or an expired claim. */
  async function unclaim(value: IntakeCase, unanswered = false): Promise<void> {
    await cases.releaseClaim(value.id);
    await updateCase(cases, value.id, (current) =>
      touch({ ...current, status: 'escalated', claimedBy: undefined, claimedAt: undefined, ...(unanswered ? { returnedToQueue: (current.returnedToQueue ?? 0) + 1 } : {}) }),
    );
  }

  /** A connector's own words carry their id (the transcript tells them from the bot's) and first name and role (the resident sees who writes); `mark` tags a message the channel treats specially. */
  async function tellResident(value: IntakeCase, text: string, connector?: ConnectorRef, closing = false, mark?: string): Promise<void> {
    const channelData = {
      ...(connector ? connectorChannelData(connector, texts.handoff.connectorRole) : closing ? { [CASE_CLOSED_KEY]: true } : {}),
      ...(mark ? { [mark]: true } : {}),
    };
    await messenger.continueConversation(value.conversationRef, async (context) => {
      await context.sendActivity({ type: 'message', text, ...(Object.keys(channelData).length > 0 ? { channelData } : {}) });
    });
  }

  /** Once per case, after the first close: how much it helped, three buttons and a way to decline. */
  async function askRating(value: IntakeCase): Promise<void> {
    const rating = texts.handoff.rating;
    const asked = await delivered(value, () =>
      messenger.continueConversation(value.conversationRef, async (context) => {
        await context.sendActivity(MessageFactory.suggestedActions([...Object.values(rating.choices), rating.refuse], rating.question));
      }),
    );
    if (asked) await updateCase(cases, value.id, (current) => (current.rating ? undefined : touch({ ...current, rating: { askedAt: now().toISOString() } })));
  }

  /** Only a reporter who asked to hear back gets the status of their report, by its reference: never the outcome, which is about the neighbour. */
  function reportStatusText(value: IntakeCase, status: 'claimed' | 'closed'): string | undefined {
    return value.report?.feedback ? format(texts.report.status[status], { reference: value.report.reference }) : undefined;
  }

  return {
    teamOf,
    askRating,

    async queue(team) {
      const waiting = await listByStatus(cases, ['escalated', 'claimed']);
      return waiting.filter((value) => teamOf(value) === team).map(queueEntryOf).sort(compareQueueEntries);
    },

    view: visible,

    async history(connector) {
      const seen = await listByStatus(cases, ['escalated', 'claimed', 'closed']);
      return seen.filter((value) => teamOf(value) === connector.team).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
    },

    async caseFile(connector, caseId) {
      const found = await visible(connector, caseId);
      if (!found.ok) return found;
      const value = found.value;
      const earlier = (await cases.listByResident(value.residentKey)).filter((other) => other.id !== value.id);
      const activities = await activitiesWithin(transcripts, value, caseWindow(value, earlier));
      const addressKey = value.report?.place.key;
      const linked = addressKey ? (await cases.listReportsAt(addressKey)).filter((other) => teamOf(other) === connector.team) : [value];
      return { ok: true, value: { value, activities, previous: earlier.filter((other) => teamOf(other) === connector.team), linked } };
    },

    claim: (connector, caseId) =>
      lock.run(caseId, async () => {
        const found = await visible(connector, caseId);
        if (!found.ok) return found;
        const value = found.value;
        if (value.status === 'closed') return refused('closed');
        if (value.status === 'claimed') return refused('already-claimed');
        if (value.status !== 'escalated') return refused('not-claimable');
        const at = now();
        // The store decides between concurrent claims, also those of other processes; the case only records the winner.
        if (!(await cases.claim(caseId, connector.id, at))) return refused('already-claimed');
        await updateCase(cases, caseId, (current) => touch({ ...current, status: 'claimed', claimedBy: connector.id, claimedAt: at.toISOString() }));
        await emit({ type: 'claimed', caseId, team: teamOf(value), connectorId: connector.id, at: at.toISOString() });
        // The resident learns a person has it, and who; the claim stands even if this message cannot be delivered.
        const pickedUp = value.report ? reportStatusText(value, 'claimed') : mayMessageResident(value) ? format(texts.handoff.pickedUp, { name: firstName(connector) }) : undefined;
        if (pickedUp) await tellResident(value, pickedUp).catch((error: unknown) => log.warn({ ...errorFields(error), caseId }, 'picked-up message not delivered'));
        return { ok: true, value: undefined };
      }),

    sendToResident: (connector, caseId, text) =>
      lock.run(caseId, async () => {
        const found = await held(connector, caseId);
        if (!found.ok) return found;
        const value = found.value;
        if (!mayMessageResident(value)) return refused('unsafe-channel');
        if (replyWindowOf(value, replyWindows, now())?.open === false) return refused('window-closed');
        if (!(await delivered(value, () => tellResident(value, text, connector)))) return refused('not-delivered');
        const at = now().toISOString();
        await updateCase(cases, caseId, (current) => touch({ ...current, lastConnectorReplyAt: at, firstReplyAt: current.firstReplyAt ?? at, awaitingReplySince: undefined }));
        await emit({ type: 'connector-message', caseId, team: teamOf(value), connectorId: connector.id, at, text });
        return { ok: true, value: undefined };
      }),

    inviteReply: (connector, caseId) =>
      lock.run(caseId, async () => {
        const found = await held(connector, caseId);
        if (!found.ok) return found;
        const value = found.value;
        if (!mayMessageResident(value)) return refused('unsafe-channel');
        if (!replyWindowOf(value, replyWindows, now())?.template) return refused('no-invite');
        if (!(await delivered(value, () => tellResident(value, texts.handoff.replyInvite, connector, false, REOPEN_INVITE_KEY)))) return refused('not-delivered');
        return { ok: true, value: undefined };
      }),

    replyWindow: (value) => replyWindowOf(value, replyWindows, now()),

    release: (connector, caseId) =>
      lock.run(caseId, async () => {
        const found = await held(connector, caseId);
        if (!found.ok) return found;
        await unclaim(found.value);
        await emit({ type: 'released', caseId, team: teamOf(found.value), connectorId: connector.id, at: now().toISOString() });
        return { ok: true, value: undefined };
      }),

    close: (connector, caseId, outcome, detail) =>
      lock.run(caseId, async () => {
        const found = await held(connector, caseId);
        if (!found.ok) return found;
        const at = now().toISOString();
        await cases.releaseClaim(caseId);
        const closed = (await updateCase(cases, caseId, (current) =>
          touch({ ...current, status: 'closed', outcome, outcomeDetail: detail?.trim() || undefined, closedAt: at, awaitingReplySince: undefined }),
        ))!;
        await emit({ type: 'closed', caseId, team: teamOf(closed), connectorId: connector.id, outcome, at });
        // The case is closed either way; a resident who cannot be reached safely or at all hears it when they write again.
        if (closed.report) {
          // A reporter hears only the status of their report; the rating question is about help for oneself.
          const status = reportStatusText(closed, 'closed');
          if (status) await delivered(closed, () => tellResident(closed, status, undefined, true));
        } else if (mayMessageResident(closed)) {
          const told = await delivered(closed, () => tellResident(closed, closingText(texts, settings.reopenWithinDays, outcome, detail), undefined, true));
          if (told && !closed.rating) await askRating(closed);
        }
        return { ok: true, value: undefined };
      }),

    subscribe(listener: HandoffListener) {
      return bus.subscribe<unknown>(HANDOFF_TOPIC, ({ payload }) => {
        if (!handoffEventSchema.safeParse(payload).success) return;
        const event = payload as HandoffEvent;
        try {
          listener(event);
        } catch (error) {
          log.error({ ...errorFields(error), event: event.type, caseId: event.caseId }, 'handoff listener failed');
        }
      });
    },

    escalate: (caseId) =>
      lock.run(caseId, async () => {
        const at = now().toISOString();
        const value = await updateCase(cases, caseId, (current) =>
          current.status === 'escalated' ? touch({ ...current, team: teamOf(current), escalatedAt: current.escalatedAt ?? at, ...inOfficeHours(current) }) : undefined,
        );
        if (value?.status !== 'escalated') return value;
        const escalated = value;
        await emit({ type: 'escalated', caseId, team: teamOf(escalated), at, crisis: urgencyRank(escalated) === 0 });
        log.info({ caseId, level: escalated.level, team: escalated.team }, 'case escalated');
        return escalated;
      }),

    residentWrote: (caseId, text) =>
      lock.run(caseId, async () => {
        const at = now().toISOString();
        const value = await updateCase(cases, caseId, (current) =>
          isInHandoff(current) ? touch({ ...current, lastResidentMessageAt: at, awaitingReplySince: current.awaitingReplySince ?? at }) : undefined,
        );
        if (!isInHandoff(value)) return;
        await emit({ type: 'resident-message', caseId, team: teamOf(value), ...(value.claimedBy ? { holder: value.claimedBy } : {}), at, text });
      }),

    async reopenRecent(channel, conversationId, residentKey) {
      if (settings.reopenWithinDays === 0) return undefined;
      const since = now().getTime() - settings.reopenWithinDays * 24 * 60 * 60 * 1000;
      const recent = (await cases.listByResident(residentKey))
        .filter((value) => value.channel === channel && value.conversationId === conversationId && value.status === 'closed' && value.claimedBy && value.closedAt)
        .filter((value) => Date.parse(value.closedAt!) >= since)
        .sort((a, b) => Date.parse(b.closedAt!) - Date.parse(a.closedAt!))[0];
      if (!recent) return undefined;
      return lock.run(recent.id, async () => {
        const value = await cases.get(recent.id);
        if (value?.status !== 'closed' || !value.claimedBy) return undefined;
        const at = now();
        if (await cases.claim(value.id, value.claimedBy, at)) {
          const claimed = (await updateCase(cases, value.id, (current) =>
            touch({ ...current, outcome: undefined, outcomeDetail: undefined, closedAt: undefined, status: 'claimed', claimedAt: at.toISOString(), reopenedAt: at.toISOString() }),
          ))!;
          await emit({ type: 'reopened', caseId: value.id, team: teamOf(value), connectorId: value.claimedBy, at: at.toISOString() });
          return claimed;
        }
        // A leftover claim (a crash between close's two writes) must not strand the resident: the case goes to the queue instead.
        const queued = (await updateCase(cases, value.id, (current) =>
          touch({ ...current, outcome: undefined, outcomeDetail: undefined, closedAt: undefined, status: 'escalated', claimedBy: undefined, claimedAt: undefined, escalatedAt: at.toISOString(), reopenedAt: at.toISOString() }),
        ))!;
        await emit({ type: 'escalated', caseId: value.id, team: teamOf(value), at: at.toISOString(), crisis: urgencyRank(queued) === 0 });
        return queued;
      });
    },

    async eraseResident(residentKey, erase) {
      // Read before the erasure: afterwards nothing is left that says which cases, of which teams, were the resident's.
      const gone = await cases.listByResident(residentKey);
      const result = await erase();
      const at = now().toISOString();
      for (const value of gone) {
        // What the event log still holds about these cases (the resident's words) goes too.
        await bus.forget(value.id).catch((error: unknown) => log.error({ ...errorFields(error), caseId: value.id }, 'events of erased case not removed'));
        await emit({ type: 'erased', caseId: value.id, team: teamOf(value), at });
      }
      return result;
    },

    async pendingRating(channel, conversationId, residentKey) {
      return (await cases.listByResident(residentKey))
        .filter((value) => value.channel === channel && value.conversationId === conversationId && value.status === 'closed' && value.rating && !value.rating.settled)
        .sort((a, b) => Date.parse(b.rating!.askedAt) - Date.parse(a.rating!.askedAt))[0];
    },

    rate: (caseId, answer) =>
      lock.run(caseId, async () => {
        await updateCase(cases, caseId, (current) => (current.rating ? touch({ ...current, rating: { ...current.rating, ...answer } }) : undefined));
      }),

    setSafeToMessage: (caseId, state) =>
      lock.run(caseId, async () => {
        await updateCase(cases, caseId, (current) => touch({ ...current, safeToMessage: state }));
      }),

    waitingNoticeDue: (caseId) =>
      lock.run(caseId, async () => {
        const at = now();
        const quietSince = at.getTime() - WAITING_NOTICE_QUIET_MINUTES * 60 * 1000;
        let due = false;
        await updateCase(cases, caseId, (current) => {
          due = current.status === 'escalated' && (!current.waitingNoticeAt || Date.parse(current.waitingNoticeAt) <= quietSince);
          return due ? touch({ ...current, waitingNoticeAt: at.toISOString() }) : undefined;
        });
        return due;
      }),

    async sweepUnansweredClaims() {
      const deadline = now().getTime() - settings.replyTimeoutMinutes * 60 * 1000;
      // The clock starts when the resident wrote, but never before the connector took the case.
      const overdue = (value: IntakeCase) =>
        value.status === 'claimed' && value.awaitingReplySince !== undefined && Math.max(Date.parse(value.awaitingReplySince), Date.parse(value.claimedAt ?? value.awaitingReplySince)) <= deadline;
      let expired = 0;
      for await (const candidate of eachByStatus(cases, ['claimed'])) {
        if (!overdue(candidate)) continue;
        await lock.run(candidate.id, async () => {
          const value = await cases.get(candidate.id);
          if (!value || !overdue(value)) return;
          await unclaim(value, true);
          expired++;
          await emit({ type: 'claim-expired', caseId: value.id, team: teamOf(value), connectorId: value.claimedBy ?? '', at: now().toISOString() });
          log.info({ caseId: value.id }, 'unanswered claim returned to the queue');
        });
      }
      return expired;
    },
  };
}
