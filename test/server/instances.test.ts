import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { hashPassword } from '../../src/console/passwords';
import { createLogger } from '../../src/log';
import { COLLECTIONS } from '../../src/storage/mongo/collections';
import { openMongoStores } from '../../src/storage/mongo/mongoStores';
import { OPEN_TUESDAY } from '../helpers/clock';
import { ConsoleClient, PASSWORD, TEAM, ZWAAR_ANSWERS } from '../console/consoleClient';
import { startChat, type ChatPageResident } from '../helpers/chat';
import { describeWithMongo } from '../helpers/mongo';
import { exited, startClockedBotProcess, waitFor, type ClockedBot } from '../helpers/process';

type SseEvent = { event: string; data: any; id?: string };

/** Reads a server-sent event stream for as long as the test needs it; `until` waits for what should arrive. */
class EventLog {
  readonly events: SseEvent[] = [];
  ended = false;
  private readonly controller = new AbortController();
  private waiters: Array<() => void> = [];

  static async open(url: string, cookie: string): Promise<EventLog> {
    const log = new EventLog();
    const response = await fetch(url, { headers: { Cookie: cookie }, signal: log.controller.signal });
    if (!response.ok) throw new Error(`stream refused: ${response.status}`);
    void log.read(response);
    return log;
  }

