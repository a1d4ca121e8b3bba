import { startTestServer, type TestServer } from '../helpers/server';
import { textsFor } from '../../src/i18n/texts';
import { ConsoleClient, createConnector, LICHT_ANSWERS, lichtIntake, readEvents, TEAM, volunteerSignUp, zwaarIntake, type ChatResident } from './consoleClient';

const texts = textsFor();
const SOME_ID = '00000000-0000-4000-8000-000000000000';
// Thursday before Easter 2025, 11:00 in Amsterdam: Good Friday is a working day, Easter Monday is not.
const THURSDAY = '2025-04-17T09:00:00Z';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Starts at `start` and runs at the real pace; a test moves it forward instead of waiting. */
class MovableClock {
  private offset: number;
  constructor(start: string) {
    this.offset = Date.parse(start) - Date.now();
  }
  readonly now = (): Date => new Date(Date.now() + this.offset);
  forward(days: number): void {
    this.offset += days * DAY_MS;
  }
}

/** Every coordinator route, with a body that would be valid. */
const COORDINATOR_ROUTES: Array<{ method: string; path: string; body?: unknown }> = [
  { method: 'POST', path: `/api/console/light/${SOME_ID}/claim` },
  { method: 'POST', path: `/api/console/light/${SOME_ID}/release` },
  { method: 'POST', path: `/api/console/light/${SOME_ID}/close`, body: { outcome: 'afgerond' } },
  { method: 'POST', path: `/api/console/light/${SOME_ID}/escalate`, body: { reason: 'zorgen over veiligheid' } },
  { method: 'GET', path: `/api/console/light/${SOME_ID}/suggestions` },
  { method: 'GET', path: `/api/console/light/${SOME_ID}/buddy` },
  { method: 'POST', path: `/api/console/light/${SOME_ID}/match`, body: { volunteerId: SOME_ID } },
  { method: 'POST', path: `/api/console/light/${SOME_ID}/decline`, body: { volunteerId: SOME_ID, reason: 'woont te ver' } },
  { method: 'GET', path: '/api/console/volunteers' },
  { method: 'GET', path: '/api/console/volunteers/terms' },
  { method: 'GET', path: `/api/console/volunteers/${SOME_ID}` },
  { method: 'POST', path: `/api/console/volunteers/${SOME_ID}/screening`, body: { vog: 'checked' } },
];

/** Fatma cooks and helps with letters, lives on the Hudsonstraat, speaks Turkish; Kees does odd jobs far off; Ans walks and chats nearby. */
const FATMA = ['Fatma', 'Ik kook graag en ik ben graag gezelschap', 'dinsdag en donderdag', 'middag', 'Hudsonstraat', 'Nederlands en Turks', 'Via deze chat'];
const KEES = ['Kees', 'klussen en repareren', 'weekend', 'ochtend', '3021 J', 'Nederlands', 'Bellen'];
const ANS = ['Ans', 'wandelen en een kopje koffie', 'doordeweeks', 'maakt niet uit', '3022 B', 'Nederlands en Engels', 'Via deze chat'];

function texted(events: Array<Record<string, unknown>>, text: string): boolean {
  return events.some((event) => typeof event.text === 'string' && event.text.includes(text));
}

