import type { IntakeCase } from '../cases/case';
import { openingStatus, type OfficeHours, type OpeningStatus } from '../handoff/officeHours';
import { urgencyRank } from '../handoff/urgency';
import { format, type Texts } from '../i18n/texts';
import { helplineTexts } from '../../dialogs/helplines';

/**
 * What the resident hears when a person takes over: honestly whether someone is there now, and
 * otherwise when the team opens; that they may keep writing; in a crisis, the numbers once more.
 */
export function escalationNotice(texts: Texts, value: IntakeCase, hours: OfficeHours, anyoneOnline: boolean, at: Date, numbersGiven = false): string[] {
  const h = texts.handoff;
  const status = openingStatus(hours, at);
  const when = anyoneOnline ? h.someoneOnline : status.open ? format(h.openNobodyOnline, { closes: status.closes }) : closedNotice(texts, status);
  // A reporter waits for no answer: the report is read, and they may add to it.
  const notice = [value.report ? texts.report.queued : `${when} ${h.keepWriting}`];
  // A crisis reply in this same turn already gave the numbers: never the same block twice.
  if (urgencyRank(value) === 0 && !numbersGiven) notice.push([h.cannotWait, ...helplineTexts(texts, value.flags)].join('\n\n'));
  return notice;
}

/** A resident writes while nobody has taken the case yet: their message waits, and when a person can read it. */
export function waitingNotice(texts: Texts, hours: OfficeHours, at: Date): string {
  const status = openingStatus(hours, at);
  return status.open ? texts.handoff.waiting.open : format(texts.handoff.waiting.closed, { next: nextOpening(texts, status) });
}

function closedNotice(texts: Texts, status: Extract<OpeningStatus, { open: false }>): string {
  const next = nextOpening(texts, status);
  return status.holiday ? format(texts.handoff.closedHoliday, { holiday: status.holiday, next }) : format(texts.handoff.closedNow, { next });
}

function nextOpening(texts: Texts, status: Extract<OpeningStatus, { open: false }>): string {
  const h = texts.handoff;
  const { daysAhead, day, time } = status.next;
  if (daysAhead === 0) return format(h.nextToday, { time });
  if (daysAhead === 1) return format(h.nextTomorrow, { time });
  return format(h.nextOnDay, { day: h.days[day], time });
}
