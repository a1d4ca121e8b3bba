import type { BrokenDown, FiguresQuery, FiguresStore, Ranked, WeekSums } from '../../figures/figures';
import { SUMMED } from '../../figures/figures';
import { amsterdamWeek } from '../../figures/week';
import type { SqliteDatabase } from './database';

/** The figures in SQL over each case's stored measures; `cases_team_week` serves every query's filter. */
export class SqliteFigures implements FiguresStore {
  constructor(private readonly db: SqliteDatabase) {}

  async sums(query: FiguresQuery): Promise<WeekSums[]> {
    const columns = SUMMED.map((name) => `COALESCE(SUM(json_extract(measures, '$.${name}')), 0) AS ${name}`).join(', ');
    const { where, params } = scope(query);
    return this.db.prepare<unknown[], WeekSums>(`SELECT week, COUNT(*) AS started, ${columns} FROM cases WHERE ${where} GROUP BY week ORDER BY week`).all(...params);
  }

  async breakdown(query: FiguresQuery, measure: BrokenDown): Promise<Array<{ week: string; key: string; count: number }>> {
    const { where, params } = scope(query);
    // A case counts once per domain it touches: the measures hold each domain once.
    const sql =
      measure === 'domains'
        ? `SELECT week, domain.value AS key, COUNT(*) AS count FROM cases, json_each(cases.measures, '$.domains') AS domain WHERE ${where} GROUP BY week, key ORDER BY week, key`
        : `SELECT week, json_extract(measures, '$.${measure}') AS key, COUNT(*) AS count FROM cases WHERE ${where} AND key IS NOT NULL GROUP BY week, key ORDER BY week, key`;
    return this.db.prepare<unknown[], { week: string; key: string; count: number }>(sql).all(...params);
  }

  async nth(query: FiguresQuery, week: string, measure: Ranked, rank: number, inOfficeHours?: boolean): Promise<number | null> {
    const { where, params } = scope({ ...query, fromWeek: week, toWeek: week });
    const hours = inOfficeHours === undefined ? '' : ` AND json_extract(measures, '$.inOfficeHours') = ${inOfficeHours ? 1 : 0}`;
    const row = this.db
      .prepare<unknown[], { value: number }>(
        `SELECT json_extract(measures, '$.${measure}') AS value FROM cases WHERE ${where} AND value IS NOT NULL${hours} ORDER BY value LIMIT 1 OFFSET ?`,
      )
      .get(...params, rank - 1);
    return row?.value ?? null;
  }

  async recordConsentRefused(at: Date): Promise<void> {
    this.db.prepare('INSERT INTO consent_refusals (week) VALUES (?)').run(amsterdamWeek(at));
  }

  async consentRefusals(query: FiguresQuery): Promise<Array<{ week: string; count: number }>> {
    // A refusal belongs to no team: it is counted with the cases no team took up.
    if (!query.teams.includes('')) return [];
    return this.db
      .prepare<[string, string], { week: string; count: number }>('SELECT week, COUNT(*) AS count FROM consent_refusals WHERE week BETWEEN ? AND ? GROUP BY week ORDER BY week')
      .all(query.fromWeek, query.toWeek);
  }
}

function scope(query: FiguresQuery): { where: string; params: unknown[] } {
  const marks = query.teams.map(() => '?').join(', ');
  return { where: `team IN (${marks || "NULL"}) AND week BETWEEN ? AND ?`, params: [...query.teams, query.fromWeek, query.toWeek] };
}
