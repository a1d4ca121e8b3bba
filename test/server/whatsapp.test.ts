import { format } from '../../src/i18n/texts';
import { ConsoleClient, createConnector } from '../console/consoleClient';
import { WHATSAPP_CHANNEL } from '../../src/channels/whatsapp/whatsappAdapter';
import { followUpTexts, texts } from '../helpers/conversation';
import { FakeGraph } from '../helpers/fakeGraph';
import { startTestServer, type TestServer } from '../helpers/server';
import { FAST_RETRY, RESIDENT, WA, deliver, incoming, nextMessageId, sign, text, webhook, whatsappEnv } from '../helpers/whatsapp';

describe('WhatsApp Cloud API channel', () => {
  let graph: FakeGraph;
  let server: TestServer;

  beforeEach(async () => {
    graph = new FakeGraph();
    server = await startTestServer(whatsappEnv(await graph.start()), { whatsappRetry: FAST_RETRY });
  });
  afterEach(async () => {
    await server.close();
    await graph.close();
  });

  /** One resident message in, and what the resident sees of the answer once the bot is done. */
  async function say(payload: unknown) {
    graph.reset();
    expect((await deliver(server.baseUrl, payload)).status).toBe(200);
    await server.app.whatsapp!.idle();
    return graph.seen();
  }

  describe('verification handshake', () => {
    const handshake = (query: string) => fetch(`${server.baseUrl}/api/whatsapp?${query}`);

    it('echoes hub.challenge as plain text for the right verify token', async () => {
      const response = await handshake(`hub.mode=subscribe&hub.verify_token=${WA.verifyToken}&hub.challenge=1158201444`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toBe('1158201444');
    });

    it.each([
      ['a wrong token', `hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`],
      ['a token that only starts right', `hub.mode=subscribe&hub.verify_token=${WA.verifyToken}x&hub.challenge=1`],
      ['another mode', `hub.mode=unsubscribe&hub.verify_token=${WA.verifyToken}&hub.challenge=1`],
      ['no token', `hub.mode=subscribe&hub.challenge=1`],
      ['nothing', ''],
    ])('answers 403 to %s', async (_what, query) => {
      const response = await handshake(query);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('"1"');
    });
  });

  describe('signed deliveries', () => {
    const body = () => JSON.stringify(text('hallo'));

    it.each([
      ['a missing signature', (raw: string) => ({ raw, headers: {} })],
      ['a signature with the wrong secret', (raw: string) => ({ raw, headers: { 'X-Hub-Signature-256': sign(raw, 'another-secret') } })],
      ['a body changed after signing', (raw: string) => ({ raw: raw.replace('hallo', 'hallO'), headers: { 'X-Hub-Signature-256': sign(raw) } })],
      ['a malformed signature', (raw: string) => ({ raw, headers: { 'X-Hub-Signature-256': 'sha256=zz' } })],
    ])('attack: %s is refused with 401, nothing is processed and nothing goes out', async (_what, make) => {
      const { raw, headers } = make(body());
      const response = await deliver(server.baseUrl, raw, headers);
      expect(response.status).toBe(401);
      await server.app.whatsapp!.idle();
      expect(graph.requests).toHaveLength(0);
      expect((await server.app.stores.transcripts.getTranscriptActivities(WHATSAPP_CHANNEL, RESIDENT.waId)).items).toHaveLength(0);
    });

    it('takes a correctly signed message: read ticks with typing, then the greeting and consent buttons', async () => {
      const seen = await say(text('hallo'));
      expect(graph.readReceipts()).toHaveLength(1);
      expect(graph.readReceipts()[0]).toMatchObject({ messaging_product: 'whatsapp', status: 'read', typing_indicator: { type: 'text' } });
      expect(graph.requests[0].body.status).toBe('read');
      expect(graph.requests.every((request) => request.authorization === `Bearer ${WA.token}` && request.path === `/v23.0/${WA.phoneNumberId}/messages`)).toBe(true);
      expect(graph.sent().every((sent) => sent.to === RESIDENT.waId && sent.messaging_product === 'whatsapp')).toBe(true);
      expect(seen.at(-1)).toEqual({ kind: 'button', text: texts.greeting.consentQuestion, choices: ['Ja', 'Nee'] });
    });

    it('refuses a signed body that is not Meta\'s webhook shape with 400', async () => {
      const raw = JSON.stringify({ object: 'page', entry: [] });
      expect((await deliver(server.baseUrl, raw)).status).toBe(400);
    });
  });

  it('a full intake over WhatsApp: consent buttons, three questions, the follow-up as a list, tapped rows counted', async () => {
    await say(text('hallo'));
    const consent = graph.sent().at(-1);
    expect(consent.interactive.action.buttons).toHaveLength(2);
    const [yes] = consent.interactive.action.buttons;
    expect(await say(incoming({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: yes.reply.id, title: yes.reply.title } } }))).toEqual([
      { kind: 'text', text: texts.greeting.consentGiven, choices: [] },
      // The three entry choices as reply buttons, each within WhatsApp's 20 characters.
      { kind: 'button', text: texts.intake.wil, choices: [texts.entry.choices.self, texts.entry.choices.report, texts.whatsapp.shortTitles['Iets doen voor de buurt']] },
    ]);
    await say(text('Ik zit veel alleen thuis'));
    await say(text('Ik kan goed koken'));
    const followUp = await say(text('Iemand die met me meedenkt'));
    expect(followUp).toHaveLength(1);
    expect(followUp[0]).toMatchObject({ kind: 'list', text: followUpTexts.question });
    const list = graph.sent()[0].interactive.action;
    const rows = list.sections.flatMap((section: any) => section.rows);
    expect(rows.length).toBeLessThanOrEqual(10);
    expect(rows.map((row: any) => row.title)).toEqual([...followUpTexts.choices.map((choice) => choice.label), followUpTexts.done]);
    expect(rows.every((row: any) => row.title.length <= 24)).toBe(true);
    expect(list.button.length).toBeLessThanOrEqual(20);
    const money = rows[0];
    const next = await say(incoming({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: money.id, title: money.title, description: '' } } }));
    expect(next[0]).toMatchObject({ kind: 'list', text: followUpTexts.more });
    await say(incoming({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: followUpTexts.done, title: followUpTexts.done } } }));
    const stored = await server.app.stores.cases.findActiveByConversation(WHATSAPP_CHANNEL, RESIDENT.waId);
    expect(stored).toMatchObject({ channel: 'whatsapp', residentKey: `whatsapp:${RESIDENT.waId}`, answers: { wil: 'Ik zit veel alleen thuis', named: [followUpTexts.choices[0].label] } });
    // Every button and row the bot ever sent fitted WhatsApp's limits.
    for (const sent of graph.requests.map((request) => request.body).filter((body) => body.type === 'interactive')) {
      for (const button of sent.interactive.action.buttons ?? []) expect(button.reply.title.length).toBeLessThanOrEqual(20);
      expect((sent.interactive.action.buttons ?? []).length).toBeLessThanOrEqual(3);
    }
  });

  it('keys the conversation on the business-scoped user id when the webhook carries one', async () => {
    await say(text('hallo', { userId: 'NL.1349120865530274191' }));
    expect((await server.app.stores.transcripts.getTranscriptActivities(WHATSAPP_CHANNEL, 'NL.1349120865530274191')).items.length + 1).toBeGreaterThan(0);
    const state = await server.app.stores.storage.read([`${WHATSAPP_CHANNEL}/conversations/NL.1349120865530274191/`]);
    expect(Object.keys(state)).toHaveLength(1);
  });

  it('processes a delivery Meta retries (same message id) exactly once: one reply, one read receipt', async () => {
    const payload = text('hallo', { id: nextMessageId() });
    await say(payload);
    const first = graph.requests.length;
    expect(first).toBeGreaterThan(1);
    graph.reset();
    expect((await deliver(server.baseUrl, payload)).status).toBe(200);
    expect((await deliver(server.baseUrl, payload)).status).toBe(200);
    await server.app.whatsapp!.idle();
    expect(graph.requests).toHaveLength(0);
  });

  it('answers a voice note kindly that it reads text only, offers a person, and notes the voice note without the media', async () => {
    await say(text('hallo'));
    await say(text('ja'));
    const seen = await say(incoming({ type: 'audio', audio: { id: '1013859600285441', mime_type: 'audio/ogg; codecs=opus', voice: true } }));
    expect(seen).toEqual([{ kind: 'button', text: texts.errors.notText, choices: texts.errors.notTextChoices }]);
    expect(graph.readReceipts()).toHaveLength(1);
    const transcript = (await server.app.stores.transcripts.getTranscriptActivities(WHATSAPP_CHANNEL, RESIDENT.waId)).items;
    const voice = transcript.find((activity) => activity.attachments?.length);
    expect(voice?.attachments).toEqual([{ contentType: 'audio/ogg; codecs=opus', name: 'voice' }]);
    expect(JSON.stringify(transcript)).not.toContain('1013859600285441');
  });

  it('splits a long text at sentence ends into parts WhatsApp takes (at most 4,096 characters)', async () => {
    await say(text('hallo'));
    await say(text('ja'));
    const sentence = 'Dit is een zin over mijn situatie thuis. ';
    const long = sentence.repeat(Math.ceil(3500 / sentence.length));
    graph.reset();
    // A connector's long message goes through the same adapter.
    const reference = (await server.app.stores.cases.listByResident(`whatsapp:${RESIDENT.waId}`))[0]?.conversationRef ?? {
      channelId: 'whatsapp',
      conversation: { id: RESIDENT.waId },
      user: { id: RESIDENT.waId, properties: { waId: RESIDENT.waId } },
      serviceUrl: 'whatsapp://',
    };
    await server.app.proactive.sendText(reference, `${long}${long}`);
    const parts = graph.sent().map((sent) => sent.text.body as string);
    expect(parts.length).toBe(2);
    expect(parts.every((part) => part.length <= 4096)).toBe(true);
    expect(parts[0].endsWith('thuis.')).toBe(true);
    expect(parts.join(' ')).toBe(`${long}${long}`.trim());
  });

  it('retries a 429 and a 500 and then delivers, once', async () => {
    graph.fail(200, 429, 500);
    const seen = await say(text('hallo'));
    // The fake records every try: the greeting three times (429, 500, then 200), everything after it once.
    expect(seen.filter((item) => item.text === texts.greeting.intro)).toHaveLength(3);
    expect(seen.filter((item) => item.text === texts.greeting.consentQuestion)).toHaveLength(1);
    expect(seen.at(-1)?.text).toBe(texts.greeting.consentQuestion);
  });
});

