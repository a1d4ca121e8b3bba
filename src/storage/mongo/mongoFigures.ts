import { ObjectId, type Document } from 'mongodb';
import { SUMMED, type BrokenDown, type FiguresQuery, type FiguresStore, type Ranked, type WeekSums } from '../../figures/figures';
import { amsterdamWeek } from '../../figures/week';
import type { MongoCollections } from './collections';

/**
 * The figures as aggregation pipelines over each case's `measures` (see measuresOf), using only the
 * stages and accumulators FerretDB has too ($match, $unwind, $group with $sum, $sort, $skip, $limit).
 */
export class MongoFigures implements FiguresStore {
  constructor(private readonly c: MongoCollections) {}

  async sums(query: FiguresQuery): Promise<WeekSums[]> {
    const sums = Object.fromEntries(SUMMED.map((name) => [name, { $sum: `$measures.${name}` }]));
    const rows = await this.c.cases
      .aggregate<Document>([{ $match: scope(query) }, { $group: { _id: '$measures.week', started: { $sum: 1 }, ...sums } }, { $sort: { _id: 1 } }])
      .toArray();
    return rows.map(({ _id, ...row }) => ({ week: _id as string, ...row }) as WeekSums);
  }

  async breakdown(query: FiguresQuery, measure: BrokenDown): Promise<Array<{ week: string; key: string; count: number }>> {
    const field = `measures.${measure}`;
    const rows = await this.c.cases
      .aggregate<{ _id: { week: string; key: string }; count: number }>([
        { $match: scope(query) },
        // A case counts once per domain it touches: the measures hold each domain once.
        ...(measure === 'domains' ? [{ $unwind: `$${field}` }] : []),
        { $match: { [field]: { $type: 'string' } } },
        { $group: { _id: { week: '$measures.week', key: `$${field}` }, count: { $sum: 1 } } },
        { $sort: { '_id.week': 1, '_id.key': 1 } },
      ])
      .toArray();
    return rows.map((row) => ({ week: row._id.week, key: row._id.key, count: row.count }));
  }

  async nth(query: FiguresQuery, week: string, measure: Ranked, rank: number, inOfficeHours?: boolean): Promise<number | null> {
    const field = `measures.${measure}`;
    const [row] = await this.c.cases
      .aggregate<{ value: number }>([
        { $match: { ...scope({ ...query, fromWeek: week, toWeek: week }), [field]: { $type: 'number' }, ...(inOfficeHours === undefined ? {} : { 'measures.inOfficeHours': inOfficeHours }) } },
        { $sort: { [field]: 1 } },
        { $skip: rank - 1 },
        { $limit: 1 },
        { $project: { _id: 0, value: `$${field}` } },
      ])
      .toArray();
    return row?.value ?? null;
  }

  async recordConsentRefused(at: Date): Promise<void> {
    await this.c.consentRefusals.insertOne({ _id: new ObjectId(), week: amsterdamWeek(at) });
  }

  async consentRefusals(query: FiguresQuery): Promise<Array<{ week: string; count: number }>> {
    // A refusal belongs to no team: it is counted with the cases no team took up.
    if (!query.teams.includes('')) return [];
    const rows = await this.c.consentRefusals
      .aggregate<{ _id: string; count: number }>([{ $match: { week: { $gte: query.fromWeek, $lte: query.toWeek } } }, { $group: { _id: '$week', count: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();
    return rows.map((row) => ({ week: row._id, count: row.count }));
  }
}

/** The filter every figures query starts with; the `cases_figures` index serves it. */
export function scope(query: FiguresQuery): Document {
  return { 'measures.team': { $in: query.teams }, 'measures.week': { $gte: query.fromWeek, $lte: query.toWeek } };
}
