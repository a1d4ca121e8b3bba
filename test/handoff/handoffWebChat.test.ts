import type { HandoffEvent } from '../../src/handoff/ports';
import { TEST_TEAM, texts } from '../helpers/conversation';
import { startTestServer, type TestServer } from '../helpers/server';
import { startChat } from '../helpers/chat';

/** The whole loop over HTTP on the local chat page's channel: the connector's message arrives live on the page. */
describe('handoff on the local chat page', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('relays between the resident on the page and the connector, through the bot', async () => {
    let unsubscribe = () => undefined as void;
    const residentMessage = new Promise<HandoffEvent>((resolve) => {
      unsubscribe = server.app.handoff.subscribe((event) => {
        if (event.type === 'resident-message') resolve(event);
      });
    });
    const resident = await startChat(server.baseUrl);
    const pageTexts = (seen: Array<Record<string, unknown>>) => seen.filter((event) => event.type === 'message').map((event) => String(event.text));
    // The stream replays what the page missed, so each step reads from the start until the awaited message is there.
    const until = (predicate: (text: string) => boolean) => resident.events((seen) => pageTexts(seen).some(predicate)).then(pageTexts);
    await until((text) => text === texts.greeting.consentQuestion);
    await resident.say('ja');
    await until((text) => text === texts.intake.wil);
    await resident.say('mens');
    const shown = await until((text) => text.includes(texts.handoff.keepWriting));
    // Nobody is online without the console's presence, and the bot says so.
    expect(shown.slice(-2)).toEqual([texts.person.requested, expect.stringContaining('geen wijkverbinder online')]);

    const [entry] = await server.app.handoff.queue(TEST_TEAM);
    const fatima = { id: 'fatima', displayName: 'Fatima El Amrani', team: TEST_TEAM };
    expect(await server.app.handoff.claim(fatima, entry.case.id)).toEqual({ ok: true, value: undefined });
    await until((text) => text === texts.handoff.pickedUp.replaceAll('{name}', 'Fatima'));
    const fromFatima = 'Hallo, ik ben Fatima <b>van het wijkteam</b>.';
    const live = resident.events((seen) => seen.some((event) => event.text === fromFatima));
    expect(await server.app.handoff.sendToResident(fatima, entry.case.id, fromFatima)).toEqual({ ok: true, value: undefined });
    // The page shows the sender itself: the text stays the connector's own words, the first name and role come beside it.
    const event = (await live).find((seen) => seen.text === fromFatima);
    expect(event).toMatchObject({ type: 'message', sender: { name: 'Fatima', role: texts.handoff.connectorRole } });

    expect((await resident.say('Fijn, dank je')).status).toBe(202);
    expect(await residentMessage).toMatchObject({ caseId: entry.case.id, text: 'Fijn, dank je' });
    unsubscribe();
  });
});
