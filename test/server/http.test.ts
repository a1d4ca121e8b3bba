import { followUpTexts, texts } from '../helpers/conversation';
import { startTokenIssuer, type TokenIssuer } from '../helpers/tokenIssuer';
import { activity, postActivity, replyTexts, startTestServer, type TestServer } from '../helpers/server';

describe('HTTP server on loopback', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function stillServing() {
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(response.status).toBe(200);
  }

  it('answers /healthz with the store in use, whether it answers, the event channel and who runs the timers', async () => {
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      store: 'sqlite',
      storeReachable: true,
      events: { mode: 'in-process', ok: true },
      timers: 'this-instance',
      instance: server.app.instance,
    });
  });

  it('runs a full intake over POST /api/messages with expectReplies', async () => {
    const say = async (text: string) => {
      const { status, json } = await postActivity(server.baseUrl, activity('http-intake', text));
      expect(status).toBe(200);
      return replyTexts(json);
    };
    expect(await say('hallo')).toEqual([texts.greeting.intro, expect.stringContaining('365 dagen'), texts.greeting.consentQuestion]);
    expect(await say('jawel')).toEqual([texts.greeting.consentGiven, texts.intake.wil]);
    expect(await say('ik wil graag Nederlands leren')).toEqual([texts.intake.kan]);
    expect(await say('ik kan goed naaien')).toEqual([texts.intake.nodig]);
    expect(await say('een taalmaatje')).toEqual([followUpTexts.question]);
    const end = await say(followUpTexts.done);
    expect(end[0]).toContain('"ik wil graag Nederlands leren"');
    const stored = await server.app.stores.cases.findActiveByConversation('emulator', 'http-intake');
    expect(stored).toMatchObject({ status: 'open', answers: { nodig: 'een taalmaatje' } });
    // The Emulator sends no timestamp: each message is still listed before the answers it got.
    const kept = (await server.app.stores.transcripts.getTranscriptActivities('emulator', 'http-intake')).items.map((item) => item.text);
    expect(kept.slice(0, 8)).toEqual(['jawel', texts.greeting.consentGiven, texts.intake.wil, 'ik wil graag Nederlands leren', texts.intake.kan, 'ik kan goed naaien', texts.intake.nodig, 'een taalmaatje']);
  });

  it('refuses malformed JSON with a clear 400 and keeps serving', async () => {
    const { status, json } = await postActivity(server.baseUrl, '{"type": "message", ');
    expect(status).toBe(400);
    expect(json.message).toMatch(/JSON/i);
    await stillServing();
  });

  it('refuses an activity without a type, naming the field', async () => {
    const body = activity('no-type', 'hoi');
    delete body.type;
    const { status, json } = await postActivity(server.baseUrl, body);
    expect(status).toBe(400);
    expect(json).toMatchObject({ error: 'bad_activity', message: expect.stringContaining('type') });
    await stillServing();
  });

  it('refuses a body that is not an object, and one without a conversation', async () => {
    expect((await postActivity(server.baseUrl, '[1,2,3]')).status).toBe(400);
    expect((await postActivity(server.baseUrl, { type: 'message', text: 'hoi' })).status).toBe(400);
    await stillServing();
  });

  it('refuses a 1 MB message with 413 and keeps serving', async () => {
    const { status } = await postActivity(server.baseUrl, activity('huge', 'x'.repeat(1024 * 1024)));
    expect(status).toBe(413);
    await stillServing();
  });

  it('answers a message above the bot\'s limit but under the body cap politely in Dutch', async () => {
    await postActivity(server.baseUrl, activity('long', 'hallo'));
    const { status, json } = await postActivity(server.baseUrl, activity('long', 'woord '.repeat(2000)));
    expect(status).toBe(200);
    expect(replyTexts(json)).toEqual([texts.errors.tooLong]);
  });

  it('ignores an unknown activity type without crashing', async () => {
    const { status, json } = await postActivity(server.baseUrl, activity('odd', 'hoi', { type: 'somethingNew' }));
    expect(status).toBe(200);
    expect(json.activities).toEqual([]);
    await stillServing();
  });

  it('refuses non-JSON content types', async () => {
    const response = await fetch(`${server.baseUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hallo' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    await stillServing();
  });
});

describe('HTTP server with a Microsoft app id', () => {
  const appId = '00000000-0000-0000-0000-000000000001';
  let issuer: TokenIssuer;
  let server: TestServer;
  beforeAll(async () => {
    issuer = await startTokenIssuer();
    server = await startTestServer({ MicrosoftAppId: appId, MicrosoftAppPassword: 'not-a-real-secret', ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl });
  });
  afterAll(async () => {
    await server.close();
    await issuer.close();
  });

  function withToken(conversation: string, token: string) {
    const body = activity(conversation, 'hallo');
    return postActivity(server.baseUrl, body, { Authorization: `Bearer ${token}` });
  }
  const claimsFor = (serviceUrl: unknown) => ({ aud: appId, serviceurl: serviceUrl });

  it('accepts a token signed by the channel', async () => {
    const { status, json } = await withToken('auth-ok', issuer.sign(claimsFor(activity('x', '').serviceUrl)));
    expect(status).toBe(200);
    expect(replyTexts(json).join(' ')).toContain(texts.greeting.intro);
  });

  it('rejects a request without a token with 401', async () => {
    const { status } = await postActivity(server.baseUrl, activity('auth', 'hallo'));
    expect(status).toBe(401);
  });

  it('rejects a forged bearer token with 401', async () => {
    const { status } = await withToken('auth-forged', issuer.sign(claimsFor(activity('x', '').serviceUrl), { forged: true }));
    expect(status).toBe(401);
  });

  it('rejects a token for another bot with 401', async () => {
    const { status } = await withToken('auth-aud', issuer.sign({ aud: 'someone-else', serviceurl: activity('x', '').serviceUrl }));
    expect(status).toBe(401);
  });

  it('rejects a token that is not a JWT with 401', async () => {
    const { status } = await withToken('auth-garbage', 'not.a.token');
    expect(status).toBe(401);
  });
});
