import { domainsOf, type IntakeCase } from '../cases/case';
import { amsterdamWeek } from './week';

/**
 * What the figures count of one case, derived when the case is stored so that both databases can
 * group and sum them without date or condition operators (FerretDB's aggregation has $sum and
 * $count only). Flags are 0 or 1 so a sum is a count; durations are minutes.
 */
export interface CaseMeasures {
  /** ISO week (Amsterdam) in which the intake started. */
  week: string;
  /** '' for a case no team took up (a light case): the default team's figures count it. */
  team: string;
  completed: 0 | 1;
  /** A neighbour's overlast report: counted apart, so it is never an intake that was not finished. */
  reported: 0 | 1;
  level: string | null;
  domains: string[];
  crisis: 0 | 1;
  escalated: 0 | 1;
  replied: 0 | 1;
  repliedInHours: 0 | 1;
  repliedOutHours: 0 | 1;
  replyMinutes: number | null;
  /** Whether the escalation came within office hours; null when not known (not escalated, or before this was recorded). */
  inOfficeHours: boolean | null;
  returned: number;
  closed: 0 | 1;
  /** Closed at least once (also when reopened since): the base of the reopen rate. */
  everClosed: 0 | 1;
  reopened: 0 | 1;
  outcome: string | null;
  handled: 0 | 1;
  handlingMinutes: number | null;
  rating: string | null;
}

/** The rating as one label: the answer, or that the resident declined, or that they let it pass. */
export const RATING_REFUSED = 'geweigerd';
export const RATING_UNANSWERED = 'geen-antwoord';

export function measuresOf(value: IntakeCase): CaseMeasures {
  const escalated = value.escalatedAt !== undefined;
  const replyMinutes = minutesBetween(value.escalatedAt, value.firstReplyAt);
  const handlingMinutes = value.status === 'closed' ? minutesBetween(value.claimedAt, value.closedAt) : null;
  const inOfficeHours = escalated ? (value.escalatedInOfficeHours ?? null) : null;
  return {
    week: amsterdamWeek(new Date(value.createdAt)),
    team: value.team ?? '',
    completed: value.answers.nodig !== undefined ? 1 : 0,
    reported: value.report ? 1 : 0,
    level: value.level ?? null,
    domains: domainsOf(value),
    crisis: value.level === 'crisis' ? 1 : 0,
    escalated: escalated ? 1 : 0,
    replied: replyMinutes === null ? 0 : 1,
    repliedInHours: replyMinutes !== null && inOfficeHours === true ? 1 : 0,
    repliedOutHours: replyMinutes !== null && inOfficeHours === false ? 1 : 0,
    replyMinutes,
    inOfficeHours,
    returned: value.returnedToQueue ?? 0,
    closed: value.status === 'closed' ? 1 : 0,
    everClosed: value.status === 'closed' || value.reopenedAt !== undefined ? 1 : 0,
    reopened: value.reopenedAt !== undefined ? 1 : 0,
    outcome: value.status === 'closed' ? (value.outcome ?? null) : null,
    handled: handlingMinutes === null ? 0 : 1,
    handlingMinutes,
    rating: value.rating ? (value.rating.answer ?? (value.rating.refused ? RATING_REFUSED : RATING_UNANSWERED)) : null,
  };
}

function minutesBetween(from: string | undefined, to: string | undefined): number | null {
  if (!from || !to) return null;
  const minutes = (Date.parse(to) - Date.parse(from)) / 60000;
  return Number.isFinite(minutes) && minutes >= 0 ? Math.round(minutes) : null;
}