describe('WhatsApp with a wijkverbinder in the console', () => {
  let graph: FakeGraph;
  let server: TestServer;
  let offsetMs = 0;
  const start = Date.parse('2025-03-04T10:00:00Z');

  beforeEach(async () => {
    offsetMs = 0;
    graph = new FakeGraph();
    const now = () => new Date(start + offsetMs);
    server = await startTestServer(whatsappEnv(await graph.start(), { WHATSAPP_TEMPLATE_REOPEN: 'wijkteam_vraag_antwoord' }), {
      whatsappRetry: FAST_RETRY,
      now,
      availability: { anyoneAvailable: () => true },
    });
  });
  afterEach(async () => {
    await server.close();
    await graph.close();
  });

  async function deliverAndWait(payload: unknown): Promise<void> {
    expect((await deliver(server.baseUrl, payload)).status).toBe(200);
    await server.app.whatsapp!.idle();
  }

  /** A resident on WhatsApp who asked for a person, and a connector who took the case. */
  async function claimedCase() {
    await deliverAndWait(text('hallo'));
    await deliverAndWait(text('ja'));
    await deliverAndWait(text('mens'));
    const [value] = await server.app.stores.cases.listByResident(`whatsapp:${RESIDENT.waId}`);
    expect(value.status).toBe('escalated');
    const anna = await createConnector(server.app, 'anna');
    const client = await ConsoleClient.login(server.baseUrl, anna.username);
    expect((await client.post(`/api/console/cases/${value.id}/claim`)).status).toBe(204);
    graph.reset();
    return { caseId: value.id, client };
  }

  it('a connector message that finally fails is recorded on the case and shown in the console', async () => {
    const { caseId, client } = await claimedCase();
    graph.fail(400);
    const refused = await client.post(`/api/console/cases/${caseId}/messages`, { text: 'Hoi, ik ben Anna.' });
    expect(refused.status).toBe(502);
    expect(refused.json.error).toBe('not-delivered');
    expect(graph.sent()).toHaveLength(1);
    const detail = (await client.get(`/api/console/cases/${caseId}`)).json;
    expect(detail.case.deliveryFailure).toEqual({ at: new Date(start).toISOString(), reason: '400/131026' });
  });

  it('a 500 that never passes is retried up to the cap and then recorded, not dropped', async () => {
    const { caseId, client } = await claimedCase();
    graph.fail(500, 500, 500, 500);
    expect((await client.post(`/api/console/cases/${caseId}/messages`, { text: 'Hoi' })).status).toBe(502);
    expect(graph.sent()).toHaveLength(FAST_RETRY.attempts);
    expect((await client.get(`/api/console/cases/${caseId}`)).json.case.deliveryFailure.reason).toBe('500/4');
  });

  it('a status "failed" from Meta is recorded on the case once; delivered and read change nothing', async () => {
    const { caseId, client } = await claimedCase();
    const status = (value: string, errors?: unknown) => webhook({ statuses: [{ id: 'wamid.out-7', status: value, timestamp: '1741082500', recipient_id: RESIDENT.waId, ...(errors ? { errors } : {}) }] });
    await deliverAndWait(status('delivered'));
    await deliverAndWait(status('read'));
    expect((await client.get(`/api/console/cases/${caseId}`)).json.case.deliveryFailure).toBeNull();
    await deliverAndWait(status('failed', [{ code: 131047, title: 'Re-engagement message' }]));
    expect((await client.get(`/api/console/cases/${caseId}`)).json.case.deliveryFailure).toMatchObject({ reason: 'failed/131047' });
    expect(graph.requests).toHaveLength(0);
  });

  it('after 24 hours the window is closed: no free message, the approved template is offered and sent', async () => {
    const claimed = await claimedCase();
    const { caseId } = claimed;
    expect((await claimed.client.get(`/api/console/cases/${caseId}`)).json.replyWindow).toMatchObject({ open: true, template: 'wijkteam_vraag_antwoord' });
    offsetMs = 25 * 60 * 60 * 1000;
    // A day later the connector logs in again (sessions end after idle time on the same clock).
    const client = await ConsoleClient.login(server.baseUrl, 'anna');
    const detail = (await client.get(`/api/console/cases/${caseId}`)).json;
    expect(detail.replyWindow).toMatchObject({ open: false, template: 'wijkteam_vraag_antwoord' });
    const refused = await client.post(`/api/console/cases/${caseId}/messages`, { text: 'Hoi' });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toBe('window-closed');
    expect(graph.requests).toHaveLength(0);
    expect((await client.post(`/api/console/cases/${caseId}/invite`)).status).toBe(204);
    expect(graph.sent()).toEqual([
      { messaging_product: 'whatsapp', recipient_type: 'individual', to: RESIDENT.waId, type: 'template', template: { name: 'wijkteam_vraag_antwoord', language: { code: 'nl' } } },
    ]);
    // The resident answers: the window opens again and the connector can write.
    await deliverAndWait(text('ja hoor, ik ben er'));
    expect((await client.get(`/api/console/cases/${caseId}`)).json.replyWindow.open).toBe(true);
    graph.reset();
    expect((await client.post(`/api/console/cases/${caseId}/messages`, { text: 'Fijn!' })).status).toBe(204);
    // WhatsApp shows only text, so the text carries who wrote it.
    expect(graph.sent()[0]).toMatchObject({ type: 'text', text: { body: format(texts.handoff.senderLine, { name: 'Verbinder', role: texts.handoff.connectorRole, text: 'Fijn!' }) } });
  });
});
