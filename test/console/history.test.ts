import { randomUUID } from 'node:crypto';
import { intakeCase } from '../storage/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { ConsoleClient, createConnector, readEvents, TEAM, zwaarIntake, type TestConnector } from './consoleClient';

const OTHER_TEAM = 'charlois';

/** The history list: the team's recent cases, closed ones included, searchable, paged, audited, need-to-know. */
describe('console history on the real server', () => {
  let server: TestServer;
  let anna: TestConnector;
  let bram: TestConnector;
  let olga: TestConnector;
  /** 25 closed cases of the team, one a day from 1 February, the first 10 closed by Anna; one of another team. */
  const teamCases: string[] = [];
  let otherTeamCase: string;

  beforeAll(async () => {
    server = await startTestServer();
    anna = await createConnector(server.app, 'anna');
    bram = await createConnector(server.app, 'bram');
    olga = await createConnector(server.app, 'olga', OTHER_TEAM);
    for (let i = 0; i < 25; i++) {
      const id = randomUUID();
      // 23:30 UTC is already the next day in Amsterdam: the date filter must use Amsterdam days.
      const closedAt = new Date(Date.UTC(2025, 1, 1 + i, 23, 30)).toISOString();
      await server.app.stores.cases.save(
        intakeCase({ id, channel: 'webchat-local', userId: `history-${i}`, conversationId: `history-${i}`, status: 'closed', level: 'zwaar', team: TEAM, claimedBy: i < 10 ? anna.id : bram.id, outcome: 'afgerond', createdAt: closedAt, updatedAt: closedAt, closedAt }),
      );
      teamCases.push(id);
    }
    otherTeamCase = randomUUID();
    await server.app.stores.cases.save(
      intakeCase({ id: otherTeamCase, channel: 'webchat-local', userId: 'history-other', conversationId: 'history-other', status: 'closed', team: OTHER_TEAM, claimedBy: olga.id, outcome: 'afgerond', closedAt: '2025-02-05T10:00:00.000Z' }),
    );
  });
  afterAll(() => server.close());

  const ids = (response: { json: { cases: Array<{ caseId: string }> } }) => response.json.cases.map((item) => item.caseId);

  it('pages through the team\'s cases, newest first, and shows no other team\'s cases', async () => {
    const client = await ConsoleClient.login(server.baseUrl, 'anna');
    const first = await client.get('/api/console/history');
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ page: 1, hasMore: true });
    expect(ids(first)).toEqual([...teamCases].reverse().slice(0, 20));
    const second = await client.get('/api/console/history?page=2');
    expect(second.json).toMatchObject({ page: 2, hasMore: false });
    expect(ids(second)).toEqual([...teamCases].reverse().slice(20));
    expect(first.json.cases[0]).toEqual({
      caseId: teamCases[24],
      status: 'closed',
      level: 'zwaar',
      pseudonym: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{5}$/),
      channel: 'webchat-local',
      domains: [],
      claimedBy: { id: bram.id, displayName: bram.displayName },
      outcome: 'afgerond',
      at: '2025-02-25T23:30:00.000Z',
      report: null,
    });
    // No resident id and no answer text in the list.
    expect(JSON.stringify(first.json)).not.toMatch(/history-\d|koken/);

    const other = await ConsoleClient.login(server.baseUrl, 'olga');
    expect(ids(await other.get('/api/console/history'))).toEqual([otherTeamCase]);
    expect((await other.get(`/api/console/cases/${teamCases[0]}`)).json).toMatchObject({ error: 'wrong-team' });
  });

  it('finds a resident by their code, typed any way, and only the connector\'s own cases when asked', async () => {
    const client = await ConsoleClient.login(server.baseUrl, 'anna');
    const all = [...(await client.get('/api/console/history')).json.cases, ...(await client.get('/api/console/history?page=2')).json.cases];
    const target = all.find((item: { caseId: string }) => item.caseId === teamCases[3]);
    for (const q of [target.pseudonym, target.pseudonym.toLowerCase(), `Bewoner ${target.pseudonym}`]) {
      const found = await client.get(`/api/console/history?q=${encodeURIComponent(q)}`);
      expect(ids(found)).toContain(teamCases[3]);
      expect(found.json.cases.every((item: { pseudonym: string }) => item.pseudonym === target.pseudonym)).toBe(true);
    }
    // The code is stable: the same resident, the same code, in the history as in the case file.
    expect((await client.get(`/api/console/cases/${teamCases[3]}`)).json.case.pseudonym).toBe(target.pseudonym);

    const mine = await client.get('/api/console/history?mine=true');
    expect(ids(mine).sort()).toEqual(teamCases.slice(0, 10).sort());
  });

  it('filters by Amsterdam calendar day', async () => {
    const client = await ConsoleClient.login(server.baseUrl, 'anna');
    // Case i closes at 23:30 UTC on 1+i February: 00:30 on 2+i February in Amsterdam.
    expect(ids(await client.get('/api/console/history?from=2025-02-03&to=2025-02-03'))).toEqual([teamCases[1]]);
    expect(ids(await client.get('/api/console/history?from=2025-02-24'))).toEqual([teamCases[24], teamCases[23], teamCases[22]]);
    expect(ids(await client.get('/api/console/history?to=2025-02-03'))).toEqual([teamCases[1], teamCases[0]]);
    expect(ids(await client.get('/api/console/history?from=2025-01-01&to=2025-01-31'))).toEqual([]);
  });

  it('answers 400 for a bad query, and audits every search', async () => {
    const client = await ConsoleClient.login(server.baseUrl, 'bram');
    for (const query of ['q=%3Cscript%3E', 'from=2025-13-01', 'from=2025-02-10&to=2025-02-01', 'page=0', 'page=abc', 'mine=ja', 'sort=oldest', 'q=a&q=b', `q=${'A'.repeat(41)}`]) {
      const response = await client.get(`/api/console/history?${query}`);
      expect([query, response.status, response.json.error]).toEqual([query, 400, 'bad_request']);
      expect(response.json.message).toMatch(/YYYY-MM-DD/);
    }
    expect((await client.get('/api/console/history?mine=false')).status).toBe(200);
    const rows = (await server.app.stores.console.listAudit({ connectorId: bram.id })).filter((row) => row.action === 'history');
    expect(rows.map((row) => row.result)).toEqual([...Array(9).fill('bad-query'), 'ok']);
  });

  it('a crisis alarm acknowledged is in the audit log; another team cannot acknowledge it', async () => {
    const annaClient = await ConsoleClient.login(server.baseUrl, 'anna');
    const olgaClient = await ConsoleClient.login(server.baseUrl, 'olga');
    expect((await annaClient.post(`/api/console/cases/${teamCases[0]}/acknowledge`)).status).toBe(204);
    expect((await olgaClient.post(`/api/console/cases/${teamCases[0]}/acknowledge`)).json).toMatchObject({ error: 'wrong-team' });
    const rows = (await server.app.stores.console.listAudit({ caseId: teamCases[0] })).filter((row) => row.action === 'acknowledge');
    expect(rows.map((row) => [row.connectorId, row.result])).toEqual([
      [anna.id, 'ok'],
      [olga.id, 'wrong-team'],
    ]);
  });

  it('an erased resident\'s case vanishes from every open console of the team at once, and cannot be opened', async () => {
    const { resident, caseId } = await zwaarIntake(server.app, server.baseUrl);
    const annaClient = await ConsoleClient.login(server.baseUrl, 'anna');
    const olgaClient = await ConsoleClient.login(server.baseUrl, 'olga');
    expect(ids(await annaClient.get('/api/console/history'))).toContain(caseId);
    const stream = await fetch(`${server.baseUrl}/api/console/events`, { headers: { Cookie: annaClient.cookie } });
    const otherStream = await fetch(`${server.baseUrl}/api/console/events`, { headers: { Cookie: olgaClient.cookie } });
    const seen = readEvents(stream, (event) => event.event === 'erased');
    // Olga's own status change is the marker: events come in order, so an erased event for her would come before it.
    const otherSeen = readEvents(otherStream, (event) => event.event === 'erased' || (event.event === 'presence' && event.data.connectors.some((c: { status: string }) => c.status === 'away')));

    await resident.say('verwijder mijn gegevens');
    await resident.say('ja');
    expect((await seen).find((event) => event.event === 'erased')?.data).toEqual({ caseId });
    // Need-to-know holds here too: another team hears nothing of it.
    expect((await olgaClient.request('PUT', '/api/console/presence', { status: 'away' })).status).toBe(200);
    expect((await otherSeen).map((event) => event.event)).not.toContain('erased');
    expect((await annaClient.get(`/api/console/cases/${caseId}`)).json).toMatchObject({ error: 'not-found' });
    expect(ids(await annaClient.get('/api/console/history'))).not.toContain(caseId);
  });
});
