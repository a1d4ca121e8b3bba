import { randomUUID } from 'node:crypto';
import { residentKeyOf } from '../../src/cases/case';
import { OPEN_TUESDAY } from '../helpers/clock';
import { waitFor } from '../helpers/process';
import { startTestServer, type TestServer } from '../helpers/server';
import { ConsoleClient, createConnector, login, readEvents, send, TEAM, zwaarIntake, type TestConnector } from './consoleClient';

const SOME_ID = '00000000-0000-4000-8000-000000000000';

/** Every console API route, with a body that would be valid: without a session each must answer 401 before looking at anything. */
const ROUTES: Array<{ method: string; path: string; body?: unknown }> = [
  { method: 'POST', path: '/api/console/logout' },
  { method: 'GET', path: '/api/console/me' },
  { method: 'GET', path: '/api/console/queue' },
  { method: 'GET', path: `/api/console/cases/${SOME_ID}` },
  { method: 'POST', path: `/api/console/cases/${SOME_ID}/claim` },
  { method: 'POST', path: `/api/console/cases/${SOME_ID}/messages`, body: { text: 'hoi' } },
  { method: 'POST', path: `/api/console/cases/${SOME_ID}/release` },
  { method: 'POST', path: `/api/console/cases/${SOME_ID}/close`, body: { outcome: 'afgerond' } },
  { method: 'POST', path: `/api/console/cases/${SOME_ID}/acknowledge` },
  { method: 'GET', path: `/api/console/cases/${SOME_ID}/notes` },
  { method: 'POST', path: `/api/console/cases/${SOME_ID}/notes`, body: { text: 'notitie' } },
  { method: 'GET', path: '/api/console/presence' },
  { method: 'PUT', path: '/api/console/presence', body: { status: 'away' } },
  { method: 'GET', path: '/api/console/events' },
  { method: 'GET', path: '/api/console/history' },
  { method: 'GET', path: '/api/console/figures' },
];
const CHANGING = ROUTES.filter((route) => route.method !== 'GET');

