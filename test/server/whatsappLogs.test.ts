import { Writable } from 'node:stream';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/log';
import { ConsoleClient, createConnector } from '../console/consoleClient';
import { FakeGraph } from '../helpers/fakeGraph';
import { clockFrom } from '../helpers/clock';
import { removeDir, tempDir } from '../helpers/tempDir';
import { FAST_RETRY, RESIDENT, deliver, incoming, text, webhook, whatsappEnv } from '../helpers/whatsapp';

/**
 * Attack: read a resident's phone number or words from the logs. A whole WhatsApp conversation runs
 * at debug level, with retries, a refused delivery, a failed status and a voice note — every path that
 * logs — and no line may hold the wa_id, the phone number in any form, the name or what was written.
 */
it('a WhatsApp conversation at debug level leaves no phone number, name or message text in the logs', async () => {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => { lines.push(chunk.toString()); done(); } });
  const graph = new FakeGraph();
  const dataDir = tempDir();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'debug', ...whatsappEnv(await graph.start()) });
  const app: App = await createApp(config, createLogger('debug', 'a-secret-of-sixteen-chars', sink), { now: clockFrom(), whatsappRetry: FAST_RETRY });
  const { port } = await app.listen();
  const baseUrl = `http://127.0.0.1:${port}`;
  const say = async (payload: unknown) => {
    expect((await deliver(baseUrl, payload)).status).toBe(200);
    await app.whatsapp!.idle();
  };
  try {
    graph.fail(429, 500);
    await say(text('hallo'));
    await say(text('ja'));
    await say(text('Mijn naam is Fatima, bel me op 06-12345678, ik heb schulden bij de belasting'));
    await say(incoming({ type: 'audio', audio: { id: 'media-1', mime_type: 'audio/ogg; codecs=opus', voice: true } }));
    await say(text('mens'));
    const [value] = await app.stores.cases.listByResident(`whatsapp:${RESIDENT.waId}`);
    const anna = await createConnector(app, 'anna');
    const client = await ConsoleClient.login(baseUrl, anna.username);
    expect((await client.post(`/api/console/cases/${value.id}/claim`)).status).toBe(204);
    graph.fail(400);
    expect((await client.post(`/api/console/cases/${value.id}/messages`, { text: 'Hoi Fatima, ik ben Anna' })).status).toBe(502);
    await say(webhook({ statuses: [{ id: 'wamid.out-1', status: 'failed', timestamp: '1741082500', recipient_id: RESIDENT.waId, errors: [{ code: 131047, title: 'x' }] }] }));
  } finally {
    await app.close();
    await graph.close();
    removeDir(dataDir);
  }
  const all = lines.join('');
  expect(lines.length).toBeGreaterThan(5);
  const last8 = RESIDENT.waId.slice(-8);
  for (const secret of [RESIDENT.waId, last8, `+${RESIDENT.waId}`, '0612345678', '06-12345678', RESIDENT.name, 'Fatima', 'schulden', 'belasting', 'Hoi']) {
    expect({ secret, found: all.includes(secret) }).toEqual({ secret, found: false });
  }
});
