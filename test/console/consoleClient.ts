import { randomUUID } from 'node:crypto';
import type { App } from '../../src/app';
import { hashPassword } from '../../src/console/passwords';
import type { ConnectorRole } from '../../src/connectors/consoleRepository';
import { startChat, type ChatPageResident } from '../helpers/chat';

export const TEAM = 'bospolder-tussendijken';
export const PASSWORD = 'correct horse battery staple';

export interface TestConnector {
  id: string;
  username: string;
  displayName: string;
  team: string;
}

/** An account straight in the store, as the CLI would create it (the CLI has its own test). */
export async function createConnector(app: App, username: string, team = TEAM, password = PASSWORD, role?: ConnectorRole): Promise<TestConnector> {
  const account = { id: randomUUID(), username, displayName: `Verbinder ${username}`, team, passwordHash: await hashPassword(password), createdAt: new Date().toISOString(), ...(role ? { role } : {}) };
  if (!(await app.stores.console.addConnector(account))) throw new Error(`username ${username} taken`);
  return { id: account.id, username, displayName: account.displayName, team };
}

export interface ConsoleResponse {
  status: number;
  json: any;
  headers: Headers;
}

/** A logged-in console as a script would use it: the session cookie and the CSRF token, sent the way the page sends them. */
export class ConsoleClient {
  constructor(
    readonly baseUrl: string,
    readonly cookie: string,
    readonly csrfToken: string,
  ) {}

  static async login(baseUrl: string, username: string, password = PASSWORD): Promise<ConsoleClient> {
    const response = await login(baseUrl, username, password);
    if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    return new ConsoleClient(baseUrl, cookie, response.json.csrfToken);
  }

  get(path: string): Promise<ConsoleResponse> {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown, csrf: string | null = this.csrfToken): Promise<ConsoleResponse> {
    return this.request('POST', path, body, csrf);
  }

  request(method: string, path: string, body?: unknown, csrf: string | null = this.csrfToken): Promise<ConsoleResponse> {
    const headers: Record<string, string> = { Cookie: this.cookie };
    if (csrf !== null && method !== 'GET') headers['X-CSRF-Token'] = csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return send(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }
}

export function login(baseUrl: string, username: string, password: string): Promise<ConsoleResponse> {
  return send(`${baseUrl}/api/console/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
}

export async function send(url: string, init: RequestInit): Promise<ConsoleResponse> {
  const response = await fetch(url, { ...init, redirect: 'manual' });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status, json, headers: response.headers };
}

/** A resident on the local chat page whose every message must be taken (202). */
export type ChatResident = ChatPageResident;

export async function chatResident(baseUrl: string, headers: Record<string, string> = {}): Promise<ChatResident> {
  const resident = await startChat(baseUrl, headers);
  return {
    ...resident,
    async say(text) {
      const response = await resident.say(text);
      if (response.status !== 202) throw new Error(`message refused: ${response.status}`);
      return response;
    },
  };
}

/** The answers of a heavy intake: debts and a bailiff make it zwaar. */
export const ZWAAR_ANSWERS = ['Ik heb schulden en de deurwaarder komt', 'Ik kan goed koken', 'Hulp met mijn post'];

/** A resident on the chat page consents and gives a zwaar intake; resolves with the resident and the escalated case id. */
export async function zwaarIntake(app: App, baseUrl: string): Promise<{ resident: ChatResident; caseId: string }> {
  const resident = await chatResident(baseUrl);
  for (const text of ['ja', ...ZWAAR_ANSWERS]) await resident.say(text);
  const value = await app.stores.cases.findActiveByConversation('webchat-local', resident.conversationId);
  if (!value || value.status !== 'escalated') throw new Error(`intake did not escalate (${value?.status})`);
  return { resident, caseId: value.id };
}

/** Reads server-sent events from a console stream until `until` matches one, or the timeout passes. */
export async function readEvents(
  response: Response,
  until: (event: { event: string; data: any }) => boolean,
  timeoutMs = 10_000,
): Promise<Array<{ event: string; data: any }>> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: Array<{ event: string; data: any }> = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event in time')), deadline - Date.now()))]);
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!data) continue;
        const event = { event: name ?? 'message', data: JSON.parse(data) };
        events.push(event);
        if (until(event)) return events;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  throw new Error(`event not seen; got ${events.map((event) => event.event).join(', ')}`);
}

/** The answers of a light intake: loneliness and a walk; "koken" is what the resident can do. */
export const LICHT_ANSWERS = ['Ik voel me vaak alleen, ik woon aan de Hudsonstraat', 'Ik kan goed koken', 'Iemand om mee te wandelen en te praten'];

/** A resident on the chat page consents and gives a light intake; resolves with the resident and the open case id. */
export async function lichtIntake(app: App, baseUrl: string, answers = LICHT_ANSWERS, done = 'Nee, verder niets'): Promise<{ resident: ChatResident; caseId: string }> {
  const resident = await chatResident(baseUrl, ownAddress());
  for (const text of ['ja', ...answers, done]) await resident.say(text);
  const value = await app.stores.cases.findActiveByConversation('webchat-local', resident.conversationId);
  if (!value || value.status !== 'open' || value.level !== 'licht') throw new Error(`intake was not light (${value?.status}, ${value?.level})`);
  return { resident, caseId: value.id };
}

/** Someone on the chat page signs up as a volunteer with these answers (name, talents, days, parts, area, languages, contact) and consents. */
export async function volunteerSignUp(app: App, baseUrl: string, answers: string[]): Promise<{ volunteer: ChatResident; volunteerId: string }> {
  const volunteer = await chatResident(baseUrl, ownAddress());
  for (const text of ['iets doen voor de buurt', ...answers, 'ja']) await volunteer.say(text);
  const stored = (await app.stores.volunteers.listByTeam(TEAM)).find((value) => value.conversationId === volunteer.conversationId);
  if (!stored) throw new Error('volunteer not stored');
  return { volunteer, volunteerId: stored.id };
}

let addresses = 0;

/** Each chat participant from an address of its own (the server must trust X-Forwarded-For), so a long test stays under the per-address limits. */
export function ownAddress(): Record<string, string> {
  addresses++;
  return { 'X-Forwarded-For': `198.51.100.${addresses % 250}` };
}
