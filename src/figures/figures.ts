import type { CaseMeasures } from './measures';

/** Which cases the figures cover: weeks (inclusive, "2026-W13") and teams ('' = cases no team took up). */
export interface FiguresQuery {
  teams: string[];
  fromWeek: string;
  toWeek: string;
}

/** The measures a week's row adds up (see CaseMeasures); `started` is the number of cases. */
export const SUMMED = ['completed', 'reported', 'crisis', 'escalated', 'replied', 'repliedInHours', 'repliedOutHours', 'returned', 'everClosed', 'reopened', 'handled', 'handlingMinutes'] as const;
export type Summed = (typeof SUMMED)[number];
export type WeekSums = { week: string; started: number } & Record<Summed, number>;

/** Measures counted per value; `domains` per domain a case touches. */
export const BROKEN_DOWN = ['level', 'domains', 'outcome', 'rating'] as const;
export type BrokenDown = (typeof BROKEN_DOWN)[number];

/** Durations whose median and 90th percentile are taken, optionally only of escalations in (true) or outside (false) office hours. */
export type Ranked = Extract<keyof CaseMeasures, 'replyMinutes' | 'handlingMinutes'>;

/**
 * What a store computes for the figures, each in the database: sums per week, counts per value per
 * week, and the n-th smallest duration of a week (1-based), which gives any percentile.
 */
export interface FiguresStore {
  sums(query: FiguresQuery): Promise<WeekSums[]>;
  breakdown(query: FiguresQuery, measure: BrokenDown): Promise<Array<{ week: string; key: string; count: number }>>;
  nth(query: FiguresQuery, week: string, measure: Ranked, rank: number, inOfficeHours?: boolean): Promise<number | null>;
  /** Consent refusals leave no case (nothing is kept of a resident who said no), only an anonymous tally by week. */
  recordConsentRefused(at: Date): Promise<void>;
  consentRefusals(query: FiguresQuery): Promise<Array<{ week: string; count: number }>>;
}

/** One week of one team's figures, unrounded and unsuppressed: the console and the CSV present it (see presentFigures). */
export interface WeekFigures extends WeekSums {
  consentRefused: number;
  levels: Record<string, number>;
  domains: Record<string, number>;
  outcomes: Record<string, number>;
  ratings: Record<string, number>;
  replyMedian: number | null;
  replyP90: number | null;
  replyMedianInHours: number | null;
  replyMedianOutHours: number | null;
  handlingMedian: number | null;
}

/** Nearest rank: the smallest value with at least p of all values at or below it. */
export function percentileRank(count: number, p: number): number {
  return Math.max(1, Math.ceil(p * count));
}

/** The figures of every week that has a case or a refusal, oldest first. */
export async function weeklyFigures(store: FiguresStore, query: FiguresQuery): Promise<WeekFigures[]> {
  const sums = new Map((await store.sums(query)).map((row) => [row.week, row]));
  const refusals = new Map((await store.consentRefusals(query)).map((row) => [row.week, row.count]));
  const [levels, domains, outcomes, ratings] = await Promise.all(BROKEN_DOWN.map((measure) => store.breakdown(query, measure)));
  const weeks = [...new Set([...sums.keys(), ...refusals.keys()])].sort();
  const perWeek = (rows: Array<{ week: string; key: string; count: number }>, week: string) =>
    Object.fromEntries(rows.filter((row) => row.week === week).map((row) => [row.key, row.count]));
  const ranked = async (week: string, measure: Ranked, count: number, p: number, inOfficeHours?: boolean) =>
    count === 0 ? null : store.nth(query, week, measure, percentileRank(count, p), inOfficeHours);
  const result: WeekFigures[] = [];
  for (const week of weeks) {
    const sum = sums.get(week) ?? emptySums(week);
    result.push({
      ...sum,
      consentRefused: refusals.get(week) ?? 0,
      levels: perWeek(levels, week),
      domains: perWeek(domains, week),
      outcomes: perWeek(outcomes, week),
      ratings: perWeek(ratings, week),
      replyMedian: await ranked(week, 'replyMinutes', sum.replied, 0.5),
      replyP90: await ranked(week, 'replyMinutes', sum.replied, 0.9),
      replyMedianInHours: await ranked(week, 'replyMinutes', sum.repliedInHours, 0.5, true),
      replyMedianOutHours: await ranked(week, 'replyMinutes', sum.repliedOutHours, 0.5, false),
      handlingMedian: await ranked(week, 'handlingMinutes', sum.handled, 0.5),
    });
  }
  return result;
}

function emptySums(week: string): WeekSums {
  return { week, started: 0, ...(Object.fromEntries(SUMMED.map((name) => [name, 0])) as Record<Summed, number>) };
}
