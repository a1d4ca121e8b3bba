import type { Document } from 'mongodb';
import { weeklyFigures } from '../../src/figures/figures';
import { createLogger } from '../../src/log';
import { scope } from '../../src/storage/mongo/mongoFigures';
import { openMongoStores, type MongoStores } from '../../src/storage/mongo/mongoStores';
import { openSqlite, type SqliteDatabase } from '../../src/storage/sqlite/database';
import { SqliteCaseRepository } from '../../src/storage/sqlite/sqliteCaseRepository';
import { SqliteFigures } from '../../src/storage/sqlite/sqliteFigures';
import { describeWithMongo } from '../helpers/mongo';
import { removeDir, tempDir } from '../helpers/tempDir';
import { intakeCase } from './fixtures';

const query = { teams: ['noord'], fromWeek: '2026-W01', toWeek: '2026-W52' };

describe('SQLite: the queue and the figures are served by an index', () => {
  const dir = tempDir();
  const db = openSqlite(dir);
  afterAll(() => {
    db.close();
    removeDir(dir);
  });

  /** Every SQL text the stores prepare during `run`, with the plan SQLite chooses for it. */
  async function plansOf(run: (db: SqliteDatabase) => Promise<unknown>): Promise<string[]> {
    const sources: string[] = [];
    const watched = new Proxy(db, {
      get: (target, name) => (name === 'prepare' ? (source: string) => (sources.push(source), target.prepare(source)) : Reflect.get(target, name, target)),
    });
    await run(watched);
    return sources.map((source) => {
      const params = (source.match(/\?/g) ?? []).map(() => null);
      return db
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${source}`)
        .all(...params)
        .map((row) => row.detail)
        .join(' / ');
    });
  }

  it('the queue (cases by status) searches the status index', async () => {
    const [plan] = await plansOf((watched) => new SqliteCaseRepository(watched).pageByStatus(['escalated', 'claimed'], { createdAt: '2026-03-02T10:00:00.000Z', id: 'c1' }, 100));
    // Either index that starts with status serves it; SQLite picks by its statistics.
    expect(plan).toMatch(/SEARCH cases USING INDEX cases_(status|closed) \(status=\?\)/);
  });

  it("every figures query searches cases by team and week, never a scan of all cases", async () => {
    const plans = await plansOf((watched) => weeklyFigures(new SqliteFigures(watched), query));
    const onCases = plans.filter((plan) => /cases/.test(plan));
    expect(onCases.length).toBeGreaterThan(3);
    for (const plan of onCases) expect(plan).toMatch(/SEARCH cases USING INDEX cases_team_week/);
  });
});

/** The index names a MongoDB plan uses, wherever they sit in the plan tree. */
function indexesIn(plan: unknown): string[] {
  if (Array.isArray(plan)) return plan.flatMap(indexesIn);
  if (!plan || typeof plan !== 'object') return [];
  const node = plan as Document;
  return [...(node.stage === 'IXSCAN' ? [String(node.indexName)] : []), ...Object.values(node).flatMap(indexesIn)];
}

describeWithMongo('MongoDB: the queue and the figures query by an index', (server) => {
  let stores: MongoStores;
  beforeAll(async () => {
    stores = await openMongoStores({ uri: server.uri, dbName: server.newDatabaseName('plans'), retentionDays: 30, log: createLogger('silent') });
    await stores.cases.save(intakeCase({ id: 'c1', channel: 'webchat', userId: 'u1', conversationId: 'g1', status: 'escalated', team: 'noord', createdAt: '2026-03-02T10:00:00.000Z' }));
  });
  afterAll(async () => {
    await stores.db.dropDatabase().catch(() => undefined);
    await stores.close();
  });

  it('explain() of the queue and the figures: an index scan on MongoDB; FerretDB 1.24 says it scans its SQLite table', async () => {
    const cases = stores.db.collection('cases');
    const queue = await cases.find({ status: { $in: ['escalated', 'claimed'] } }).sort({ createdAt: 1, _id: 1 }).explain();
    // The command itself: the driver refuses explain on an aggregate of a client with a write concern.
    const figures = await stores.db.command({ explain: { aggregate: 'cases', pipeline: [{ $match: scope(query) }, { $group: { _id: '$measures.week', value: { $sum: 1 } } }], cursor: {} } });
    if (stores.server.kind === 'ferretdb') {
      // FerretDB on SQLite pushes only _id filters down and reads the table for anything else: the
      // indexes exist for a real MongoDB, and this records honestly that FerretDB does not use them.
      for (const plan of [queue, figures]) {
        expect(plan.filterPushdown).toBe(false);
        expect(plan.queryPlanner.Plan.join(' ')).toMatch(/SCAN/);
      }
    } else {
      expect(indexesIn(queue)).toContain('cases_status_urgency_age');
      expect(indexesIn(figures)).toContain('cases_figures');
    }
    const names = (await cases.listIndexes().toArray()).map((index) => index.name);
    expect(names).toEqual(expect.arrayContaining(['cases_status_urgency_age', 'cases_figures']));
  });
});
