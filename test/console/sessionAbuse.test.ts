import { Readable } from 'node:stream';
import { changeConnectorCli } from '../../src/console/changeConnector';
import { OPEN_TUESDAY } from '../helpers/clock';
import { startTestServer, type TestServer } from '../helpers/server';
import { ConsoleClient, createConnector, login, PASSWORD, send, type TestConnector } from './consoleClient';

const loginFrom = (baseUrl: string, username: string, password: string, forwardedFor: string) =>
  send(`${baseUrl}/api/console/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
    body: JSON.stringify({ username, password }),
  });

describe('console login under attack', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    await createConnector(server.app, 'anna');
    await createConnector(server.app, 'bram');
  });
  afterAll(() => server.close());

  it('attack: 20 wrong passwords in parallel — at most 5 are checked, the rest get 429 without a password check', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => loginFrom(server.baseUrl, 'anna', `wrong password ${i}`, '203.0.113.7')));
    const checked = results.filter((r) => r.status === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.status === 429).length).toBe(20 - checked);
    expect(results.find((r) => r.status === 429)?.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('attack: locking a connector out — the attacker\'s address is blocked, the connector at their own address still logs in', async () => {
    for (let i = 0; i < 6; i++) await loginFrom(server.baseUrl, 'bram', 'wrong password', '198.51.100.9');
    expect((await loginFrom(server.baseUrl, 'bram', PASSWORD, '198.51.100.9')).status).toBe(429);
    expect((await loginFrom(server.baseUrl, 'bram', PASSWORD, '192.0.2.44')).status).toBe(200);
  });
});

describe('console sessions end when they should', () => {
  let server: TestServer;
  let anna: TestConnector;
  let clock: number;
  beforeAll(async () => {
    clock = Date.parse(OPEN_TUESDAY);
    server = await startTestServer({ CONSOLE_IDLE_MINUTES: '30', CONSOLE_SESSION_HOURS: '10' }, { now: () => new Date(clock) });
    anna = await createConnector(server.app, 'anna');
    await createConnector(server.app, 'carla');
    await createConnector(server.app, 'dirk');
  });
  afterAll(() => server.close());

  it('attack: a left-open console on a shared desk — after the idle time its session and event stream end', async () => {
    const client = await ConsoleClient.login(server.baseUrl, 'anna');
    const stream = await fetch(`${server.baseUrl}/api/console/events`, { headers: { Cookie: client.cookie } });
    expect(stream.status).toBe(200);
    const ended = (async () => {
      const reader = stream.body!.getReader();
      while (!(await reader.read()).done);
      return true;
    })();
    clock += 29 * 60 * 1000;
    expect((await client.get('/api/console/me')).status).toBe(200);
    clock += 31 * 60 * 1000;
    await server.app.console.sweepSessions();
    expect(await ended).toBe(true);
    expect((await client.get('/api/console/me')).status).toBe(401);
  });

  it('ends a session at its absolute end, however active it is', async () => {
    const client = await ConsoleClient.login(server.baseUrl, 'anna');
    const step = 25 * 60 * 1000;
    // Used every 25 minutes (never idle for 30) for 9 h 35 min: still in.
    for (let elapsed = step; elapsed < 10 * 60 * 60 * 1000; elapsed += step) {
      clock += step;
      expect((await client.get('/api/console/me')).status).toBe(200);
    }
    clock += step;
    expect((await client.get('/api/console/me')).status).toBe(401);
  });

  it('attack: a stolen session after the account is disabled — npm run connector:disable ends it at once', async () => {
    const client = await ConsoleClient.login(server.baseUrl, 'carla');
    expect((await client.get('/api/console/me')).status).toBe(200);
    const code = await changeConnectorCli('disable', ['--username', 'carla'], Readable.from([]) as unknown as NodeJS.ReadStream, { DATA_DIR: server.dataDir });
    expect(code).toBe(0);
    expect((await client.get('/api/console/me')).status).toBe(401);
    expect((await login(server.baseUrl, 'carla', PASSWORD)).status).toBe(401);
  });

  it('ends earlier sessions when the password changes', async () => {
    const client = await ConsoleClient.login(server.baseUrl, 'dirk');
    clock += 1000;
    const code = await changeConnectorCli('password', ['--username', 'dirk'], Readable.from(['een heel nieuw wachtwoord\n']) as unknown as NodeJS.ReadStream, { DATA_DIR: server.dataDir });
    expect(code).toBe(0);
    expect((await client.get('/api/console/me')).status).toBe(401);
    expect((await login(server.baseUrl, 'dirk', PASSWORD)).status).toBe(401);
    clock += 1000;
    expect((await login(server.baseUrl, 'dirk', 'een heel nieuw wachtwoord')).status).toBe(200);
    expect(anna.id).toBeDefined();
  });
});

describe('one session per connector, when configured', () => {
  it('a new login ends the earlier session', async () => {
    const server = await startTestServer({ CONSOLE_SINGLE_SESSION: 'true' });
    try {
      await createConnector(server.app, 'erik');
      const first = await ConsoleClient.login(server.baseUrl, 'erik');
      const second = await ConsoleClient.login(server.baseUrl, 'erik');
      expect((await first.get('/api/console/me')).status).toBe(401);
      expect((await second.get('/api/console/me')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
