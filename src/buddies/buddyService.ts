import { z } from 'zod';
import { MessageFactory } from 'botbuilder';
import { buddyAlerts, type BuddyAlert, type BuddyEvent, type CheckInKind, type CloseOutcome, type IntakeCase } from '../cases/case';
import { eachByStatus, listByStatus, updateCase, type CaseRepository } from '../cases/caseRepository';
import { closingText, mayMessageResident, type HandoffCore, type ResidentMessenger } from '../handoff/handoffService';
import type { OfficeHours } from '../handoff/officeHours';
import type { ConnectorRef, HandoffRefusal } from '../handoff/ports';
import { format, type Texts } from '../i18n/texts';
import type { EventBus, KeyGuard } from '../instances/ports';
import { errorFields, type Logger } from '../log';
import { needsOf, suggestVolunteers, type CaseNeeds, type Suggestion } from './matching';
import { joinDutch, labelsOf, vocabulary } from './talents';
import { matchesFilter, type Volunteer, type VolunteerFilter, type VolunteerRepository } from './volunteer';
import { promiseState, type PromiseState } from './workingDays';

/** Why a coordinator's action on a light case or a volunteer was refused (beside the handoff's own reasons). */
export type BuddyRefusal =
  | HandoffRefusal
  /** The case is not a light case waiting for a buddy (escalated, closed, or it has a buddy and no alert). */
  | 'not-waiting'
  | 'volunteer-not-found'
  /** Paused or stopped: not to be asked now. */
  | 'volunteer-unavailable'
  /** The case needs a volunteer whose VOG was checked (see needsScreening). */
  | 'needs-screening';

export type BuddyResult<T = void> = { ok: true; value: T } | { ok: false; reason: BuddyRefusal };

/** A light case as the coordinator's queue shows it. */
export interface LightQueueEntry {
  case: IntakeCase;
  waitingSince: string;
  promise: PromiseState;
  alert?: BuddyAlert;
}

/** What happens to light cases, for the coordinators' consoles on every instance. */
export interface BuddyEventMessage {
  type: 'queued' | 'claimed' | 'released' | 'closed' | 'escalated' | 'matched' | 'alert' | 'nearing';
  caseId: string;
  team: string;
  at: string;
  alert?: BuddyAlert;
}

export type CheckInOutcome = 'recorded' | 'not-buddy';

export interface BuddySettings {
  /** The bot promises contact within this many working days ("binnen 3 werkdagen"). */
  promiseWorkingDays: number;
  /** A buddy who sends no check-in for this many days puts the case back in the queue. */
  silentDays: number;
  reopenWithinDays: number;
}

export interface BuddyDeps {
  cases: CaseRepository;
  volunteers: VolunteerRepository;
  guard: KeyGuard;
  bus: EventBus;
  messenger: ResidentMessenger;
  handoff: Pick<HandoffCore, 'escalate' | 'teamOf' | 'askRating'>;
  texts: Texts;
  log: Logger;
  officeHours: OfficeHours;
  settings: BuddySettings;
  now?: () => Date;
}

export const BUDDY_TOPIC = 'buddies';

/** The promise the bot makes at the end of a light intake, and how long a buddy may stay silent. */
export const BUDDY_SETTINGS = { promiseWorkingDays: 3, silentDays: 14 } as const;

const buddyEventSchema = z.looseObject({
  type: z.enum(['queued', 'claimed', 'released', 'closed', 'escalated', 'matched', 'alert', 'nearing']),
  caseId: z.string().min(1),
  team: z.string(),
  at: z.string(),
  alert: z.enum(buddyAlerts).optional(),
});

const DAY_MS = 24 * 60 * 60 * 1000;
// Worries first, then a buddy who dropped out, then silence; a case without a buddy yet comes after those.
const ALERT_ORDER: Record<BuddyAlert, number> = { worries: 0, 'handed-back': 1, 'another-buddy': 1, silent: 2 };
const PROMISE_ORDER: Record<PromiseState['state'], number> = { overdue: 0, nearing: 1, 'on-time': 2 };