  async until(check: (events: SseEvent[]) => boolean, timeoutMs = 15_000): Promise<SseEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this.events)) {
      if (this.ended) throw new Error(`stream ended; got ${this.events.map((event) => event.event).join(', ')}`);
      if (Date.now() > deadline) throw new Error(`not seen in time; got ${this.events.map((event) => `${event.event}:${JSON.stringify(event.data)}`).join(' | ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.events;
  }

  close(): void {
    this.controller.abort();
  }

  private async read(response: Response): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!data) continue;
          this.events.push({ event: /^event: (.*)$/m.exec(block)?.[1] ?? 'message', data: JSON.parse(data), id: /^id: (.*)$/m.exec(block)?.[1] });
        }
        this.wake();
      }
    } catch {
      // aborted, or the instance went away
    }
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }
}

const residentTexts = (events: SseEvent[], caseId: string) => events.filter((event) => event.event === 'chat' && event.data.caseId === caseId && event.data.from === 'resident').map((event) => event.data.text);

describeWithMongo('two bot instances on one MongoDB', (mongo) => {
  let uri: string;
  let a: ClockedBot;
  let b: ClockedBot;
  let driver: MongoClient;
  const username = 'fatima';
  const streams: EventLog[] = [];

  const start = () =>
    startClockedBotProcess(
      // Every instance must share these: the chat page's cookie and the log pseudonyms are signed with them.
      { MONGODB_URI: uri, WEBCHAT_SECRET: 'shared-webchat-secret-0123456789', LOG_ID_SECRET: 'shared-log-secret-0123456789', EVENT_POLL_MS: '50', HANDOFF_REPLY_TIMEOUT_MINUTES: '30' },
      OPEN_TUESDAY,
    );
  const stop = async (bot: ClockedBot | undefined) => {
    if (!bot || bot.child.exitCode !== null || bot.child.signalCode !== null) return;
    bot.child.kill('SIGTERM');
    await exited(bot.child);
  };
  const stream = async (bot: ClockedBot, client: ConsoleClient) => {
    const log = await EventLog.open(`${bot.baseUrl}/api/console/events`, client.cookie);
    streams.push(log);
    return log;
  };
  const onB = (client: ConsoleClient) => new ConsoleClient(b.baseUrl, client.cookie, client.csrfToken);

  /** A resident on the chat page of `bot` who gives a heavy intake; resolves with the escalated case's id. */
  async function escalatedResident(bot: ClockedBot): Promise<{ resident: ChatPageResident; caseId: string }> {
    const resident = await startChat(bot.baseUrl);
    for (const text of ['ja', ...ZWAAR_ANSWERS]) expect((await resident.say(text)).status).toBe(202);
    const doc = await driver.db().collection(COLLECTIONS.cases).findOne({ conversationId: resident.conversationId, status: 'escalated' });
    if (!doc) throw new Error('intake did not escalate');
    return { resident, caseId: String(doc._id) };
  }

  beforeAll(async () => {
    const url = new URL(mongo.uri);
    url.pathname = `/${mongo.newDatabaseName('instances')}`;
    uri = url.toString();
    // The account as `npm run connector:add` would create it, straight in the shared store.
    const stores = await openMongoStores({ uri, retentionDays: 365, log: createLogger('silent') });
    await stores.console.addConnector({ id: randomUUID(), username, displayName: 'Fatima', team: TEAM, passwordHash: await hashPassword(PASSWORD), createdAt: new Date().toISOString() });
    await stores.close();
    driver = new MongoClient(uri);
    [a, b] = await Promise.all([start(), start()]);
  }, 60_000);

  afterEach(() => {
    streams.splice(0).forEach((log) => log.close());
  });

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    await driver?.close();
  });

  it('a session created on A is valid on B, and a logout on B ends it on A and closes its live stream there', async () => {
    const onA = await ConsoleClient.login(a.baseUrl, username);
    expect((await onB(onA).get('/api/console/me')).json.connector.displayName).toBe('Fatima');
    const liveOnA = await stream(a, onA);
    await liveOnA.until((events) => events.some((event) => event.event === 'presence'));
    expect((await onB(onA).post('/api/console/logout')).status).toBe(204);
    expect((await onA.get('/api/console/me')).status).toBe(401);
    await waitFor(async () => liveOnA.ended, 10_000);
  });

  it('shares presence: a console open on B makes the team available on A', async () => {
    const client = await ConsoleClient.login(b.baseUrl, username);
    await stream(b, client);
    const onA = new ConsoleClient(a.baseUrl, client.cookie, client.csrfToken);
    await waitFor(async () => (await onA.get('/api/console/presence')).json.connectors.some((connector: { displayName: string }) => connector.displayName === 'Fatima'), 10_000);
  });

  it("a case escalated on A appears live on B's console, and a wijkverbinder's message sent through B reaches the resident's page on A", async () => {
    const client = await ConsoleClient.login(b.baseUrl, username);
    const live = await stream(b, client);
    await live.until((events) => events.some((event) => event.event === 'presence'));
    const { resident, caseId } = await escalatedResident(a);
    await live.until((events) => events.some((event) => event.event === 'alert' && event.data.caseId === caseId && event.data.type === 'escalated'));

    const page = await EventLog.open(`${a.baseUrl}/chat/events`, resident.cookie);
    streams.push(page);
    expect((await client.post(`/api/console/cases/${caseId}/claim`)).status).toBe(204);
    expect((await client.post(`/api/console/cases/${caseId}/messages`, { text: 'Hoi, ik ben Fatima. Ik help je verder.' })).status).toBe(204);
    const shown = await page.until((events) => events.some((event) => event.data.text === 'Hoi, ik ben Fatima. Ik help je verder.'));
    const message = shown.find((event) => event.data.text === 'Hoi, ik ben Fatima. Ik help je verder.')!;
    expect(message.data.sender).toBeDefined();
    // One event per message: the instance that sent it and the one that read it from the log do not both deliver it.
    expect(shown.filter((event) => event.data.text === message.data.text)).toHaveLength(1);
  });

  it('sweeps an unanswered claim once across both instances (clocks moved past the reply time)', async () => {
    const client = await ConsoleClient.login(b.baseUrl, username);
    const { resident, caseId } = await escalatedResident(a);
    expect((await client.post(`/api/console/cases/${caseId}/claim`)).status).toBe(204);
    expect((await resident.say('Is er iemand?')).status).toBe(202);
    const health = async (bot: ClockedBot) => (await (await fetch(`${bot.baseUrl}/healthz`)).json()).timers;
    expect([await health(a), await health(b)].sort()).toEqual(['other-instance', 'this-instance']);

    await Promise.all([a.advance(31 * 60 * 1000), b.advance(31 * 60 * 1000)]);
    const cases = driver.db().collection(COLLECTIONS.cases);
    await waitFor(async () => (await cases.findOne({ _id: caseId as never }))?.status === 'escalated', 15_000);
    // Both instances keep sweeping on their timers; the lease holder renews three times per lease: wait for two renewals.
    const leases = driver.db().collection(COLLECTIONS.leases);
    const until = async () => Math.max(...(await leases.find({ name: 'timers' }).toArray()).map((doc) => (doc.until as Date).getTime()));
    const first = await until();
    await waitFor(async () => (await until()) > first, 10_000);
    const second = await until();
    await waitFor(async () => (await until()) > second, 10_000);
    const expired = await driver
      .db()
      .collection(COLLECTIONS.events)
      .find({ topic: 'handoff', scope: caseId })
      .toArray();
    expect(expired.map((doc) => JSON.parse(doc.body as string).type).filter((type) => type === 'claim-expired')).toEqual(['claim-expired']);
  });

  it('when A is killed mid-conversation, B carries on: nothing the resident wrote is lost or doubled', async () => {
    const client = await ConsoleClient.login(b.baseUrl, username);
    const live = await stream(b, client);
    const { resident, caseId } = await escalatedResident(a);
    expect((await client.post(`/api/console/cases/${caseId}/claim`)).status).toBe(204);
    const page = await EventLog.open(`${a.baseUrl}/chat/events`, resident.cookie);
    streams.push(page);
    const before = ['Eerste bericht', 'Tweede bericht', 'Derde bericht'];
    for (const text of before) expect((await resident.say(text)).status).toBe(202);

    a.child.kill('SIGKILL');
    await exited(a.child);
    await waitFor(async () => page.ended, 10_000);

    // The same page (same cookie) now lands on B, as a load balancer sends it there.
    const onB = { ...resident, say: (text: string) => fetch(`${b.baseUrl}/chat/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: resident.cookie }, body: JSON.stringify({ text }) }) };
    const after = ['Vierde bericht', 'Vijfde bericht'];
    for (const text of after) expect((await onB.say(text)).status).toBe(202);
    const all = [...before, ...after];
    await live.until((events) => all.every((text) => residentTexts(events, caseId).includes(text)));
    expect(residentTexts(live.events, caseId)).toEqual(all);

    const file = await client.get(`/api/console/cases/${caseId}`);
    expect(file.status).toBe(200);
    const transcript = JSON.stringify(file.json);
    for (const text of all) expect(transcript.split(text).length - 1).toBe(1);

    // B takes over the timers once A's lease has run out.
    await waitFor(async () => (await (await fetch(`${b.baseUrl}/healthz`)).json()).timers === 'this-instance', 15_000);
    a = await start();
  });
});
