import { z } from 'zod';
import { dutchHoliday } from './holidays';

/** Dutch day abbreviations in the order of Date.getDay(): zo = 0 … za = 6. */
const DAYS = ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'] as const;
const TIME_ZONE = 'Europe/Amsterdam';

/** One opening on one weekday, in minutes after local midnight. */
export interface OpeningSlot {
  day: number;
  open: number;
  close: number;
}

export interface OfficeHours {
  slots: OpeningSlot[];
  /** Closed on Dutch public holidays (OFFICE_CLOSED_ON_HOLIDAYS). */
  closedOnHolidays: boolean;
}

/** Open now (until when), or closed (and when it opens next, in Amsterdam time; the holiday's name if today is one). */
export type OpeningStatus =
  | { open: true; closes: string }
  | { open: false; holiday?: string; next: { daysAhead: number; day: number; time: string } };

/** Long enough to pass a holiday cluster such as Christmas next to a weekend, even with one opening day a week. */
const LOOK_AHEAD_DAYS = 21;

const SEGMENT = /^(\S+)\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

/**
 * Parses e.g. "ma-vr 09:00-17:00" or "ma-do 09:00-17:00; vr 09:00-12:00" (days: ma di wo do vr za zo,
 * ranges with "-", lists with ","). Errors name the segment, for the one-line config error.
 */
export function parseOfficeHours(text: string, closedOnHolidays = true): OfficeHours | string {
  const slots: OpeningSlot[] = [];
  for (const raw of text.split(';')) {
    const segment = raw.trim().toLowerCase();
    if (segment === '') continue;
    const match = SEGMENT.exec(segment);
    if (!match) return `"${raw.trim()}" is not like "ma-vr 09:00-17:00"`;
    const [, dayPart, openHour, openMinute, closeHour, closeMinute] = match;
    const [open, close] = [minutes(openHour, openMinute), minutes(closeHour, closeMinute)];
    if (open === undefined || close === undefined || open >= close) return `"${raw.trim()}" has no valid opening and closing time`;
    for (const part of dayPart.split(',')) {
      const days = dayRange(part);
      if (!days) return `"${part}" is not a day range of ${DAYS.join(' ')}`;
      for (const day of days) slots.push({ day, open, close });
    }
  }
  return slots.length > 0 ? { slots, closedOnHolidays } : 'names no opening hours';
}

/** The config schema: a text in, parsed office hours out. */
export const officeHoursSchema = z.string().transform((text, ctx) => {
  const parsed = parseOfficeHours(text);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});

/** Whether the team is open at `at`, and otherwise when it opens next (in Amsterdam time). */
export function openingStatus(hours: OfficeHours, at: Date): OpeningStatus {
  const now = amsterdamTime(at);
  const holiday = hours.closedOnHolidays ? dutchHoliday(now.date) : undefined;
  const current = holiday ? undefined : hours.slots.find((slot) => slot.day === now.day && slot.open <= now.minute && now.minute < slot.close);
  if (current) return { open: true, closes: clock(current.close) };
  for (let daysAhead = 0; daysAhead <= LOOK_AHEAD_DAYS; daysAhead++) {
    const day = (now.day + daysAhead) % 7;
    if (hours.closedOnHolidays && dutchHoliday(addDays(now.date, daysAhead))) continue;
    const later = hours.slots.filter((slot) => slot.day === day && (daysAhead > 0 || slot.open > now.minute)).sort((a, b) => a.open - b.open)[0];
    if (later) return { open: false, ...(holiday ? { holiday } : {}), next: { daysAhead, day, time: clock(later.open) } };
  }
  // parseOfficeHours never returns an empty schedule, and no run of holidays lasts three weeks.
  throw new Error('office hours without any opening');
}

// Made once: building a formatter costs far more than using it, and every case write asks for its week.
const AMSTERDAM_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The weekday, minute of the day and calendar date (YYYY-MM-DD) in Amsterdam, whatever the server's zone. */
export function amsterdamTime(at: Date): { day: number; minute: number; date: string } {
  const parts = AMSTERDAM_PARTS.formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(part('weekday'));
  return { day, minute: Number(part('hour')) * 60 + Number(part('minute')), date: `${part('year')}-${part('month')}-${part('day')}` };
}

/** Calendar arithmetic on a date without a zone: UTC noon never crosses a day boundary. */
export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T12:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

function minutes(hours: string, mins: string): number | undefined {
  const [h, m] = [Number(hours), Number(mins)];
  if (m > 59 || h > 24 || (h === 24 && m > 0)) return undefined;
  return h * 60 + m;
}

function dayRange(part: string): number[] | undefined {
  const [from, to = from] = part.split('-').map((name) => DAYS.indexOf(name as (typeof DAYS)[number]));
  if (from < 0 || to < 0) return undefined;
  const days = [from];
  // A range may wrap around the week ("za-ma").
  for (let day = from; day !== to; ) days.push((day = (day + 1) % 7));
  return days;
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
