import type { IntakeCase } from '../../src/cases/case';
import { startTestServer, type TestServer } from '../helpers/server';
import { intakeCase } from '../storage/fixtures';
import { ConsoleClient, createConnector, PASSWORD, TEAM } from './consoleClient';

/** Five cases of the default team in ISO week 2026-W13, one of another team, one light case no team took up. */
function cases(): IntakeCase[] {
  const at = '2026-03-25T10:00:00.000Z';
  const ours = [1, 2, 3, 4, 5].map((n) =>
    intakeCase({ id: `c${n}`, channel: 'webchat', userId: `u${n}`, conversationId: `g${n}`, createdAt: at, status: 'escalated', level: 'zwaar', team: TEAM, escalatedAt: at }),
  );
  return [
    ...ours,
    intakeCase({ id: 'x1', channel: 'webchat', userId: 'x1', conversationId: 'gx1', createdAt: at, status: 'escalated', level: 'zwaar', team: 'charlois', escalatedAt: at }),
    intakeCase({ id: 'l1', channel: 'webchat', userId: 'l1', conversationId: 'gl1', createdAt: at, status: 'open', level: 'licht' }),
  ];
}

const RANGE = 'from=2026-03-01&to=2026-04-30';

describe('the figures API: coordinators only, their own team, audited, as JSON or CSV', () => {
  let server: TestServer;
  let coordinator: ConsoleClient;
  let otherCoordinator: ConsoleClient;
  let plain: ConsoleClient;
  let coordinatorId: string;
  beforeAll(async () => {
    server = await startTestServer({ DEFAULT_TEAM: TEAM });
    for (const value of cases()) await server.app.stores.cases.save(value);
    coordinatorId = (await createConnector(server.app, 'cora', TEAM, PASSWORD, 'coordinator')).id;
    await createConnector(server.app, 'cees', 'charlois', PASSWORD, 'coordinator');
    await createConnector(server.app, 'willem', TEAM);
    [coordinator, otherCoordinator, plain] = await Promise.all(['cora', 'cees', 'willem'].map((name) => ConsoleClient.login(server.baseUrl, name)));
  });
  afterAll(() => server.close());

  it("gives a coordinator their team's weeks, small counts suppressed, and audits the view", async () => {
    const response = await coordinator.get(`/api/console/figures?${RANGE}`);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ team: TEAM, from: '2026-03-01', to: '2026-04-30' });
    expect(response.json.weeks).toHaveLength(1);
    // The default team also answers for the light case no team took up: 6 started, 5 zwaar, 1 licht.
    expect(response.json.weeks[0]).toMatchObject({ week: '2026-W13', cells: { started: 6, escalated: 5, 'level.zwaar': 5, 'level.licht': '< 5', crisis: 0 } });
    const audit = await server.app.stores.console.listAudit({ connectorId: coordinatorId });
    expect(audit.at(-1)).toMatchObject({ action: 'figures', result: 'ok' });
  });

  it("another team's coordinator sees only their own team", async () => {
    const response = await otherCoordinator.get(`/api/console/figures?${RANGE}`);
    expect(response.status).toBe(200);
    expect(response.json.team).toBe('charlois');
    expect(response.json.weeks.map((week: { cells: Record<string, unknown> }) => week.cells.started)).toEqual(['< 5']);
  });

  it('downloads the same figures as CSV, audited as such', async () => {
    const response = await fetch(`${server.baseUrl}/api/console/figures?${RANGE}&format=csv`, { headers: { Cookie: coordinator.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="cijfers-${TEAM}-2026-03-01-2026-04-30.csv"`);
    const [header, row, end] = (await response.text()).split('\r\n');
    expect(header.split(',').slice(0, 4)).toEqual(['week', 'started', 'completed', 'consentRefused']);
    expect(row.split(',').slice(0, 2)).toEqual(['2026-W13', '6']);
    expect(end).toBe('');
    const audit = await server.app.stores.console.listAudit({ connectorId: coordinatorId });
    expect(audit.at(-1)).toMatchObject({ action: 'figures', result: 'csv' });
  });

  it('a plain wijkverbinder gets 403', async () => {
    for (const path of [`/api/console/figures?${RANGE}`, `/api/console/figures?${RANGE}&format=csv`]) {
      const response = await plain.get(path);
      expect(response.status).toBe(403);
      expect(response.json.error).toBe('role');
    }
  });

  it.each([
    ['from after to', 'from=2026-05-01&to=2026-04-01'],
    ['more than three years', 'from=2020-01-01&to=2026-01-01'],
    ['an unknown parameter', `${RANGE}&team=charlois`],
    ['another format', `${RANGE}&format=xlsx`],
    ['markup for a date', 'from=<script>alert(1)</script>'],
    ['a date that is no date', 'from=2026-02-30'],
  ])('refuses %s with 400, and audits the attempt', async (_what, query) => {
    const response = await coordinator.get(`/api/console/figures?${query}`);
    expect(response.status).toBe(400);
    expect(response.json.error).toBe('bad_request');
    expect((await server.app.stores.console.listAudit({ connectorId: coordinatorId })).at(-1)).toMatchObject({ action: 'figures', result: 'bad-query' });
  });

  it('answers parallel requests alike', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => coordinator.get(`/api/console/figures?${RANGE}`)));
    expect(new Set(answers.map((answer) => JSON.stringify([answer.status, answer.json.weeks])))).toEqual(new Set([JSON.stringify([200, answers[0].json.weeks])]));
  });

  it('without from and to: the last twelve weeks up to today (the server clock)', async () => {
    const response = await coordinator.get('/api/console/figures');
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ from: '2024-12-17', to: '2025-03-04' });
  });
});
