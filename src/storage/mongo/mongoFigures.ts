import { ObjectId, type Document } from 'mongodb';
import { SUMMED, type BrokenDown, type FiguresQuery, type FiguresStore, type Ranked, type WeekSums } from '../../figures/figures';
import { amsterdamWeek } from '../../figures/week';
import type { MongoCollections } from './collections';

/**
 * The figures as aggregation pipelines over each case's `measures` (see measuresOf). They keep to
 * what FerretDB 1.24 does right, which shapes them: a $group computes only its first accumulator
 * (so one pipeline per sum), and $unwind drops every other field (so domains are unwound per week).
 */
export class MongoFigures implements FiguresStore {
  constructor(private readonly c: MongoCollections) {}

  async sums(query: FiguresQuery): Promise<WeekSums[]> {
    const names = ['started', ...SUMMED] as const;
    const columns = await Promise.all(names.map((name) => this.perWeek(query, name === 'started' ? 1 : `$measures.${name}`)));
    const weeks = [...columns[0].keys()].sort();
    return weeks.map((week) => ({ week, ...Object.fromEntries(names.map((name, index) => [name, columns[index].get(week) ?? 0])) }) as WeekSums);
  }

  async breakdown(query: FiguresQuery, measure: BrokenDown): Promise<Array<{ week: string; key: string; count: number }>> {
    if (measure === 'domains') return this.domains(query);
    const field = `measures.${measure}`;
    const rows = await this.c.cases
      .aggregate<{ _id: { week: string; key: string }; count: number }>([
        { $match: { ...scope(query), [field]: { $type: 'string' } } },
        { $group: { _id: { week: '$measures.week', key: `$${field}` }, count: { $sum: 1 } } },
      ])
      .toArray();
    return rows.map((row) => ({ week: row._id.week, key: row._id.key, count: row.count })).sort(byWeekAndKey);
  }

  async nth(query: FiguresQuery, week: string, measure: Ranked, rank: number, inOfficeHours?: boolean): Promise<number | null> {
    const field = `measures.${measure}`;
    const filter = { ...scope({ ...query, fromWeek: week, toWeek: week }), [field]: { $type: 'number' }, ...(inOfficeHours === undefined ? {} : { 'measures.inOfficeHours': inOfficeHours }) };
    const [doc] = await this.c.cases.find(filter, { projection: { measures: 1 } }).sort({ [field]: 1, _id: 1 }).skip(rank - 1).limit(1).toArray();
    return doc?.measures[measure] ?? null;
  }

  private async perWeek(query: FiguresQuery, sum: 1 | string): Promise<Map<string, number>> {
    const rows = await this.c.cases.aggregate<{ _id: string; value: number }>([{ $match: scope(query) }, { $group: { _id: '$measures.week', value: { $sum: sum } } }]).toArray();
    return new Map(rows.map((row) => [row._id, row.value]));
  }

  /** A case counts once per domain it touches: `domains` holds each once (see caseDocOf). */
  private async domains(query: FiguresQuery): Promise<Array<{ week: string; key: string; count: number }>> {
    const weeks = [...(await this.perWeek(query, 1)).keys()];
    const rows = await Promise.all(
      weeks.map(async (week) => {
        const counts = await this.c.cases
          .aggregate<{ _id: string; count: number }>([{ $match: scope({ ...query, fromWeek: week, toWeek: week }) }, { $unwind: '$domains' }, { $group: { _id: '$domains', count: { $sum: 1 } } }])
          .toArray();
        return counts.map((row) => ({ week, key: row._id, count: row.count }));
      }),
    );
    return rows.flat().sort(byWeekAndKey);
  }

  async recordConsentRefused(at: Date): Promise<void> {
    await this.c.consentRefusals.insertOne({ _id: new ObjectId(), week: amsterdamWeek(at) });
  }

  async consentRefusals(query: FiguresQuery): Promise<Array<{ week: string; count: number }>> {
    // A refusal belongs to no team: it is counted with the cases no team took up.
    if (!query.teams.includes('')) return [];
    const rows = await this.c.consentRefusals
      .aggregate<{ _id: string; count: number }>([{ $match: { week: { $gte: query.fromWeek, $lte: query.toWeek } } }, { $group: { _id: '$week', count: { $sum: 1 } } }])
      .toArray();
    return rows.map((row) => ({ week: row._id, count: row.count })).sort((a, b) => a.week.localeCompare(b.week));
  }
}

/** The filter every figures query starts with; the `cases_figures` index serves it. */
export function scope(query: FiguresQuery): Document {
  return { 'measures.team': { $in: query.teams }, 'measures.week': { $gte: query.fromWeek, $lte: query.toWeek } };
}

function byWeekAndKey(a: { week: string; key: string }, b: { week: string; key: string }): number {
  return a.week.localeCompare(b.week) || a.key.localeCompare(b.key);
}