describe('console API on the real server', () => {
  let server: TestServer;
  let anna: TestConnector;
  let bram: TestConnector;
  let other: TestConnector;
  beforeAll(async () => {
    server = await startTestServer();
    anna = await createConnector(server.app, 'anna');
    bram = await createConnector(server.app, 'bram');
    other = await createConnector(server.app, 'olga', 'charlois');
  });
  afterAll(() => server.close());

  const audit = (caseId: string) => server.app.stores.console.listAudit({ caseId });

  it.each(ROUTES)('$method $path answers 401 without a session, and with a made-up cookie', async (route) => {
    for (const cookie of [undefined, 'wv_console=made-up']) {
      const response = await send(`${server.baseUrl}${route.path}`, {
        method: route.method,
        headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
        body: route.body === undefined ? undefined : JSON.stringify(route.body),
      });
      expect(response.status).toBe(401);
      expect(response.json).toMatchObject({ error: 'no_session' });
    }
  });

  it('sends the console page and its script only with a session; otherwise to the login form', async () => {
    for (const path of ['/console', '/console/console.js']) {
      const response = await send(`${server.baseUrl}${path}`, {});
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/console/login');
    }
    const loginPage = await send(`${server.baseUrl}/console/login`, {});
    expect(loginPage.status).toBe(200);
    expect(loginPage.headers.get('content-security-policy')).toContain("script-src 'self'");
    const client = await ConsoleClient.login(server.baseUrl, 'anna');
    const page = await send(`${server.baseUrl}/console`, { headers: { Cookie: client.cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('logs in with an httpOnly SameSite=Strict cookie, tells who is logged in, and logs out for good', async () => {
    const response = await login(server.baseUrl, ' Anna ', 'correct horse battery staple');
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^wv_console=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(response.json).toEqual({ connector: { id: anna.id, displayName: anna.displayName, team: TEAM }, role: 'wijkverbinder', csrfToken: expect.any(String), status: 'online' });
    expect(JSON.stringify(response.json)).not.toContain('argon2');

    const client = new ConsoleClient(server.baseUrl, cookie.split(';')[0], response.json.csrfToken);
    expect((await client.get('/api/console/me')).json.connector.id).toBe(anna.id);
    expect((await client.post('/api/console/logout')).status).toBe(204);
    expect((await client.get('/api/console/me')).status).toBe(401);
    expect((await server.app.stores.console.listAudit({ connectorId: anna.id })).map((entry) => entry.action)).toEqual(expect.arrayContaining(['login', 'logout']));
  });

  it('refuses a wrong password, an unknown user and a login that is not JSON', async () => {
    expect((await login(server.baseUrl, 'bram', 'wrong password!')).status).toBe(401);
    expect((await login(server.baseUrl, 'nobody', 'wrong password!')).json).toMatchObject({ error: 'bad_credentials' });
    const form = await send(`${server.baseUrl}/api/console/login`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'username=bram&password=x' });
    expect(form.status).toBe(415);
    expect((await send(`${server.baseUrl}/api/console/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"username": 1}' })).status).toBe(400);
  });

  it('blocks a username after 5 failed logins, even with the right password, and audits it', async () => {
    const victim = await createConnector(server.app, 'victim');
    for (let i = 0; i < 5; i++) expect((await login(server.baseUrl, 'victim', `guess ${i} guess`)).status).toBe(401);
    const blocked = await login(server.baseUrl, 'victim', 'correct horse battery staple');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const rows = await server.app.stores.console.listAudit({ connectorId: victim.id });
    expect(rows.map((row) => row.result)).toEqual([...Array(5).fill('bad-password'), 'rate-limited']);
    // Another account from the same address is not locked out by this.
    expect((await login(server.baseUrl, 'bram', 'correct horse battery staple')).status).toBe(200);
  });

  it.each(CHANGING.filter((route) => route.path !== '/api/console/logout'))('$method $path answers 403 without or with a wrong CSRF token', async (route) => {
    const client = await ConsoleClient.login(server.baseUrl, 'anna');
    expect((await client.request(route.method, route.path, route.body, null)).status).toBe(403);
    const wrong = await client.request(route.method, route.path, route.body, `${client.csrfToken.slice(0, -1)}x`);
    expect(wrong.status).toBe(403);
    expect(wrong.json).toMatchObject({ error: 'csrf' });
  });

  it('answers 400 with a clear message for bad ids and bad bodies', async () => {
    const client = await ConsoleClient.login(server.baseUrl, 'anna');
    for (const path of ['/api/console/cases/nope', '/api/console/cases/nope/notes']) expect((await client.get(path)).json).toEqual({ error: 'bad_case_id', message: 'case id must be a UUID' });
    expect((await client.post('/api/console/cases/1/claim')).status).toBe(400);
    const cases = `/api/console/cases/${SOME_ID}`;
    for (const body of [{}, { text: '' }, { text: '   ' }, { text: 'x'.repeat(4001) }, { text: 'hoi', extra: 1 }]) {
      const response = await client.post(`${cases}/messages`, body);
      expect(response.status).toBe(400);
      expect(response.json.message).toMatch(/text/);
    }
    expect((await client.post(`${cases}/close`, { outcome: 'weg' })).json.message).toMatch(/outcome/);
    // No outcome chosen: the server refuses the close, whatever the page does.
    for (const body of [{}, { outcome: '' }, { detail: 'Schuldhulp' }]) expect((await client.post(`${cases}/close`, body)).json).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/outcome/) });
    expect((await client.post(`${cases}/close`, { outcome: 'doorverwezen' })).status).toBe(400);
    expect((await client.request('PUT', '/api/console/presence', { status: 'slapen' })).status).toBe(400);
    expect((await client.get(cases)).status).toBe(404);
  });

  it('a zwaar intake lands in the queue with its flags; the whole loop is audited, notes stay private', async () => {
    const { resident, caseId } = await zwaarIntake(server.app, server.baseUrl);
    const annaClient = await ConsoleClient.login(server.baseUrl, 'anna');

    const queue = (await annaClient.get('/api/console/queue')).json.cases;
    expect(queue).toContainEqual(
      expect.objectContaining({ caseId, status: 'escalated', level: 'zwaar', domains: expect.arrayContaining(['financiën']), claimedBy: null, unsafeChannel: false }),
    );
    expect(JSON.stringify(queue)).not.toContain('schulden');

    const detail = (await annaClient.get(`/api/console/cases/${caseId}`)).json;
    expect(detail.case.answers).toEqual({ wil: 'Ik heb schulden en de deurwaarder komt', kan: 'Ik kan goed koken', nodig: 'Hulp met mijn post' });
    for (const flag of detail.case.flags) expect(detail.case.answers.wil.slice(flag.start, flag.end)).toBe(flag.evidence);
    expect(detail.case.flags.map((flag: { signal: string }) => flag.signal)).toEqual(expect.arrayContaining(['debts', 'bailiff_seizure']));
    expect(detail.transcript.filter((line: { from: string }) => line.from === 'resident').map((line: { text: string }) => line.text)).toContain('Hulp met mijn post');
    const residentId = (await server.app.stores.cases.get(caseId))!.residentKey.split(':')[1];
    expect(JSON.stringify(detail)).not.toContain(residentId);

    const note = await annaClient.post(`/api/console/cases/${caseId}/notes`, { text: 'GEHEIME-NOTITIE bel eerst de schuldhulp' });
    expect(note.status).toBe(201);
    expect((await annaClient.get(`/api/console/cases/${caseId}/notes`)).json.notes.map((n: { text: string }) => n.text)).toEqual(['GEHEIME-NOTITIE bel eerst de schuldhulp']);

    expect((await annaClient.post(`/api/console/cases/${caseId}/messages`, { text: 'Nog niet opgepakt' })).json).toMatchObject({ error: 'not-claimed' });
    expect((await annaClient.post(`/api/console/cases/${caseId}/claim`)).status).toBe(204);
    expect((await annaClient.get('/api/console/queue')).json.cases).toContainEqual(expect.objectContaining({ caseId, status: 'claimed', claimedBy: { id: anna.id, displayName: anna.displayName } }));
    expect((await annaClient.post(`/api/console/cases/${caseId}/messages`, { text: 'Hallo, ik ben Anna.' })).status).toBe(204);
    expect((await annaClient.post(`/api/console/cases/${caseId}/release`)).status).toBe(204);
    expect((await annaClient.post(`/api/console/cases/${caseId}/claim`)).status).toBe(204);
    expect((await annaClient.post(`/api/console/cases/${caseId}/close`, { outcome: 'doorverwezen', detail: 'Schuldhulp Rotterdam' })).status).toBe(204);
    expect((await annaClient.get('/api/console/queue')).json.cases.map((item: { caseId: string }) => item.caseId)).not.toContain(caseId);
    expect((await annaClient.post(`/api/console/cases/${caseId}/claim`)).json).toMatchObject({ error: 'closed' });

    expect((await audit(caseId)).map((row) => [row.connectorId === anna.id, row.action, row.result])).toEqual([
      [true, 'view', 'ok'],
      [true, 'note', 'ok'],
      [true, 'notes-view', 'ok'],
      [true, 'message', 'not-claimed'],
      [true, 'claim', 'ok'],
      [true, 'message', 'ok'],
      [true, 'release', 'ok'],
      [true, 'claim', 'ok'],
      [true, 'close', 'ok'],
      [true, 'claim', 'closed'],
    ]);

    // The note is nowhere the resident can see: not in the transcript of their conversation.
    const transcript = await server.app.stores.transcripts.getTranscriptActivities('webchat-local', resident.conversationId);
    const texts = transcript.items.map((item) => item.text ?? '');
    expect(texts.join('\n')).not.toContain('GEHEIME-NOTITIE');
    expect(texts).toContain('Hallo, ik ben Anna.');
  });

  it('a connector of another team gets 403 on the case and does not see it in their queue', async () => {
    const { caseId } = await zwaarIntake(server.app, server.baseUrl);
    const olga = await ConsoleClient.login(server.baseUrl, 'olga');
    for (const response of [
      await olga.get(`/api/console/cases/${caseId}`),
      await olga.get(`/api/console/cases/${caseId}/notes`),
      await olga.post(`/api/console/cases/${caseId}/notes`, { text: 'x' }),
      await olga.post(`/api/console/cases/${caseId}/claim`),
      await olga.post(`/api/console/cases/${caseId}/messages`, { text: 'x' }),
    ]) {
      expect(response.status).toBe(403);
      expect(response.json).toMatchObject({ error: 'wrong-team' });
    }
    expect((await olga.get('/api/console/queue')).json.cases).toEqual([]);
    const refused = (await audit(caseId)).filter((row) => row.connectorId === other.id);
    expect(refused.map((row) => [row.action, row.result])).toEqual([
      ['view', 'wrong-team'],
      ['notes-view', 'wrong-team'],
      ['note', 'wrong-team'],
      ['claim', 'wrong-team'],
      ['message', 'wrong-team'],
    ]);
  });

  it('of two connectors claiming at once exactly one wins', async () => {
    const { caseId } = await zwaarIntake(server.app, server.baseUrl);
    const [a, b] = await Promise.all([ConsoleClient.login(server.baseUrl, 'anna'), ConsoleClient.login(server.baseUrl, 'bram')]);
    const results = await Promise.all([a.post(`/api/console/cases/${caseId}/claim`), b.post(`/api/console/cases/${caseId}/claim`)]);
    expect(results.map((response) => response.status).sort()).toEqual([204, 409]);
    expect(results.find((response) => response.status === 409)?.json).toMatchObject({ error: 'already-claimed' });
    const winner = results[0].status === 204 ? anna : bram;
    expect((await server.app.stores.cases.get(caseId))?.claimedBy).toBe(winner.id);
  });

  it('relays live: connector → resident on the chat page stream, resident → console stream, close hands back', async () => {
    const { resident, caseId } = await zwaarIntake(server.app, server.baseUrl);
    expect((await server.app.stores.cases.get(caseId))?.residentKey).toMatch(new RegExp(`^${residentKeyOf('webchat-local', '')}[0-9a-f-]{36}$`));

    const client = await ConsoleClient.login(server.baseUrl, 'bram');
    expect((await client.post(`/api/console/cases/${caseId}/claim`)).status).toBe(204);

    const chat = await resident.stream(1000000);
    const residentSees = readEvents(chat, (event) => event.data.text === 'Hoi, ik ben Bram. <b>Ik</b> help je.');
    expect((await client.post(`/api/console/cases/${caseId}/messages`, { text: 'Hoi, ik ben Bram. <b>Ik</b> help je.' })).status).toBe(204);
    await residentSees;
    expect((await client.post(`/api/console/cases/${caseId}/notes`, { text: 'PRIVE-NOTITIE' })).status).toBe(201);

    const stream = await fetch(`${server.baseUrl}/api/console/events`, { headers: { Cookie: client.cookie } });
    // The stream subscribes before it sends its headers, so once fetch has resolved nothing can be missed.
    const connectorSees = readEvents(stream, (event) => event.event === 'chat' && event.data.from === 'resident');
    await resident.say('Dank je, fijn!');
    const events = await connectorSees;
    expect(events.find((event) => event.event === 'chat')?.data).toMatchObject({ caseId, from: 'resident', text: 'Dank je, fijn!' });
    expect(events.find((event) => event.event === 'presence')?.data.connectors).toContainEqual({ id: bram.id, displayName: bram.displayName, status: 'online' });

    const chatAgain = await resident.stream();
    const closing = readEvents(chatAgain, (event) => event.data.text?.includes?.('Schuldhulp') === true);
    expect((await client.post(`/api/console/cases/${caseId}/close`, { outcome: 'doorverwezen', detail: 'Schuldhulp' })).status).toBe(204);
    const seen = await closing;
    expect(JSON.stringify(seen)).not.toContain('PRIVE-NOTITIE');
    expect((await server.app.stores.cases.get(caseId))?.status).toBe('closed');
  });

  it('keeps presence: online with the console open, away when set, gone when the stream closes', async () => {
    const client = await ConsoleClient.login(server.baseUrl, 'anna');
    expect((await client.get('/api/console/presence')).json.connectors.map((c: { id: string }) => c.id)).not.toContain(anna.id);
    const controller = new AbortController();
    const stream = await fetch(`${server.baseUrl}/api/console/events`, { headers: { Cookie: client.cookie }, signal: controller.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect((await client.get('/api/console/presence')).json.connectors).toContainEqual({ id: anna.id, displayName: anna.displayName, status: 'online' });
    expect((await client.request('PUT', '/api/console/presence', { status: 'away' })).json).toEqual({ status: 'away' });
    expect((await client.get('/api/console/presence')).json.connectors).toContainEqual({ id: anna.id, displayName: anna.displayName, status: 'away' });
    await client.request('PUT', '/api/console/presence', { status: 'online' });
    controller.abort();
    const present = async () => (await client.get('/api/console/presence')).json.connectors.map((c: { id: string }) => c.id) as string[];
    await waitFor(async () => !(await present()).includes(anna.id), 10_000);
    expect(await present()).not.toContain(anna.id);
    expect((await server.app.stores.console.listAudit({ connectorId: anna.id })).filter((row) => row.action === 'presence').map((row) => row.result)).toEqual(['away', 'online']);
  });

  it('warns that the channel may not be safe for a case flagged for domestic violence', async () => {
    const at = OPEN_TUESDAY;
    const id = randomUUID();
    await server.app.stores.cases.save({
      id,
      residentKey: 'webchat-local:dv-resident',
      channel: 'webchat-local',
      conversationId: randomUUID(),
      conversationRef: {},
      status: 'escalated',
      answers: { wil: 'Mijn man slaat mij' },
      level: 'crisis',
      flags: [{ domain: 'huiselijke relaties', signal: 'domestic_violence', severity: 'crisis', evidence: 'Mijn man slaat mij', message: 0, start: 0, end: 18, helpline: 'domestic' }],
      reasons: ['crisis-signal'],
      urgent: true,
      askedForPerson: false,
      createdAt: at,
      updatedAt: at,
      team: TEAM,
      escalatedAt: at,
      version: 0,
    });
    const client = await ConsoleClient.login(server.baseUrl, 'anna');
    expect((await client.get('/api/console/queue')).json.cases[0]).toMatchObject({ caseId: id, urgencyRank: 0, unsafeChannel: true });
    expect((await client.get(`/api/console/cases/${id}`)).json).toMatchObject({ unsafeChannel: true });
  });
});
