import { intakeCase, message } from '../storage/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { ConsoleClient, createConnector, readEvents, TEAM, zwaarIntake, type TestConnector } from './consoleClient';

const EARLIER = '00000000-0000-4000-8000-0000000000e1';
const CURRENT = '00000000-0000-4000-8000-0000000000c2';

/** What a wijkverbinder sees of a resident: their own case, and live text only of the case they hold. */
describe('need to know in the console', () => {
  let server: TestServer;
  let anna: TestConnector;
  let bram: TestConnector;
  beforeAll(async () => {
    server = await startTestServer();
    anna = await createConnector(server.app, 'anna');
    bram = await createConnector(server.app, 'bram');
  });
  afterAll(() => server.close());

  it('attack: a colleague watching the live stream — only the connector holding the case gets the resident\'s words, and that look is audited', async () => {
    const { resident, caseId } = await zwaarIntake(server.app, server.baseUrl);
    const holder = await ConsoleClient.login(server.baseUrl, 'anna');
    const colleague = await ConsoleClient.login(server.baseUrl, 'bram');
    expect((await holder.post(`/api/console/cases/${caseId}/claim`)).status).toBe(204);
    const holderStream = await fetch(`${server.baseUrl}/api/console/events`, { headers: { Cookie: holder.cookie } });
    const colleagueStream = await fetch(`${server.baseUrl}/api/console/events`, { headers: { Cookie: colleague.cookie } });
    const holderSees = readEvents(holderStream, (event) => event.event === 'chat' && event.data.from === 'resident');
    const colleagueSees = readEvents(colleagueStream, (event) => event.event === 'chat' && event.data.from === 'resident');
    await resident.say('mijn geheime antwoord');
    expect((await holderSees).find((event) => event.event === 'chat')?.data).toMatchObject({ caseId, text: 'mijn geheime antwoord' });
    const colleagueChat = (await colleagueSees).find((event) => event.event === 'chat')?.data;
    expect(colleagueChat).toMatchObject({ caseId, from: 'resident' });
    expect(JSON.stringify(colleagueChat)).not.toContain('geheime');
    const audit = await server.app.stores.console.listAudit({ caseId });
    expect(audit.filter((row) => row.action === 'live-view').map((row) => row.connectorId)).toEqual([anna.id]);
    expect(audit.some((row) => row.action === 'live-view' && row.connectorId === bram.id)).toBe(false);
  });

  it('shows a case its own part of a long conversation, not what the resident wrote for an earlier, closed case', async () => {
    const conversationId = 'whatsapp-31600000000';
    const log = (text: string, at: string, fromBot = false) =>
      server.app.stores.transcripts.logActivity(message({ channelId: 'webchat-local', conversationId, userId: 'u-long', text, at, fromBot }));
    await log('oud verhaal over mijn ex', '2025-01-10T10:00:00.000Z');
    await server.app.stores.cases.save(
      intakeCase({ id: EARLIER, channel: 'webchat-local', userId: 'u-long', conversationId, status: 'closed', team: TEAM, createdAt: '2025-01-10T10:00:00.000Z', updatedAt: '2025-01-11T10:00:00.000Z', closedAt: '2025-01-11T10:00:00.000Z' }),
    );
    await log('nieuwe vraag over de huur', '2025-03-01T10:00:00.000Z');
    await server.app.stores.cases.save(
      intakeCase({ id: CURRENT, channel: 'webchat-local', userId: 'u-long', conversationId, status: 'escalated', level: 'zwaar', team: TEAM, createdAt: '2025-03-01T10:00:00.000Z', updatedAt: '2025-03-01T10:00:00.000Z', escalatedAt: '2025-03-01T10:00:00.000Z' }),
    );
    const client = await ConsoleClient.login(server.baseUrl, 'anna');
    const current = (await client.get(`/api/console/cases/${CURRENT}`)).json;
    const texts = current.transcript.map((line: { text: string }) => line.text);
    expect(texts).toContain('nieuwe vraag over de huur');
    expect(texts).not.toContain('oud verhaal over mijn ex');
    // The earlier case is listed, and opening it is its own audited view, with its own part of the conversation.
    expect(current.previousCases.map((item: { id: string }) => item.id)).toEqual([EARLIER]);
    const earlier = (await client.get(`/api/console/cases/${EARLIER}`)).json;
    expect(earlier.transcript.map((line: { text: string }) => line.text)).toEqual(['oud verhaal over mijn ex']);
    expect((await server.app.stores.console.listAudit({ caseId: EARLIER })).filter((row) => row.action === 'view').length).toBe(1);
  });
});

describe('the audit log is part of every action', () => {
  it('attack: an action while the audit log cannot be written — the action is refused visibly, not reported as done', async () => {
    const server = await startTestServer();
    try {
      await createConnector(server.app, 'anna');
      const { caseId } = await zwaarIntake(server.app, server.baseUrl);
      const client = await ConsoleClient.login(server.baseUrl, 'anna');
      const audit = server.app.stores.console.recordAudit.bind(server.app.stores.console);
      server.app.stores.console.recordAudit = async () => {
        throw new Error('audit store down');
      };
      const response = await client.post(`/api/console/cases/${caseId}/notes`, { text: 'notitie zonder audit' });
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(response.json).toMatchObject({ error: 'internal_error' });
      expect(JSON.stringify(response.json)).not.toContain('audit store down');
      server.app.stores.console.recordAudit = audit;
      expect((await client.get(`/api/console/cases/${caseId}/notes`)).json.notes).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
