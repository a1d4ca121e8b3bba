import { amsterdamTime } from '../handoff/officeHours';

/**
 * The ISO week ("2026-W13") of a moment as the wijkteam lives it, in Amsterdam: a case on Sunday
 * 23:30 in summer time is in the week of that Sunday, whatever the server's zone. The text sorts
 * in time order, so stores compare weeks as strings.
 */
export function amsterdamWeek(at: Date): string {
  return isoWeekOfDate(amsterdamTime(at).date);
}

/** The ISO week of a calendar date (YYYY-MM-DD): the week belongs to the year of its Thursday. */
export function isoWeekOfDate(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7;
  const thursday = new Date(day);
  thursday.setUTCDate(day.getUTCDate() - weekday + 3);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4, 12));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * 24 * 60 * 60 * 1000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
