import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createLogger } from '../../src/log';
import { COLLECTIONS } from '../../src/storage/mongo/collections';
import { openMongoStores, type MongoStores } from '../../src/storage/mongo/mongoStores';
import { describeWithMongo } from '../helpers/mongo';
import { ROOT } from '../helpers/process';
import { intakeCase, message } from './fixtures';

const silent = createLogger('silent');

/** What only the MongoDB store has: its document shapes, indexes, server detection and eTag locks. */
describeWithMongo('MongoDB store internals', (server) => {
  let stores: MongoStores;
  let dbName: string;
  beforeEach(async () => {
    dbName = server.newDatabaseName('internals');
    stores = await openMongoStores({ uri: server.uri, dbName, retentionDays: 30, log: silent });
  });
  afterEach(async () => {
    await stores.db.dropDatabase().catch(() => undefined);
    await stores.close();
  });

  it('recognises the server from buildInfo and creates a TTL index only where the server has them', async () => {
    const info = await stores.db.admin().command({ buildInfo: 1 });
    expect(stores.server.kind).toBe(info.ferretdbVersion ? 'ferretdb' : 'mongodb');
    expect(stores.ttlIndex).toBe(stores.server.kind === 'mongodb');
    const ttl = (await stores.db.collection(COLLECTIONS.transcripts).listIndexes().toArray()).find((index) => index.name === 'transcripts_at');
    expect(ttl?.expireAfterSeconds).toBe(stores.ttlIndex ? 30 * 24 * 60 * 60 : undefined);
  });

  it('creates its indexes at start-up, and opening again (another RETENTION_DAYS too) is harmless', async () => {
    const again = await openMongoStores({ uri: server.uri, dbName, retentionDays: 90, log: silent });
    await again.close();
    const names = async (collection: string) => (await stores.db.collection(collection).listIndexes().toArray()).map((index) => index.name as string).sort();
    expect(await names(COLLECTIONS.transcripts)).toEqual(['_id_', 'transcripts_at', 'transcripts_conversation_time', 'transcripts_resident']);
    expect(await names(COLLECTIONS.cases)).toEqual(['_id_', 'cases_address', 'cases_conversation', 'cases_resident', 'cases_status_updated', 'cases_status_urgency_age']);
    expect(await names(COLLECTIONS.state)).toEqual(['_id_', 'state_updated']);
  });

  it('keeps one document per activity: the activity as a JSON string, the queryable fields beside it', async () => {
    const activity = { ...message({ channelId: 'webchat', conversationId: 'g.1', userId: 'u$1', text: 'hoi', at: '2025-05-01T10:00:00.000Z', id: 'a1' }), channelData: { 'a.b': 1 } };
    await stores.transcripts.logActivity(activity);
    await stores.transcripts.logActivity(message({ channelId: 'webchat', conversationId: 'g.1', userId: 'u$1', text: 'antwoord', at: '2025-05-01T10:00:01.000Z', fromBot: true }));
    const docs = await stores.db.collection(COLLECTIONS.transcripts).find().sort({ at: 1 }).toArray();
    expect(docs).toHaveLength(2);
    expect(docs[0]).toMatchObject({ channelId: 'webchat', conversationId: 'g.1', residentId: 'u$1', at: new Date('2025-05-01T10:00:00.000Z') });
    expect(JSON.parse(docs[0].body)).toEqual(JSON.parse(JSON.stringify(activity)));
    expect(docs[1].residentId).toBe('u$1');
    expect(Object.keys(docs[0]).sort()).toEqual(['_id', 'at', 'body', 'channelId', 'conversationId', 'residentId']);
  });

  it('keeps a case with its query fields at the top level and the case itself as JSON', async () => {
    await stores.cases.save(intakeCase({ id: 'c1', channel: 'webchat', userId: 'u1', conversationId: 'g1', status: 'escalated', urgent: true }));
    const doc = await stores.db.collection(COLLECTIONS.cases).findOne({ _id: 'c1' as never });
    expect(doc).toMatchObject({ residentKey: 'webchat:u1', channel: 'webchat', conversationId: 'g1', status: 'escalated', urgent: true });
    expect(doc?.createdAt).toBeInstanceOf(Date);
  });

  it('an eTag lock left by a crashed writer is given up after a while; a live one makes the writer lose', async () => {
    const locks = stores.db.collection<{ _id: string; at: Date }>(COLLECTIONS.stateWriteLocks);
    await stores.storage.write({ k: { v: 1 } });
    const first = (await stores.storage.read(['k'])).k;
    await locks.insertOne({ _id: first.eTag as string, at: new Date() });
    await expect(stores.storage.write({ k: { ...first, v: 2 } })).rejects.toThrow(/eTag conflict/);
    await locks.updateOne({ _id: first.eTag as string }, { $set: { at: new Date(Date.now() - 60_000) } });
    await stores.storage.write({ k: { ...first, v: 3 } });
    expect((await stores.storage.read(['k'])).k.v).toBe(3);
    expect(await locks.countDocuments()).toBe(0);
  });

  it('the export script reads the same MongoDB the bot uses', async () => {
    await stores.storage.write({ 'whatsapp/users/u1/': { consent: { given: true } } });
    await stores.cases.save(intakeCase({ id: 'case-1', channel: 'whatsapp', userId: 'u1', conversationId: 'g1' }));
    const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'storage', 'exportResident.js'), 'whatsapp', 'u1'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', MONGODB_URI: server.uri, MONGODB_DB: dbName },
      timeout: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ residentKey: 'whatsapp:u1', cases: [{ id: 'case-1' }], state: { 'whatsapp/users/u1/': { consent: { given: true } } } });
  });
});
