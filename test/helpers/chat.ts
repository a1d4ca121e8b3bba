import { readEvents } from './sse';

/** A resident on the local chat page, as the page talks to the server: a session cookie, no ids chosen by the client. */
export interface ChatPageResident {
  conversationId: string;
  cookie: string;
  say(text: string): Promise<Response>;
  /** Reads the page's event stream (replaying from `after`) until `until` holds. */
  events(until: (events: Array<Record<string, unknown>>) => boolean, after?: number): Promise<Array<Record<string, unknown>>>;
  /** The raw event stream, for tests that read it themselves. */
  stream(after?: number): Promise<Response>;
}

export async function startChat(baseUrl: string, headers: Record<string, string> = {}): Promise<ChatPageResident> {
  const created = await fetch(`${baseUrl}/chat/session`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
  if (created.status !== 201) throw new Error(`chat session refused: ${created.status}`);
  const cookie = (created.headers.get('set-cookie') ?? '').split(';')[0];
  const { conversationId } = (await created.json()) as { conversationId: string };
  const withCookie = { Cookie: cookie, ...headers };
  return {
    conversationId,
    cookie,
    say: (text) => fetch(`${baseUrl}/chat/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...withCookie }, body: JSON.stringify({ text }) }),
    events: (until, after = 0) => readEvents(`${baseUrl}/chat/events?after=${after}`, until, 5000, withCookie),
    stream: (after = 0) => fetch(`${baseUrl}/chat/events?after=${after}`, { headers: withCookie }),
  };
}