export function isLightCase(value: IntakeCase | undefined): value is IntakeCase {
  return value?.status === 'open' && value.level === 'licht';
}

/** In the coordinator's queue: no buddy yet, or back from one with an alert. */
export function waitsForBuddy(value: IntakeCase): boolean {
  return isLightCase(value) && (!value.buddy?.volunteerId || value.buddy.alert !== undefined);
}

const refused = (reason: BuddyRefusal): { ok: false; reason: BuddyRefusal } => ({ ok: false, reason });

/**
 * The light side of the wijkteam's work: the coordinator's queue of light cases, matches with
 * volunteer buddies that a coordinator confirms, and the buddies' check-ins through the bot.
 * Every write to a case runs under the case's guard, like the handoff's, so both never collide.
 */
export function createBuddyService(deps: BuddyDeps) {
  const { cases, volunteers, guard, bus, messenger, handoff, texts, log, settings } = deps;
  const now = deps.now ?? (() => new Date());
  const teamOf = handoff.teamOf;
  const queuedAt = (value: IntakeCase) => value.buddy?.queuedAt ?? value.updatedAt;

  async function emit(event: BuddyEventMessage): Promise<void> {
    await bus.publish(BUDDY_TOPIC, event, { scope: event.caseId }).catch((error: unknown) => log.error({ ...errorFields(error), event: event.type, caseId: event.caseId }, 'buddy event not published'));
  }

  function entryOf(value: IntakeCase, at: Date): LightQueueEntry {
    const since = queuedAt(value);
    return { case: value, waitingSince: since, promise: promiseState(new Date(since), at, deps.officeHours, settings.promiseWorkingDays), ...(value.buddy?.alert ? { alert: value.buddy.alert } : {}) };
  }

  function history(value: IntakeCase, event: Omit<BuddyEvent, 'at'>): BuddyEvent[] {
    return [...(value.buddyHistory ?? []), { at: now().toISOString(), ...event }];
  }

  /** Back in the coordinator's queue without a buddy, the promise's clock started afresh. */
  function requeued(value: IntakeCase, alert: BuddyAlert, event: Omit<BuddyEvent, 'at'>): IntakeCase {
    const at = now().toISOString();
    return { ...value, updatedAt: at, buddy: { queuedAt: at, alert }, buddyHistory: history(value, event) };
  }

  async function say(reference: Record<string, unknown>, text: string, choices?: string[]): Promise<boolean> {
    try {
      await messenger.continueConversation(reference, async (context) => {
        await context.sendActivity(choices ? MessageFactory.suggestedActions(choices, text) : text);
      });
      return true;
    } catch (error) {
      log.warn({ ...errorFields(error) }, 'buddy message not delivered');
      return false;
    }
  }

  async function tellResident(value: IntakeCase, text: string): Promise<boolean> {
    return mayMessageResident(value) && say(value.conversationRef, text);
  }

  async function tellVolunteer(volunteerId: string | undefined, text: string, choices?: string[]): Promise<boolean> {
    const volunteer = volunteerId ? await volunteers.get(volunteerId) : undefined;
    return volunteer !== undefined && volunteer.status !== 'stopped' && say(volunteer.conversationRef, text, choices);
  }

  async function visible(connector: ConnectorRef, caseId: string): Promise<BuddyResult<IntakeCase>> {
    const value = await cases.get(caseId);
    if (!value) return refused('not-found');
    if (teamOf(value) !== connector.team) return refused('wrong-team');
    if (value.status === 'closed') return refused('closed');
    if (!isLightCase(value)) return refused('not-waiting');
    return { ok: true, value };
  }

  async function held(connector: ConnectorRef, caseId: string): Promise<BuddyResult<IntakeCase>> {
    const found = await visible(connector, caseId);
    if (!found.ok) return found;
    if (!found.value.claimedBy) return refused('not-claimed');
    if (found.value.claimedBy !== connector.id) return refused('not-yours');
    return found;
  }

  async function teamVolunteer(connector: ConnectorRef, volunteerId: string): Promise<BuddyResult<Volunteer>> {
    const volunteer = await volunteers.get(volunteerId);
    if (!volunteer) return refused('volunteer-not-found');
    if (volunteer.team !== connector.team) return refused('wrong-team');
    return { ok: true, value: volunteer };
  }

  /** Volunteers not to suggest again for this case: declined for it, or whose time as its buddy ended. */
  function excludedFor(value: IntakeCase): Set<string> {
    const ended = (value.buddyHistory ?? []).filter((event) => event.type !== 'confirmed' && event.type !== 'check-in' && event.volunteerId);
    return new Set(ended.map((event) => event.volunteerId!));
  }

  /** The open light case a volunteer is buddy of, the newest match first. */
  async function buddyCaseOf(volunteerKey: string): Promise<{ volunteer: Volunteer; value: IntakeCase } | undefined> {
    const volunteer = await volunteers.findByKey(volunteerKey);
    if (!volunteer) return undefined;
    const linked = (await listByStatus(cases, ['open']))
      .filter((value) => value.buddy?.volunteerId === volunteer.id)
      .sort((a, b) => (b.buddy?.matchedAt ?? '').localeCompare(a.buddy?.matchedAt ?? ''));
    return linked[0] ? { volunteer, value: linked[0] } : undefined;
  }

  /** Ends the case's buddy link with an alert; tells the queue. Returns the case as it was before. */
  async function backToQueue(caseId: string, alert: BuddyAlert, event: Omit<BuddyEvent, 'at'>): Promise<IntakeCase | undefined> {
    let before: IntakeCase | undefined;
    const after = await guard.run(caseId, () =>
      updateCase(cases, caseId, (current) => {
        before = current;
        return isLightCase(current) ? requeued(current, alert, event) : undefined;
      }),
    );
    if (!after || !isLightCase(after) || after.buddy?.alert !== alert) return undefined;
    await emit({ type: 'alert', caseId, team: teamOf(after), at: now().toISOString(), alert });
    log.info({ caseId, alert }, 'light case back in the coordinator queue');
    return before;
  }

  return {
    teamOf,

    async queue(team: string): Promise<LightQueueEntry[]> {
      const at = now();
      const waiting = (await listByStatus(cases, ['open'])).filter((value) => waitsForBuddy(value) && teamOf(value) === team).map((value) => entryOf(value, at));
      const alertRank = (entry: LightQueueEntry) => (entry.alert ? ALERT_ORDER[entry.alert] : 3);
      return waiting.sort(
        (a, b) =>
          alertRank(a) - alertRank(b) ||
          PROMISE_ORDER[a.promise.state] - PROMISE_ORDER[b.promise.state] ||
          Date.parse(a.waitingSince) - Date.parse(b.waitingSince) ||
          a.case.id.localeCompare(b.case.id),
      );
    },

    view: visible,

    /** The intake of this conversation just ended light: the coordinators' consoles learn that a case waits. */
    async announce(channel: string, conversationId: string): Promise<void> {
      const value = await cases.findActiveByConversation(channel, conversationId);
      if (value && waitsForBuddy(value)) await emit({ type: 'queued', caseId: value.id, team: teamOf(value), at: now().toISOString() });
    },

    claim: (connector: ConnectorRef, caseId: string): Promise<BuddyResult> =>
      guard.run(caseId, async () => {
        const found = await visible(connector, caseId);
        if (!found.ok) return found;
        if (found.value.claimedBy) return refused('already-claimed');
        const at = now();
        if (!(await cases.claim(caseId, connector.id, at))) return refused('already-claimed');
        await updateCase(cases, caseId, (current) => ({ ...current, claimedBy: connector.id, claimedAt: at.toISOString(), updatedAt: at.toISOString() }));
        await emit({ type: 'claimed', caseId, team: connector.team, at: at.toISOString() });
        return { ok: true, value: undefined };
      }),

    release: (connector: ConnectorRef, caseId: string): Promise<BuddyResult> =>
      guard.run(caseId, async () => {
        const found = await held(connector, caseId);
        if (!found.ok) return found;
        await cases.releaseClaim(caseId);
        await updateCase(cases, caseId, (current) => ({ ...current, claimedBy: undefined, claimedAt: undefined, updatedAt: now().toISOString() }));
        await emit({ type: 'released', caseId, team: connector.team, at: now().toISOString() });
        return { ok: true, value: undefined };
      }),

    close: (connector: ConnectorRef, caseId: string, outcome: CloseOutcome, detail?: string): Promise<BuddyResult> =>
      guard.run(caseId, async () => {
        const found = await held(connector, caseId);
        if (!found.ok) return found;
        const at = now().toISOString();
        await cases.releaseClaim(caseId);
        const closed = (await updateCase(cases, caseId, (current) => ({ ...current, status: 'closed', outcome, outcomeDetail: detail?.trim() || undefined, closedAt: at, updatedAt: at })))!;
        await emit({ type: 'closed', caseId, team: connector.team, at });
        // The same question as after a wijkverbinder's close, so the pilot's figures cover light cases too.
        if ((await tellResident(closed, closingText(texts, settings.reopenWithinDays, outcome, detail))) && !closed.rating) await handoff.askRating(closed);
        return { ok: true, value: undefined };
      }),

    /** To a professional, at any time, with the coordinator's reason; the resident hears it in plain words, a buddy that the case goes on elsewhere. */
    async escalate(connector: ConnectorRef, caseId: string, reason: string): Promise<BuddyResult> {
      const changed = await guard.run(caseId, async (): Promise<BuddyResult<IntakeCase>> => {
        const found = await visible(connector, caseId);
        if (!found.ok) return found;
        await cases.releaseClaim(caseId);
        const value = (await updateCase(cases, caseId, (current) => ({
          ...current,
          status: 'escalated',
          claimedBy: undefined,
          claimedAt: undefined,
          reasons: [...new Set([...current.reasons, 'coordinator-escalated'])],
          buddy: undefined,
          buddyHistory: history(current, { type: 'escalated', by: connector.id, reason, ...(current.buddy?.volunteerId ? { volunteerId: current.buddy.volunteerId } : {}) }),
          updatedAt: now().toISOString(),
        })))!;
        return { ok: true, value: { ...value, buddy: found.value.buddy } };
      });
      if (!changed.ok) return changed;
      // The handoff stamps the team and time and tells the wijkverbinders, like any escalation.
      await handoff.escalate(caseId);
      await emit({ type: 'escalated', caseId, team: connector.team, at: now().toISOString() });
      await tellResident(changed.value, texts.buddy.escalatedResident);
      await tellVolunteer(changed.value.buddy?.volunteerId, texts.buddy.endedVolunteer);
      return { ok: true, value: undefined };
    },

    async suggestions(connector: ConnectorRef, caseId: string): Promise<BuddyResult<{ needs: CaseNeeds; suggestions: Suggestion[] }>> {
      const found = await visible(connector, caseId);
      if (!found.ok) return found;
      const team = await volunteers.listByTeam(connector.team);
      return { ok: true, value: { needs: needsOf(found.value), suggestions: suggestVolunteers(found.value, team, texts, excludedFor(found.value)) } };
    },

    /**
     * A coordinator's yes to a match: the case leaves the queue with its buddy, and both are
     * introduced on their own channel. The bot never makes this step by itself.
     */
    async confirm(connector: ConnectorRef, caseId: string, volunteerId: string): Promise<BuddyResult<{ residentTold: boolean; volunteerTold: boolean }>> {
      const matched = await guard.run(caseId, async (): Promise<BuddyResult<{ value: IntakeCase; volunteer: Volunteer }>> => {
        const found = await visible(connector, caseId);
        if (!found.ok) return found;
        if (!waitsForBuddy(found.value)) return refused('not-waiting');
        const chosen = await teamVolunteer(connector, volunteerId);
        if (!chosen.ok) return chosen;
        const volunteer = chosen.value;
        if (volunteer.status !== 'active') return refused('volunteer-unavailable');
        if (needsOf(found.value).screening && volunteer.screening.vog !== 'checked') return refused('needs-screening');
        const at = now().toISOString();
        if (found.value.claimedBy) await cases.releaseClaim(caseId);
        const value = (await updateCase(cases, caseId, (current) => ({
          ...current,
          claimedBy: undefined,
          claimedAt: undefined,
          buddy: { queuedAt: queuedAt(current), volunteerId, matchedAt: at, matchedBy: connector.id },
          buddyHistory: history(current, { type: 'confirmed', volunteerId, by: connector.id }),
          updatedAt: at,
        })))!;
        return { ok: true, value: { value, volunteer } };
      });
      if (!matched.ok) return matched;
      const { value, volunteer } = matched.value;
      await emit({ type: 'matched', caseId, team: connector.team, at: now().toISOString() });
      const needs = needsOf(value);
      const offers = volunteer.talents.filter((talent) => needs.talents.includes(talent));
      const about = joinDutch(labelsOf(offers.length > 0 ? offers : volunteer.talents, vocabulary.talents.map((talent) => ({ id: talent.id, label: talent.reason }))));
      const residentTold = await tellResident(value, format(texts.buddy.introResident, { name: volunteer.name, about }));
      const needsText = needs.talents.length > 0 ? joinDutch(labelsOf(needs.talents, vocabulary.talents)) : texts.buddy.needsUnknown;
      const area = needs.postcode ? format(texts.buddy.introVolunteerArea, { area: needs.postcode.slice(0, 4) }) : '';
      const volunteerTold = await say(volunteer.conversationRef, format(texts.buddy.introVolunteer, { name: volunteer.name, needs: needsText, area }), texts.buddy.checkInChoices);
      log.info({ caseId, residentTold, volunteerTold }, 'buddy match confirmed');
      return { ok: true, value: { residentTold, volunteerTold } };
    },

    decline: (connector: ConnectorRef, caseId: string, volunteerId: string, reason: string): Promise<BuddyResult> =>
      guard.run(caseId, async () => {
        const found = await visible(connector, caseId);
        if (!found.ok) return found;
        const chosen = await teamVolunteer(connector, volunteerId);
        if (!chosen.ok) return chosen;
        await updateCase(cases, caseId, (current) => ({ ...current, buddyHistory: history(current, { type: 'declined', volunteerId, by: connector.id, reason }), updatedAt: now().toISOString() }));
        return { ok: true, value: undefined };
      }),

    async volunteersOf(connector: ConnectorRef, filter: VolunteerFilter): Promise<Volunteer[]> {
      return (await volunteers.listByTeam(connector.team)).filter((volunteer) => matchesFilter(volunteer, filter));
    },

    volunteer: teamVolunteer,

    /** For a case's buddy history: undefined once the volunteer is erased. */
    volunteerName: async (id: string): Promise<string | undefined> => (await volunteers.get(id))?.name,

    /** The coordinator records whether they saw the volunteer's VOG. */
    setScreening: (connector: ConnectorRef, volunteerId: string, checked: boolean): Promise<BuddyResult<Volunteer>> =>
      guard.run(`volunteer:${volunteerId}`, async () => {
        const found = await teamVolunteer(connector, volunteerId);
        if (!found.ok) return found;
        const at = now().toISOString();
        const value: Volunteer = { ...found.value, screening: { vog: checked ? 'checked' : 'unchecked', by: connector.id, at }, updatedAt: at };
        await volunteers.save(value);
        return { ok: true, value };
      }),

    /** A buddy's check-in through the bot; worries put the case back in the coordinator's queue at once. */
    async checkIn(volunteerKey: string, kind: CheckInKind): Promise<CheckInOutcome> {
      const linked = await buddyCaseOf(volunteerKey);
      if (!linked) return 'not-buddy';
      const event = { type: 'check-in' as const, checkIn: kind, volunteerId: linked.volunteer.id };
      if (kind === 'worries') {
        await backToQueue(linked.value.id, 'worries', event);
        return 'recorded';
      }
      await guard.run(linked.value.id, () =>
        updateCase(cases, linked.value.id, (current) =>
          current.buddy?.volunteerId === linked.volunteer.id
            ? { ...current, buddy: { ...current.buddy, lastCheckInAt: now().toISOString() }, buddyHistory: history(current, event), updatedAt: now().toISOString() }
            : undefined,
        ),
      );
      return 'recorded';
    },

    /** A buddy who cannot go on: the case goes back to the coordinator, and the resident hears it is not their fault. */
    async handBack(volunteerKey: string): Promise<CheckInOutcome> {
      const linked = await buddyCaseOf(volunteerKey);
      if (!linked) return 'not-buddy';
      const before = await backToQueue(linked.value.id, 'handed-back', { type: 'handed-back', volunteerId: linked.volunteer.id });
      if (before) await tellResident(before, texts.buddy.handedBackResident);
      return 'recorded';
    },

    /** The resident asks for another buddy: 'asked' when they had one, 'none' when the coordinator is still looking. */
    async anotherBuddy(channel: string, conversationId: string): Promise<'asked' | 'none'> {
      const value = await cases.findActiveByConversation(channel, conversationId);
      const volunteerId = value?.buddy?.volunteerId;
      if (!isLightCase(value) || !volunteerId || value.buddy?.alert) return 'none';
      const before = await backToQueue(value.id, 'another-buddy', { type: 'another-buddy', volunteerId });
      if (before) await tellVolunteer(volunteerId, texts.buddy.endedVolunteer);
      return 'asked';
    },

    /**
     * The timed part, run by the one instance holding the timers' lease: a buddy silent for too
     * long, or erased ("verwijder mijn gegevens"), puts the case back in the queue, and a waiting
     * case nearing the promised working days alerts the coordinators once.
     */
    async sweep(): Promise<{ silent: number; nearing: number; gone: number }> {
      const at = now();
      const silentBefore = at.getTime() - settings.silentDays * DAY_MS;
      let silent = 0;
      let nearing = 0;
      let gone = 0;
      for await (const value of eachByStatus(cases, ['open'])) {
        if (!isLightCase(value)) continue;
        const link = value.buddy;
        if (link?.volunteerId && !link.alert && !(await volunteers.get(link.volunteerId))) {
          if (await backToQueue(value.id, 'handed-back', { type: 'handed-back', volunteerId: link.volunteerId })) gone++;
          continue;
        }
        if (link?.volunteerId && !link.alert && Date.parse(link.lastCheckInAt ?? link.matchedAt ?? queuedAt(value)) <= silentBefore) {
          if (await backToQueue(value.id, 'silent', { type: 'silent', volunteerId: link.volunteerId })) silent++;
          continue;
        }
        if (!waitsForBuddy(value) || link?.nearingAlertAt || entryOf(value, at).promise.state === 'on-time') continue;
        const stamped = await guard.run(value.id, () =>
          updateCase(cases, value.id, (current) =>
            waitsForBuddy(current) && !current.buddy?.nearingAlertAt ? { ...current, buddy: { queuedAt: queuedAt(current), ...current.buddy, nearingAlertAt: at.toISOString() } } : undefined,
          ),
        );
        if (stamped?.buddy?.nearingAlertAt !== at.toISOString()) continue;
        nearing++;
        await emit({ type: 'nearing', caseId: value.id, team: teamOf(value), at: at.toISOString() });
      }
      return { silent, nearing, gone };
    },

    subscribe(listener: (event: BuddyEventMessage) => void): () => void {
      return bus.subscribe<unknown>(BUDDY_TOPIC, ({ payload }) => {
        if (buddyEventSchema.safeParse(payload).success) listener(payload as BuddyEventMessage);
      });
    },
  };
}

export type BuddyService = ReturnType<typeof createBuddyService>;
