import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createLogger } from '../../src/log';
import { COLLECTIONS } from '../../src/storage/mongo/collections';
import { openMongoStores, type MongoStores } from '../../src/storage/mongo/mongoStores';
import { describeWithMongo } from '../helpers/mongo';
import { ROOT } from '../helpers/process';
import { intakeCase, message } from './fixtures';
import { CONNECTOR_MESSAGE_KEY } from '../../src/handoff/ports';
import type { TurnTranscriptStore } from '../../src/storage/stores';

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
    expect(await names(COLLECTIONS.cases)).toEqual(['_id_', 'cases_address', 'cases_conversation', 'cases_figures', 'cases_resident', 'cases_status_updated', 'cases_status_urgency_age']);
    expect(await names(COLLECTIONS.state)).toEqual(['_id_', 'state_updated']);
  });

  it('keeps one document per activity: who spoke, type, text and time as fields, only what can hold any key encoded', async () => {
    const activity = { ...message({ channelId: 'webchat', conversationId: 'g.1', userId: 'u$1', text: 'hoi', at: '2025-05-01T10:00:00.000Z', id: 'a1' }), channelData: { 'a.b': 1, $schema: 'x' } };
    await stores.transcripts.logActivity(activity);
    await (stores.transcripts as TurnTranscriptStore).logActivities([
      message({ channelId: 'webchat', conversationId: 'g.1', userId: 'u$1', text: 'antwoord', at: '2025-05-01T10:00:01.000Z', fromBot: true }),
      { ...message({ channelId: 'webchat', conversationId: 'g.1', userId: 'u$1', text: 'Ik help je', at: '2025-05-01T10:00:02.000Z', fromBot: true }), channelData: { [CONNECTOR_MESSAGE_KEY]: 'c-1' } },
    ]);
    const docs = await stores.db.collection(COLLECTIONS.transcripts).find().sort({ at: 1 }).toArray();
    expect(docs).toHaveLength(3);
    expect(docs[0]).toMatchObject({ channelId: 'webchat', conversationId: 'g.1', residentId: 'u$1', at: new Date('2025-05-01T10:00:00.000Z'), speaker: 'resident', type: 'message', text: 'hoi' });
    expect(docs.map((doc) => doc.speaker)).toEqual(['resident', 'bot', 'wijkverbinder']);
    expect(docs[1].residentId).toBe('u$1');
    expect(Object.keys(docs[0]).sort()).toEqual(['_id', 'activity', 'at', 'channelId', 'conversationId', 'encoded', 'residentId', 'speaker', 'text', 'type']);
    expect(JSON.parse(docs[0].encoded).channelData).toEqual({ 'a.b': 1, $schema: 'x' });
    const [read] = (await stores.transcripts.getTranscriptActivities('webchat', 'g.1')).items;
    expect(read).toEqual(JSON.parse(JSON.stringify(activity)));
  });

  it('a turn written again after a failed try is stored once, whole (the transcript middleware retries)', async () => {
    const turn = [
      message({ channelId: 'webchat', conversationId: 'retry', userId: 'u', text: 'vraag', at: '2025-05-01T10:00:00.000Z' }),
      message({ channelId: 'webchat', conversationId: 'retry', userId: 'u', text: 'antwoord', at: '2025-05-01T10:00:00.000Z', fromBot: true }),
    ];
    const transcripts = stores.transcripts as TurnTranscriptStore;
    await transcripts.logActivities(turn.slice(0, 1));
    await transcripts.logActivities(turn);
    await transcripts.logActivities(turn);
    expect((await transcripts.getTranscriptActivities('webchat', 'retry')).items.map((item) => item.text)).toEqual(['vraag', 'antwoord']);
  });

  it('keeps a case as a document with fields: level, team, flags, answers and lifecycle times', async () => {
    const value = intakeCase({ id: 'c1', channel: 'webchat', userId: 'u1', conversationId: 'g1', status: 'escalated', urgent: true });
    await stores.cases.save({
      ...value,
      level: 'zwaar',
      team: 'noord',
      answers: { wil: 'rust', kan: 'koken', nodig: 'hulp' },
      flags: [{ domain: 'financiën', signal: 'debts', severity: 'mild', evidence: 'schulden', message: 1, start: 3, end: 11 }],
      escalatedAt: '2025-03-01T09:05:00.000Z',
      conversationRef: { 'a.b': { $schema: 1 } },
    });
    const doc = await stores.db.collection(COLLECTIONS.cases).findOne({ _id: 'c1' as never });
    expect(doc).toMatchObject({ residentKey: 'webchat:u1', channel: 'webchat', conversationId: 'g1', status: 'escalated', urgent: true, level: 'zwaar', team: 'noord' });
    expect(doc?.flags).toEqual([{ domain: 'financiën', signal: 'debts', severity: 'mild', evidence: 'schulden', messageIndex: 1, start: 3, end: 11 }]);
    expect(doc?.answers).toEqual({ wil: 'rust', kan: 'koken', nodig: 'hulp' });
    expect(doc?.createdAt).toBeInstanceOf(Date);
    expect(doc?.escalatedAt).toEqual(new Date('2025-03-01T09:05:00.000Z'));
    expect(doc?.body).toBeUndefined();
    expect(await stores.db.collection(COLLECTIONS.cases).countDocuments({ 'flags.domain': 'financiën', level: 'zwaar' })).toBe(1);
    expect((await stores.cases.get('c1'))?.conversationRef).toEqual({ 'a.b': { $schema: 1 } });
  });


  it('a writer that finishes late leaves the next version to the one writer that already won it', async () => {
    // A slow writer of version 1 tidies markers after a quicker one has read version 1 and won version 2.
    const versions = stores.db.collection<{ _id: string; caseId: string; version?: number }>(COLLECTIONS.caseVersions);
    await stores.cases.save(intakeCase({ id: 'slow', channel: 'webchat', userId: 'u1', conversationId: 'g1' }));
    await versions.insertOne({ _id: 'slow#2', caseId: 'slow', version: 2 });
    await versions.insertOne({ _id: 'slow#0', caseId: 'slow' });
    const read = (await stores.cases.get('slow'))!;
    expect(await stores.cases.replace({ ...read, urgent: true }, false)).toBe(true);
    const stored = (await stores.cases.get('slow'))!;
    expect(await stores.cases.replace({ ...stored, askedForPerson: true }, false)).toBe(false);
    expect((await versions.find({ caseId: 'slow' }).toArray()).map((marker) => marker._id).sort()).toEqual(['slow#1', 'slow#2']);
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
