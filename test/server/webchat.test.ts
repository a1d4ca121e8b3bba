import { startChat } from '../helpers/chat';
import { texts } from '../helpers/conversation';
import { startTestServer, type TestServer } from '../helpers/server';

describe('web chat channel over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(server.baseUrl + path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('serves the page with a content security policy and a quick-exit button', async () => {
    const response = await fetch(server.baseUrl + '/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await response.text();
    expect(page).toContain('<div id="messages" class="messages" role="log"');
    expect(page).toContain('id="quick-exit"');
  });

  it('starts a conversation behind an httpOnly cookie, greets over the event stream, and takes messages', async () => {
    const resident = await startChat(server.baseUrl);
    expect(resident.cookie).toMatch(/^wv_chat=/);
    const greeting = await resident.events((events) => events.length >= 3);
    expect(greeting.map((event) => event.text)).toEqual([texts.greeting.intro, expect.stringContaining('dagen'), texts.greeting.consentQuestion]);
    expect(greeting[2].suggestedActions).toEqual([{ title: 'Ja', value: 'Ja' }, { title: 'Nee', value: 'Nee' }]);

    expect((await resident.say('ja')).status).toBe(202);
    // The resident's own message is on the stream too (a reload shows both sides), before the bot's answers;
    // the typing hint sent live meanwhile is not replayed (the chat page test sees it come and go).
    const after = (await resident.events((events) => events.length >= 6)).slice(3);
    expect(after.map((event) => [(event.from as { role?: string } | undefined)?.role, event.text])).toEqual([
      ['user', 'ja'],
      ['bot', texts.greeting.consentGiven],
      ['bot', texts.intake.wil],
    ]);
    // The same cookie comes back to the same conversation (a reload).
    const again = await post('/chat/session', {}, { Cookie: resident.cookie });
    expect(again.status).toBe(200);
    expect((await again.json()).conversationId).toBe(resident.conversationId);
  });

  it('attack: reading or writing another conversation without its cookie — refused, nothing leaks', async () => {
    const victim = await startChat(server.baseUrl);
    await victim.say('ja');
    for (const cookie of [undefined, 'wv_chat=made-up', `wv_chat=${victim.conversationId}.00000000-0000-4000-8000-000000000000.1700000000.forged`]) {
      const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
      expect((await fetch(`${server.baseUrl}/chat/events`, { headers })).status).toBe(401);
      expect((await post('/chat/messages', { text: 'hoi' }, headers)).status).toBe(401);
    }
    // The old id-in-the-path routes are gone.
    expect((await fetch(`${server.baseUrl}/chat/conversations/${victim.conversationId}/events`)).status).toBe(404);
  });

  it('attack: choosing one\'s own user id — the server refuses any id in the body', async () => {
    const resident = await startChat(server.baseUrl);
    expect((await post('/chat/messages', { userId: '6f1c1f7e-3f5e-4a5e-9a61-1b2f3c4d5e6f', text: 'hoi' }, { Cookie: resident.cookie })).status).toBe(400);
    expect((await post('/chat/session', { userId: '6f1c1f7e-3f5e-4a5e-9a61-1b2f3c4d5e6f' })).status).toBe(400);
  });

  it('refuses an empty, non-text or far too long message with 400 and a message', async () => {
    const resident = await startChat(server.baseUrl);
    for (const body of [{ text: '' }, { text: 42 }, { text: 'x'.repeat(20_001) }, {}]) {
      const response = await post('/chat/messages', body, { Cookie: resident.cookie });
      expect(response.status).toBe(400);
      expect((await response.json()).message).toEqual(expect.any(String));
    }
  });

  it('refuses malformed JSON with 400', async () => {
    expect((await post('/chat/session', '{"fresh":')).status).toBe(400);
  });

  it('forgets what the page could replay when the resident is erased (shared phone): a reload shows nothing from before', async () => {
    const resident = await startChat(server.baseUrl);
    await resident.events((events) => events.length >= 3);
    await resident.say('ja');
    await resident.events((events) => events.some((event) => event.text === texts.intake.wil));
    await resident.say('mijn geheime verhaal');
    await resident.events((events) => events.some((event) => event.text === texts.intake.kan));
    await resident.say('verwijder mijn gegevens');
    await resident.events((events) => events.some((event) => event.text === texts.erasure.confirm));
    await resident.say('ja');
    const replay = await resident.events((events) => events.some((event) => event.text === texts.erasure.done));
    expect(replay.map((event) => event.text)).toEqual([texts.erasure.done]);
  });

  it('"Snel weg": the device forgets the conversation — the cookie is cleared and nothing can be replayed', async () => {
    const resident = await startChat(server.baseUrl);
    await resident.events((events) => events.length >= 3);
    const exit = await fetch(`${server.baseUrl}/chat/session`, { method: 'DELETE', headers: { Cookie: resident.cookie } });
    expect(exit.status).toBe(204);
    expect(exit.headers.get('set-cookie')).toMatch(/^wv_chat=;.*Max-Age=0/);
    // A copy of the old cookie still names the conversation, but its page buffer is empty.
    const replay = await fetch(`${server.baseUrl}/chat/events?after=0`, { headers: { Cookie: resident.cookie } });
    const reader = replay.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(first).not.toContain('data:');
  });
});

describe('web chat on a shared phone', () => {
  it('attack: a copied chat cookie used the next day — after WEBCHAT_FORGET_HOURS without use it opens nothing', async () => {
    let clock = Date.parse('2025-03-04T10:00:00Z');
    const server = await startTestServer({ WEBCHAT_FORGET_HOURS: '24' }, { now: () => new Date(clock) });
    try {
      const resident = await startChat(server.baseUrl);
      clock += 23 * 60 * 60 * 1000;
      expect((await resident.say('ja')).status).toBe(202);
      clock += 25 * 60 * 60 * 1000;
      expect((await resident.say('nog iets')).status).toBe(401);
      expect((await resident.stream()).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});

describe('web chat limits', () => {
  it('attack: a flood of new conversations from one address — limited with 429 and Retry-After', async () => {
    const server = await startTestServer();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 35; i++) {
        const response = await fetch(`${server.baseUrl}/chat/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
        statuses.push(response.status);
        if (response.status === 429) expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      }
      expect(statuses.filter((status) => status === 201)).toHaveLength(30);
      expect(statuses.slice(30).every((status) => status === 429)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
