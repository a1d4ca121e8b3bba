import { closeOutcomes, levels, ratingAnswers } from '../cases/case';
import type { WeekFigures } from './figures';
import { RATING_REFUSED, RATING_UNANSWERED } from './measures';

/** Below this many, a count is shown as "< 5": with so few cases a resident could be recognised. */
export const SMALL_COUNT = 5;
export const SUPPRESSED = '< 5';

export type Cell = number | typeof SUPPRESSED | null;

/** One week as the console and the CSV show it: column key → value, small counts suppressed. */
export interface PresentedWeek {
  week: string;
  cells: Record<string, Cell>;
}

export interface PresentedFigures {
  /** Column keys in display order; labels live in locales (console.json figures.columns). */
  columns: string[];
  weeks: PresentedWeek[];
}

const RATINGS = [...ratingAnswers, RATING_REFUSED, RATING_UNANSWERED];

/**
 * Suppression: a count of 1 to 4 is "< 5"; a median or percentile of fewer than 5 cases is too (it
 * would describe those few), and so is a rate whose part or whole is 1 to 4.
 */
export function presentFigures(rows: WeekFigures[]): PresentedFigures {
  const domains = [...new Set(rows.flatMap((row) => Object.keys(row.domains)))].sort((a, b) => a.localeCompare(b, 'nl'));
  const weeks = rows.map((row) => {
    const cells: Record<string, Cell> = {
      // Cases are intakes and reports; a report is no intake, begun or finished.
      started: count(row.started - row.reported),
      completed: count(row.completed),
      consentRefused: count(row.consentRefused),
      reports: count(row.reported),
      ...Object.fromEntries(levels.map((level) => [`level.${level}`, count(row.levels[level] ?? 0)])),
      crisis: count(row.crisis),
      ...Object.fromEntries(domains.map((domain) => [`domain.${domain}`, count(row.domains[domain] ?? 0)])),
      escalated: count(row.escalated),
      replyMedianMinutes: over(row.replied, row.replyMedian),
      replyP90Minutes: over(row.replied, row.replyP90),
      replyMedianInHoursMinutes: over(row.repliedInHours, row.replyMedianInHours),
      replyMedianOutHoursMinutes: over(row.repliedOutHours, row.replyMedianOutHours),
      returnedToQueue: count(row.returned),
      ...Object.fromEntries(closeOutcomes.map((outcome) => [`outcome.${outcome}`, count(row.outcomes[outcome] ?? 0)])),
      reopened: count(row.reopened),
      reopenRatePercent: rate(row.reopened, row.everClosed),
      handlingMedianMinutes: over(row.handled, row.handlingMedian),
      handlingTotalHours: over(row.handled, Math.round((row.handlingMinutes / 60) * 10) / 10),
      ...Object.fromEntries(RATINGS.map((rating) => [`rating.${rating}`, count(row.ratings[rating] ?? 0)])),
    };
    return { week: row.week, cells };
  });
  const columns = weeks[0] ? Object.keys(weeks[0].cells) : [];
  return { columns, weeks };
}

function count(value: number): Cell {
  return value > 0 && value < SMALL_COUNT ? SUPPRESSED : value;
}

function over(cases: number, value: number | null): Cell {
  if (cases === 0) return null;
  return cases < SMALL_COUNT ? SUPPRESSED : value;
}

function rate(part: number, whole: number): Cell {
  if (whole === 0) return null;
  if (count(part) === SUPPRESSED || count(whole) === SUPPRESSED) return SUPPRESSED;
  return Math.round((part / whole) * 100);
}

/** The figures as CSV (RFC 4180) for the experiment's evaluation: one row per week, the same suppression. */
export function figuresCsv(figures: PresentedFigures): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = [['week', ...figures.columns], ...figures.weeks.map((week) => [week.week, ...figures.columns.map((column) => String(week.cells[column] ?? ''))])];
  return lines.map((line) => line.map(quote).join(',')).join('\r\n') + '\r\n';
}
