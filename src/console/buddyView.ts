import { domainsOf, type IntakeCase } from '../cases/case';
import type { LightQueueEntry } from '../buddies/buddyService';
import type { Suggestion } from '../buddies/matching';
import { needsOf } from '../buddies/matching';
import { labelsOf, vocabulary } from '../buddies/talents';
import type { Volunteer } from '../buddies/volunteer';
import type { ConsoleContext } from './context';
import { namesFrom } from './names';

/** A volunteer as the coordinator sees them: never their channel address or conversation. */
export function volunteerItem(value: Volunteer) {
  return {
    id: value.id,
    name: value.name,
    talents: labelsOf(value.talents, vocabulary.talents),
    talentIds: value.talents,
    talentText: value.talentText,
    days: labelsOf(value.days, vocabulary.days),
    dayParts: labelsOf(value.dayParts, vocabulary.dayParts),
    area: value.area.given,
    postcode: value.area.postcode ?? null,
    languages: labelsOf(value.languages, vocabulary.languages),
    contact: value.contact,
    status: value.status,
    screened: value.screening.vog === 'checked',
    updatedAt: value.updatedAt,
  };
}

/** A suggestion with its reasons, ready to show: "kookt graag · woont 300 m verderop · spreekt Turks". */
export function suggestionItem(suggestion: Suggestion, separator: string) {
  return {
    volunteer: volunteerItem(suggestion.volunteer),
    reasons: suggestion.reasons,
    reasonText: suggestion.reasons.join(separator),
    screened: suggestion.screened,
    confirmable: suggestion.confirmable,
  };
}

/** The needs of a light case as read from the answers, in the list's words. */
export function needsItem(value: IntakeCase) {
  const needs = needsOf(value);
  return { talents: labelsOf(needs.talents, vocabulary.talents), languages: labelsOf(needs.languages, vocabulary.languages), postcode: needs.postcode ?? null, screening: needs.screening };
}

/** The coordinator's light-case rows: waiting time against the promise, why it is back, who holds it; no answers, no resident ids. */
export async function lightQueue(ctx: ConsoleContext, team: string) {
  const nameOf = namesFrom(ctx);
  const entries: LightQueueEntry[] = await ctx.buddies.queue(team);
  return Promise.all(
    entries.map(async (entry) => {
      const value = entry.case;
      return {
        caseId: value.id,
        pseudonym: ctx.pseudonymOf(value.residentKey),
        channel: value.channel,
        waitingSince: entry.waitingSince,
        dueDate: entry.promise.dueDate,
        workingDaysLeft: entry.promise.workingDaysLeft,
        promise: entry.promise.state,
        alert: entry.alert ?? null,
        domains: domainsOf(value),
        needs: needsItem(value).talents,
        claimedBy: value.claimedBy ? ((await nameOf(value.claimedBy)) ?? { id: value.claimedBy, displayName: value.claimedBy }) : null,
      };
    }),
  );
}

/** The buddy history of a case, with names where the people still exist. */
export async function buddyHistory(ctx: ConsoleContext, value: IntakeCase) {
  const nameOf = namesFrom(ctx);
  const volunteerName = async (id: string | undefined) => (id ? ((await ctx.buddies.volunteerName(id)) ?? null) : null);
  const current = value.buddy?.volunteerId;
  return {
    buddy: current && !value.buddy?.alert ? { id: current, name: await volunteerName(current), matchedAt: value.buddy?.matchedAt ?? null, lastCheckInAt: value.buddy?.lastCheckInAt ?? null } : null,
    alert: value.buddy?.alert ?? null,
    events: await Promise.all(
      (value.buddyHistory ?? []).map(async (event) => ({
        at: event.at,
        type: event.type,
        volunteer: event.volunteerId ? { id: event.volunteerId, name: await volunteerName(event.volunteerId) } : null,
        by: event.by ? ((await nameOf(event.by)) ?? { id: event.by, displayName: event.by }) : null,
        reason: event.reason ?? null,
        checkIn: event.checkIn ?? null,
      })),
    ),
  };
}
