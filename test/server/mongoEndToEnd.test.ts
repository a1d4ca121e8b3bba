import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { texts } from '../helpers/conversation';
import { describeWithMongo, ferretDbTarget, type MongoTestServer } from '../helpers/mongo';
import { freePort, ROOT } from '../helpers/process';
import { activity, postActivity, replyTexts, startTestServer, type TestServer } from '../helpers/server';

/** A URI for one test database that gives up on an unreachable server after one second instead of five. */
function uriFor(server: MongoTestServer, database: string): string {
  const url = new URL(server.uri);
  url.pathname = `/${database}`;
  url.searchParams.set('serverSelectionTimeoutMS', '1000');
  return url.toString();
}

async function withDriver<T>(uri: string, read: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri);
  try {
    return await read(client);
  } finally {
    await client.close();
  }
}

describeWithMongo('a full intake over HTTP on the MongoDB store', (mongo) => {
  let server: TestServer;
  let uri: string;
  let database: string;
  beforeAll(async () => {
    database = mongo.newDatabaseName('e2e');
    uri = uriFor(mongo, database);
    server = await startTestServer({ MONGODB_URI: uri });
  });
  afterAll(() => server?.close());

  it('keeps the transcript, the case and its flags with evidence, readable with the driver', async () => {
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'mongodb', storeReachable: true, events: { mode: 'polling', ok: true }, timers: 'this-instance' });
    const say = async (text: string) => replyTexts((await postActivity(server.baseUrl, activity('e2e-1', text))).json);
    await say('hallo');
    expect(await say('ja')).toContain(texts.intake.wil);
    await say('Ik heb schulden en de deurwaarder komt');
    await say('Ik kan goed koken');
    const end = await say('Hulp met mijn post');
    expect(end.join(' ')).toContain('"Ik heb schulden en de deurwaarder komt"');

    await withDriver(uri, async (client) => {
      const db = client.db(database);
      // Queried by fields, as a MongoDB user would in Compass: who spoke, the text, the flags and the level.
      const said = await db.collection('transcripts').find({ conversationId: 'e2e-1', speaker: 'resident', type: 'message' }).sort({ at: 1 }).toArray();
      expect(said.map((doc) => doc.text)).toEqual(['ja', 'Ik heb schulden en de deurwaarder komt', 'Ik kan goed koken', 'Hulp met mijn post']);
      expect(await db.collection('transcripts').countDocuments({ conversationId: 'e2e-1', speaker: 'bot', text: texts.intake.kan })).toBe(1);

      const cases = await db.collection('cases').find({ conversationId: 'e2e-1', level: 'zwaar', 'flags.signal': 'debts' }).toArray();
      expect(cases).toHaveLength(1);
      const stored = cases[0];
      expect(stored).toMatchObject({ status: expect.stringMatching(/open|escalated/), level: 'zwaar', channel: 'emulator', residentKey: 'emulator:resident-1' });
      expect(stored.createdAt).toBeInstanceOf(Date);
      expect(stored.body).toBeUndefined();
      expect(stored.answers).toEqual({ wil: 'Ik heb schulden en de deurwaarder komt', kan: 'Ik kan goed koken', nodig: 'Hulp met mijn post' });
      const evidence = stored.flags.map((flag: { signal: string; evidence: string; messageIndex: number }) => [flag.signal, flag.evidence, flag.messageIndex]);
      expect(evidence).toEqual(expect.arrayContaining([['debts', 'schulden', 0], ['bailiff_seizure', 'deurwaarder', 0]]));
      expect(await db.collection('cases').distinct('flags.domain', { conversationId: 'e2e-1' })).toEqual(expect.arrayContaining(['financiën']));
      // Evidence offsets point into the resident's own answer.
      for (const flag of stored.flags) expect(stored.answers.wil.slice(flag.start, flag.end).toLowerCase()).toBe(flag.evidence.toLowerCase());
    });
  });
});

describeWithMongo(
  'the bot when MongoDB stops mid-conversation',
  (mongo) => {
    let server: TestServer;
    afterAll(() => server?.close());

    it('answers politely while the store is down, loses nothing, and carries on by itself once it is back', async () => {
      server = await startTestServer({ MONGODB_URI: uriFor(mongo, mongo.newDatabaseName('down')) });
      const say = async (text: string) => replyTexts((await postActivity(server.baseUrl, activity('down-1', text))).json);
      await say('hallo');
      await say('ja');
      expect((await say('Ik heb schulden, mijn huis is vies en ik ben eenzaam')).at(-1)).toBe(texts.intake.kan);

      await mongo.stop(false);
      expect(await say('Ik kan goed tekenen')).toEqual([texts.errors.storeDown]);
      expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);

      await mongo.start();
      // The dialog is still at "Wat kun je?": the failed turn changed nothing.
      expect(await say('Ik kan goed tekenen')).toEqual([texts.intake.nodig]);
      const end = await say('Iemand om mee te praten');
      expect(end.join(' ')).toContain('"Ik heb schulden, mijn huis is vies en ik ben eenzaam"');
      const transcript = await server.app.stores.transcripts.getTranscriptActivities('emulator', 'down-1');
      const texts_ = transcript.items.map((item) => item.text);
      expect(texts_).toEqual(expect.arrayContaining(['ja', 'Ik heb schulden, mijn huis is vies en ik ben eenzaam', 'Ik kan goed tekenen', 'Iemand om mee te praten']));
    }, 60_000);
  },
  ferretDbTarget(),
);

describe('the bot process with an unreachable MongoDB', () => {
  it('exits non-zero with one line that names the store, without the password', async () => {
    const port = await freePort();
    const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'index.js')], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', MONGODB_URI: `mongodb://wv:geheim-wachtwoord@127.0.0.1:${port}/wv?serverSelectionTimeoutMS=500` },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/MongoDB/);
    expect(lines[0]).toContain(`127.0.0.1:${port}`);
    expect(lines[0]).not.toContain('geheim-wachtwoord');
  });
});
