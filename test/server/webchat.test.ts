import { texts } from '../helpers/conversation';
import { startTestServer, type TestServer } from '../helpers/server';
import { readEvents } from '../helpers/sse';

describe('web chat channel over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const post = (path: string, body: unknown) =>
    fetch(server.baseUrl + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('serves the page with a content security policy', async () => {
    const response = await fetch(server.baseUrl + '/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<ol id="messages"');
  });

  it('starts a conversation, greets over the event stream, and takes messages', async () => {
    const created = await post('/chat/conversations', {});
    expect(created.status).toBe(201);
    const { conversationId, userId } = await created.json();
    const greeting = await readEvents(`${server.baseUrl}/chat/conversations/${conversationId}/events`, (events) => events.length >= 3);
    expect(greeting.map((event) => event.text)).toEqual([texts.greeting.intro, expect.stringContaining('dagen'), texts.greeting.consentQuestion]);
    expect(greeting[2].suggestedActions).toEqual([{ title: 'Ja', value: 'Ja' }, { title: 'Nee', value: 'Nee' }]);

    expect((await post(`/chat/conversations/${conversationId}/messages`, { userId, text: 'ja' })).status).toBe(202);
    const after = await readEvents(`${server.baseUrl}/chat/conversations/${conversationId}/events?after=3`, (events) => events.length >= 2);
    expect(after.map((event) => event.text)).toEqual([texts.greeting.consentGiven, texts.intake.wil]);
  });

  it('forgets what the page could replay when the resident is erased (shared phone): a reload shows nothing from before', async () => {
    const { conversationId, userId } = await (await post('/chat/conversations', {})).json();
    const stream = `${server.baseUrl}/chat/conversations/${conversationId}/events`;
    await readEvents(stream, (events) => events.length >= 3);
    await post(`/chat/conversations/${conversationId}/messages`, { userId, text: 'ja' });
    await readEvents(stream, (events) => events.some((event) => event.text === texts.intake.wil));
    await post(`/chat/conversations/${conversationId}/messages`, { userId, text: 'mijn geheime verhaal' });
    await readEvents(stream, (events) => events.some((event) => event.text === texts.intake.kan));
    await post(`/chat/conversations/${conversationId}/messages`, { userId, text: 'verwijder mijn gegevens' });
    await readEvents(stream, (events) => events.some((event) => event.text === texts.erasure.confirm));
    await post(`/chat/conversations/${conversationId}/messages`, { userId, text: 'ja' });
    const replay = await readEvents(stream, (events) => events.some((event) => event.text === texts.erasure.done));
    expect(replay.map((event) => event.text)).toEqual([texts.erasure.done]);
  });

  it.each([
    ['/chat/conversations/not-a-uuid/messages', { userId: '6f1c1f7e-3f5e-4a5e-9a61-1b2f3c4d5e6f', text: 'hoi' }],
    ['/chat/conversations/6f1c1f7e-3f5e-4a5e-9a61-1b2f3c4d5e6f/messages', { userId: 'nope', text: 'hoi' }],
    ['/chat/conversations/6f1c1f7e-3f5e-4a5e-9a61-1b2f3c4d5e6f/messages', { userId: '6f1c1f7e-3f5e-4a5e-9a61-1b2f3c4d5e6f', text: '' }],
    ['/chat/conversations/6f1c1f7e-3f5e-4a5e-9a61-1b2f3c4d5e6f/messages', { userId: '6f1c1f7e-3f5e-4a5e-9a61-1b2f3c4d5e6f', text: 42 }],
    ['/chat/conversations', { userId: 'x' }],
  ])('refuses a bad request to %s with 400 and a message', async (path, body) => {
    const response = await post(path, body);
    expect(response.status).toBe(400);
    expect((await response.json()).message).toEqual(expect.any(String));
  });

  it('refuses malformed JSON with 400', async () => {
    expect((await post('/chat/conversations', '{"userId":')).status).toBe(400);
  });
});
