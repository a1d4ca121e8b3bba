import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { MongoClient, ObjectId, type Document } from 'mongodb';
import { createLogger } from '../../src/log';
import { COLLECTIONS } from '../../src/storage/mongo/collections';
import { openMongoStores, type MongoStores } from '../../src/storage/mongo/mongoStores';
import { describeWithMongo } from '../helpers/mongo';
import { ROOT } from '../helpers/process';
import { intakeCase, message } from './fixtures';

const silent = createLogger('silent');

/** A case and a conversation exactly as the code before issue 14 stored them: each one JSON string in `body`. */
const oldCase = intakeCase({
  id: 'old-1',
  channel: 'whatsapp',
  userId: '+316',
  conversationId: 'g-old',
  status: 'closed',
  level: 'zwaar',
  team: 'noord',
  flags: [{ domain: 'financiën', signal: 'debts', severity: 'mild', evidence: 'schulden', message: 0, start: 0, end: 8 }],
  escalatedAt: '2025-03-01T09:01:00.000Z',
  claimedAt: '2025-03-01T09:02:00.000Z',
  closedAt: '2025-03-01T10:02:00.000Z',
  outcome: 'afgerond',
  version: 4,
  conversationRef: { '$schema': 'x', 'dotted.key': { '$ref': 1 }, conversation: { id: 'g-old' } },
});
const oldActivities = [
  { ...message({ channelId: 'whatsapp', conversationId: 'g-old', userId: '+316', text: 'hallo', at: '2025-03-01T09:00:00.000Z', id: 'm1' }), channelData: { 'a.b': { $x: 1 } } },
  { ...message({ channelId: 'whatsapp', conversationId: 'g-old', userId: '+316', text: 'Dag!', at: '2025-03-01T09:00:01.000Z', id: 'm2', fromBot: true }), attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', body: [] } }] },
];

function oldCaseDoc(): Document {
  return {
    _id: oldCase.id,
    residentKey: oldCase.residentKey,
    channel: oldCase.channel,
    conversationId: oldCase.conversationId,
    status: oldCase.status,
    urgent: oldCase.urgent,
    createdAt: new Date(oldCase.createdAt),
    updatedAt: new Date(oldCase.updatedAt),
    version: oldCase.version,
    body: JSON.stringify(oldCase),
  };
}

function oldTranscriptDocs(): Document[] {
  return oldActivities.map((activity) => ({
    _id: new ObjectId(),
    channelId: activity.channelId,
    conversationId: activity.conversation.id,
    residentId: '+316',
    at: new Date(activity.timestamp as unknown as string),
    body: JSON.stringify(activity),
  }));
}

describeWithMongo('MongoDB: from the old string format to documents', (server) => {
  let client: MongoClient;
  let dbName: string;
  beforeEach(async () => {
    dbName = server.newDatabaseName('migrate');
    client = await new MongoClient(server.uri).connect();
    await client.db(dbName).collection(COLLECTIONS.cases).insertOne(oldCaseDoc());
    await client.db(dbName).collection(COLLECTIONS.transcripts).insertMany(oldTranscriptDocs());
  });
  afterEach(async () => {
    await client.db(dbName).dropDatabase().catch(() => undefined);
    await client.close();
  });

  const migrate = () =>
    spawnSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'storage', 'migrate.js')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', MONGODB_URI: server.uri, MONGODB_DB: dbName },
      timeout: 30_000,
    });

  it('the bot refuses to start on data in the old format, and says to run npm run migrate', async () => {
    await expect(openMongoStores({ uri: server.uri, dbName, retentionDays: 30, log: silent })).rejects.toThrow(/old format.*npm run migrate/);
  });

  it('npm run migrate turns every case and activity into a document, reads back the same, and a second run changes nothing', async () => {
    const first = migrate();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Migrated 1 cases and 2 transcript documents');
    const again = migrate();
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Migrated 0 cases and 0 transcript documents');

    const db = client.db(dbName);
    const doc = await db.collection(COLLECTIONS.cases).findOne({ _id: 'old-1' as never });
    expect(doc?.body).toBeUndefined();
    expect(doc).toMatchObject({ level: 'zwaar', team: 'noord', outcome: 'afgerond', version: 4, flags: [{ domain: 'financiën', signal: 'debts', messageIndex: 0 }] });
    expect(doc?.closedAt).toEqual(new Date('2025-03-01T10:02:00.000Z'));
    const said = await db.collection(COLLECTIONS.transcripts).find({ conversationId: 'g-old' }).sort({ at: 1 }).toArray();
    expect(said.map((row) => [row.speaker, row.text, row.body])).toEqual([
      ['resident', 'hallo', undefined],
      ['bot', 'Dag!', undefined],
    ]);

    let stores: MongoStores | undefined;
    try {
      stores = await openMongoStores({ uri: server.uri, dbName, retentionDays: 30, log: silent });
      expect(await stores.cases.get('old-1')).toEqual(oldCase);
      expect((await stores.transcripts.getTranscriptActivities('whatsapp', 'g-old')).items).toEqual(JSON.parse(JSON.stringify(oldActivities)));
      const figures = await stores.figures.sums({ teams: ['noord'], fromWeek: '2025-W01', toWeek: '2025-W52' });
      expect(figures).toMatchObject([{ week: '2025-W09', started: 1, handled: 1, handlingMinutes: 60 }]);
    } finally {
      await stores?.close();
    }
  });

  it('a case the bot wrote in the new format while migrating is left as it is', async () => {
    const stores = await (async () => {
      migrate();
      return openMongoStores({ uri: server.uri, dbName, retentionDays: 30, log: silent });
    })();
    try {
      const newer = { ...oldCase, status: 'claimed' as const, closedAt: undefined, outcome: undefined, updatedAt: '2025-03-02T09:00:00.000Z' };
      await stores.cases.save(newer);
      // An old-format copy of another case appears (say, a restore); migrating again takes only that one.
      await client.db(dbName).collection(COLLECTIONS.cases).insertOne({ ...oldCaseDoc(), _id: 'old-2', body: JSON.stringify({ ...oldCase, id: 'old-2' }) } as Document);
      expect(migrate().stdout).toContain('Migrated 1 cases and 0 transcript documents');
      expect(await stores.cases.get('old-1')).toEqual(JSON.parse(JSON.stringify(newer)));
      expect((await stores.cases.get('old-2'))?.id).toBe('old-2');
    } finally {
      await stores.close();
    }
  });
});