describe('light cases and volunteer buddies in the console', () => {
  let server: TestServer;
  const clock = new MovableClock(THURSDAY);
  let cora: ConsoleClient;
  let anna: ConsoleClient;
  let otto: ConsoleClient;
  const volunteers: Record<string, { volunteer: ChatResident; volunteerId: string }> = {};

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' }, { now: clock.now });
    await createConnector(server.app, 'cora', TEAM, undefined, 'coordinator');
    await createConnector(server.app, 'anna');
    await createConnector(server.app, 'otto', 'charlois', undefined, 'coordinator');
    cora = await ConsoleClient.login(server.baseUrl, 'cora');
    anna = await ConsoleClient.login(server.baseUrl, 'anna');
    otto = await ConsoleClient.login(server.baseUrl, 'otto');
    volunteers.fatma = await volunteerSignUp(server.app, server.baseUrl, FATMA);
    volunteers.kees = await volunteerSignUp(server.app, server.baseUrl, KEES);
    volunteers.ans = await volunteerSignUp(server.app, server.baseUrl, ANS);
  });
  afterAll(() => server.close());

  const relogin = async () => {
    cora = await ConsoleClient.login(server.baseUrl, 'cora');
  };

  it.each(COORDINATOR_ROUTES)('$method $path answers 403 role to a plain wijkverbinder', async (route) => {
    const response = await anna.request(route.method, route.path, route.body);
    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({ error: 'role' });
  });

  it("lists the team's light cases beside the escalated ones for a coordinator only, with the promise's due date; a new one alerts the coordinators live", async () => {
    const stream = await fetch(`${server.baseUrl}/api/console/events`, { headers: { Cookie: cora.cookie } });
    const announced = readEvents(stream, (event) => event.event === 'alert' && event.data.type === 'light-queued');
    const { caseId } = await lichtIntake(server.app, server.baseUrl);
    expect((await announced).at(-1)?.data).toMatchObject({ caseId });
    const heavy = await zwaarIntake(server.app, server.baseUrl);
    const queue = (await cora.get('/api/console/queue')).json;
    expect(queue.cases.map((entry: { caseId: string }) => entry.caseId)).toContain(heavy.caseId);
    // Thursday in: Friday, (weekend, Easter Monday off) Tuesday, Wednesday.
    expect(queue.light).toContainEqual(expect.objectContaining({ caseId, dueDate: '2025-04-23', workingDaysLeft: 3, promise: 'on-time', alert: null, claimedBy: null }));
    expect(queue.light.find((entry: { caseId: string }) => entry.caseId === caseId).needs).toEqual(expect.arrayContaining(['wandelen', 'gezelschap']));
    expect((await anna.get('/api/console/queue')).json.light).toBeUndefined();
    expect((await otto.get('/api/console/queue')).json.light).toEqual([]);
  });

  it('claims, notes and closes a light case under the same rules as escalated ones, every step in the audit log', async () => {
    const { resident, caseId } = await lichtIntake(server.app, server.baseUrl);
    expect((await otto.post(`/api/console/light/${caseId}/claim`)).json).toMatchObject({ error: 'wrong-team' });
    const claims = await Promise.all([cora.post(`/api/console/light/${caseId}/claim`), cora.post(`/api/console/light/${caseId}/claim`)]);
    expect(claims.map((response) => response.status).sort()).toEqual([204, 409]);
    const row = (await cora.get('/api/console/queue')).json.light.find((entry: { caseId: string }) => entry.caseId === caseId);
    expect(row.claimedBy).toMatchObject({ displayName: 'Verbinder cora' });
    expect((await cora.post(`/api/console/cases/${caseId}/notes`, { text: 'Belt liever na 14:00' })).status).toBe(201);
    expect((await cora.post(`/api/console/light/${caseId}/close`, { outcome: 'doorverwezen' })).status).toBe(400);
    expect((await cora.post(`/api/console/light/${caseId}/close`, { outcome: 'doorverwezen', detail: 'Buurthuis' })).status).toBe(204);
    await resident.events((events) => texted(events, 'Buurthuis'));
    // The rating question follows the close, as after a wijkverbinder's, so the figures count light cases too.
    await resident.events((events) => texted(events, texts.handoff.rating.question));
    expect((await server.app.stores.cases.get(caseId))?.rating?.askedAt).toEqual(expect.any(String));
    expect((await cora.post(`/api/console/light/${caseId}/claim`)).json).toMatchObject({ error: 'closed' });
    const audit = await server.app.stores.console.listAudit({ caseId });
    const rows = audit.map((entry) => `${entry.action}:${entry.result}`);
    expect(rows.sort()).toEqual(['claim:already-claimed', 'claim:closed', 'claim:ok', 'claim:wrong-team', 'close:ok', 'note:ok']);
  });

  it('suggests the best volunteers with reasons; an unscreened volunteer is marked and cannot be confirmed for a case that needs screening', async () => {
    const { caseId } = await lichtIntake(server.app, server.baseUrl);
    const response = await cora.get(`/api/console/light/${caseId}/suggestions`);
    expect(response.status).toBe(200);
    expect(response.json.needs).toEqual({ talents: ['wandelen', 'gezelschap'], languages: [], postcode: '3022B', screening: true });
    const suggestions = response.json.suggestions;
    expect(suggestions.map((s: { volunteer: { name: string } }) => s.volunteer.name)).toEqual(['Ans', 'Fatma', 'Kees']);
    expect(suggestions[0].reasonText).toBe('wandelt graag · is graag gezelschap · woont 100 m verderop · kan maandag, dinsdag, woensdag, donderdag en vrijdag, \'s ochtends, \'s middags en \'s avonds');
    expect(suggestions[1].reasons).toEqual(['is graag gezelschap', 'woont 100 m verderop', "kan dinsdag en donderdag, 's middags"]);
    expect(suggestions.every((s: { screened: boolean; confirmable: boolean }) => !s.screened && !s.confirmable)).toBe(true);

    const refused = await cora.post(`/api/console/light/${caseId}/match`, { volunteerId: volunteers.ans.volunteerId });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ error: 'needs-screening' });
    const screened = await cora.post(`/api/console/volunteers/${volunteers.ans.volunteerId}/screening`, { vog: 'checked' });
    expect(screened.json).toMatchObject({ name: 'Ans', screened: true });
    expect((await cora.get(`/api/console/light/${caseId}/suggestions`)).json.suggestions[0]).toMatchObject({ screened: true, confirmable: true });
    expect(await server.app.stores.console.listAudit({ volunteerId: volunteers.ans.volunteerId })).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'match', result: 'needs-screening', caseId }), expect.objectContaining({ action: 'screening', result: 'ok' })]),
    );
  });

  it('a declined volunteer is not suggested again for that case, and the reason stays in the buddy history', async () => {
    const { caseId } = await lichtIntake(server.app, server.baseUrl);
    expect((await cora.post(`/api/console/light/${caseId}/decline`, { volunteerId: volunteers.kees.volunteerId, reason: 'woont te ver weg' })).status).toBe(204);
    const names = (await cora.get(`/api/console/light/${caseId}/suggestions`)).json.suggestions.map((s: { volunteer: { name: string } }) => s.volunteer.name);
    expect(names).not.toContain('Kees');
    const history = (await cora.get(`/api/console/light/${caseId}/buddy`)).json;
    expect(history.events).toEqual([expect.objectContaining({ type: 'declined', volunteer: { id: volunteers.kees.volunteerId, name: 'Kees' }, reason: 'woont te ver weg', by: expect.objectContaining({ displayName: 'Verbinder cora' }) })]);
  });

  it('confirms a match: both sides are introduced on their own chat, the case shows its buddy and leaves the queue', async () => {
    const { resident, caseId } = await lichtIntake(server.app, server.baseUrl);
    const confirmed = await cora.post(`/api/console/light/${caseId}/match`, { volunteerId: volunteers.ans.volunteerId });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json).toEqual({ residentTold: true, volunteerTold: true });
    await resident.events((events) => texted(events, 'Er is een buddy voor je gevonden: Ans. Ans wandelt graag en is graag gezelschap.'));
    const introduced = await volunteers.ans.volunteer.events((events) => texted(events, 'Hallo Ans. De coördinator vraagt je als buddy voor iemand uit de buurt (3022). Deze persoon zoekt hulp bij: wandelen en gezelschap.'));
    expect(JSON.stringify(introduced)).toContain('contact gehad');
    const history = (await cora.get(`/api/console/light/${caseId}/buddy`)).json;
    expect(history.buddy).toMatchObject({ id: volunteers.ans.volunteerId, name: 'Ans' });
    expect((await cora.get('/api/console/queue')).json.light.map((entry: { caseId: string }) => entry.caseId)).not.toContain(caseId);
    // Already matched: a second confirmation is refused.
    expect((await cora.post(`/api/console/light/${caseId}/match`, { volunteerId: volunteers.fatma.volunteerId })).json).toMatchObject({ error: 'not-waiting' });
  });

  it('a check-in with worries puts the case back in the queue with an alert to the coordinators; "contact gehad" is only recorded', async () => {
    const { caseId } = await lichtIntake(server.app, server.baseUrl, ['Ik wil beter Nederlands leren', 'Ik kan goed luisteren', 'Iemand om de taal mee te oefenen']);
    expect((await cora.post(`/api/console/light/${caseId}/match`, { volunteerId: volunteers.kees.volunteerId })).status).toBe(200);
    const kees = volunteers.kees.volunteer;
    await kees.say('contact gehad');
    await kees.events((events) => texted(events, texts.buddy.checkInThanks.contact));
    expect((await server.app.stores.cases.get(caseId))?.buddy?.lastCheckInAt).toBeDefined();

    const stream = await fetch(`${server.baseUrl}/api/console/events`, { headers: { Cookie: cora.cookie } });
    const alerted = readEvents(stream, (event) => event.event === 'alert' && event.data.caseId === caseId);
    await kees.say('zorgen');
    expect((await alerted).at(-1)?.data).toMatchObject({ type: 'light-alert', alert: 'worries' });
    await kees.events((events) => texted(events, texts.buddy.checkInThanks.worries));
    const row = (await cora.get('/api/console/queue')).json.light[0];
    expect(row).toMatchObject({ caseId, alert: 'worries' });
    const history = (await cora.get(`/api/console/light/${caseId}/buddy`)).json;
    expect(history.events.map((event: { type: string; checkIn: string | null }) => [event.type, event.checkIn])).toEqual([
      ['confirmed', null],
      ['check-in', 'contact'],
      ['check-in', 'worries'],
    ]);
    // Kees is no longer this case's buddy: a later check-in is not taken as one.
    await kees.say('loopt goed');
    expect((await server.app.stores.cases.get(caseId))?.buddyHistory).toHaveLength(3);
  });

  it('the resident can ask for another buddy and a buddy can hand a case back; both go back to the coordinator', async () => {
    const first = await lichtIntake(server.app, server.baseUrl);
    expect((await cora.post(`/api/console/volunteers/${volunteers.fatma.volunteerId}/screening`, { vog: 'checked' })).status).toBe(200);
    expect((await cora.post(`/api/console/light/${first.caseId}/match`, { volunteerId: volunteers.fatma.volunteerId })).status).toBe(200);
    await first.resident.say('andere buddy');
    await first.resident.events((events) => texted(events, texts.buddy.anotherAsked));
    await volunteers.fatma.volunteer.events((events) => texted(events, texts.buddy.endedVolunteer));
    expect((await server.app.stores.cases.get(first.caseId))?.buddy).toMatchObject({ alert: 'another-buddy' });
    // Fatma is not suggested for this case again.
    const names = (await cora.get(`/api/console/light/${first.caseId}/suggestions`)).json.suggestions.map((s: { volunteer: { name: string } }) => s.volunteer.name);
    expect(names).not.toContain('Fatma');

    const second = await lichtIntake(server.app, server.baseUrl);
    expect((await cora.post(`/api/console/light/${second.caseId}/match`, { volunteerId: volunteers.fatma.volunteerId })).status).toBe(200);
    await volunteers.fatma.volunteer.say('buddy teruggeven');
    await volunteers.fatma.volunteer.events((events) => texted(events, texts.buddy.handedBack));
    await second.resident.events((events) => texted(events, texts.buddy.handedBackResident));
    expect((await server.app.stores.cases.get(second.caseId))?.buddy).toMatchObject({ alert: 'handed-back' });
  });

  it('a coordinator escalates a light case to a professional with a reason; the resident is told and the wijkverbinders see it', async () => {
    const { resident, caseId } = await lichtIntake(server.app, server.baseUrl);
    expect((await cora.post(`/api/console/light/${caseId}/escalate`, {})).status).toBe(400);
    expect((await cora.post(`/api/console/light/${caseId}/escalate`, { reason: '<b>Schulden</b> kwamen ter sprake' })).status).toBe(204);
    await resident.events((events) => texted(events, texts.buddy.escalatedResident));
    const value = await server.app.stores.cases.get(caseId);
    expect(value).toMatchObject({ status: 'escalated', escalatedAt: expect.any(String), team: TEAM });
    expect(value?.buddyHistory?.at(-1)).toMatchObject({ type: 'escalated', reason: '<b>Schulden</b> kwamen ter sprake' });
    expect((await anna.get('/api/console/queue')).json.cases.map((entry: { caseId: string }) => entry.caseId)).toContain(caseId);
    expect((await cora.post(`/api/console/light/${caseId}/escalate`, { reason: 'nog eens' })).json).toMatchObject({ error: 'not-waiting' });
  });

  it('searches the volunteers list by talent, area, language and status, and refuses unknown terms', async () => {
    const names = async (query: string) => (await cora.get(`/api/console/volunteers${query}`)).json.volunteers.map((v: { name: string }) => v.name);
    expect(await names('')).toEqual(['Ans', 'Fatma', 'Kees']);
    expect(await names('?talent=koken')).toEqual(['Fatma']);
    expect(await names('?language=turks')).toEqual(['Fatma']);
    expect(await names('?area=3021')).toEqual(['Kees']);
    expect(await names('?area=hudson')).toEqual(['Fatma']);
    expect(await names('?status=paused')).toEqual([]);
    for (const query of ['?talent=zingen', '?language=klingon', '?status=weg', '?extra=1']) expect((await cora.get(`/api/console/volunteers${query}`)).status).toBe(400);
    const one = (await cora.get(`/api/console/volunteers/${volunteers.fatma.volunteerId}`)).json;
    expect(one).toMatchObject({ name: 'Fatma', talents: ['koken', 'gezelschap'], languages: ['Nederlands', 'Turks'], contact: 'chat' });
    expect(JSON.stringify(one)).not.toContain('conversation');
    expect((await otto.get(`/api/console/volunteers/${volunteers.fatma.volunteerId}`)).status).toBe(403);
    expect((await otto.get('/api/console/volunteers')).json.volunteers).toEqual([]);
  });

  it('14 days without a check-in put the case back in the queue; the nearing promise alerts once (clock moved, no waiting)', async () => {
    const { caseId } = await lichtIntake(server.app, server.baseUrl, ['Ik zoek iemand voor boodschappen', 'Ik kan breien', 'Hulp met de boodschappen']);
    const waiting = await lichtIntake(server.app, server.baseUrl, LICHT_ANSWERS);
    expect((await cora.post(`/api/console/light/${caseId}/match`, { volunteerId: volunteers.ans.volunteerId })).status).toBe(200);
    expect(await server.app.buddies.sweep()).toEqual({ silent: 0, nearing: 0, gone: 0 });
    // Tuesday after Easter Monday: one working day left for every case that came in on Thursday.
    clock.forward(5);
    const first = await server.app.buddies.sweep();
    expect(first.silent).toBe(0);
    expect(first.nearing).toBeGreaterThanOrEqual(1);
    expect((await server.app.buddies.sweep()).nearing).toBe(0);
    await relogin();
    const row = (await cora.get('/api/console/queue')).json.light.find((entry: { caseId: string }) => entry.caseId === waiting.caseId);
    expect(row).toMatchObject({ promise: 'nearing', workingDaysLeft: 1 });
    clock.forward(10);
    expect((await server.app.buddies.sweep()).silent).toBeGreaterThanOrEqual(1);
    expect((await server.app.stores.cases.get(caseId))?.buddy).toMatchObject({ alert: 'silent' });
    await relogin();
    expect((await cora.get('/api/console/queue')).json.light.find((entry: { caseId: string }) => entry.caseId === caseId)).toMatchObject({ alert: 'silent' });
  });

  it('a buddy who stops as volunteer hands the case back; one who erases their data too, at the next sweep', async () => {
    const taal = ['Ik wil beter Nederlands leren', 'Ik kan goed luisteren', 'Iemand om de taal mee te oefenen'];
    const first = await lichtIntake(server.app, server.baseUrl, taal);
    const bea = await volunteerSignUp(server.app, server.baseUrl, ['Bea', 'taal oefenen en voorlezen', 'maandag', 'avond', '3022 C', 'Nederlands', 'Via deze chat']);
    expect((await cora.post(`/api/console/light/${first.caseId}/match`, { volunteerId: bea.volunteerId })).status).toBe(200);
    await bea.volunteer.say('stop als vrijwilliger');
    await bea.volunteer.events((events) => texted(events, 'Je bent gestopt als vrijwilliger.'));
    expect((await server.app.stores.cases.get(first.caseId))?.buddy).toMatchObject({ alert: 'handed-back' });
    await first.resident.events((events) => texted(events, texts.buddy.handedBackResident));
    const suggested = (await cora.get(`/api/console/light/${first.caseId}/suggestions`)).json.suggestions.map((s: { volunteer: { name: string } }) => s.volunteer.name);
    expect(suggested).not.toContain('Bea');

    const second = await lichtIntake(server.app, server.baseUrl, taal);
    const cor = await volunteerSignUp(server.app, server.baseUrl, ['Cor', 'taalmaatje', 'dinsdag', 'ochtend', '3022 C', 'Nederlands', 'Via deze chat']);
    expect((await cora.post(`/api/console/light/${second.caseId}/match`, { volunteerId: cor.volunteerId })).status).toBe(200);
    await cor.volunteer.say('verwijder mijn gegevens');
    await cor.volunteer.say('ja');
    await cor.volunteer.events((events) => texted(events, texts.erasure.done));
    expect(await server.app.stores.volunteers.get(cor.volunteerId)).toBeUndefined();
    expect((await server.app.buddies.sweep()).gone).toBe(1);
    const history = (await cora.get(`/api/console/light/${second.caseId}/buddy`)).json;
    expect(history.alert).toBe('handed-back');
    expect(history.events.at(-1)).toMatchObject({ type: 'handed-back', volunteer: { id: cor.volunteerId, name: null } });
  });
});
