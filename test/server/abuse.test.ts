import fs from 'node:fs';
import os from 'node:os';
import { startChat } from '../helpers/chat';
import { startTestServer, type TestServer } from '../helpers/server';

/** Attacks tried against the real server on loopback; each test names the attack. */
describe('abuse of the HTTP boundary', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const tempFiles = () => new Set(fs.readdirSync(os.tmpdir()));

  it('attack: a large multipart upload to the console login — refused with 415, no file left behind', async () => {
    const before = tempFiles();
    const form = new FormData();
    form.append('username', 'anna');
    form.append('file', new Blob([Buffer.alloc(2 * 1024 * 1024, 0x61)]), 'big.bin');
    const response = await fetch(`${server.baseUrl}/api/console/login`, { method: 'POST', body: form });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: 'unsupported-media-type' });
    const added = [...tempFiles()].filter((name) => !before.has(name));
    expect(added.filter((name) => /upload|formidable/i.test(name))).toEqual([]);
  });

  it('attack: a form-encoded post to the chat routes — refused with 415', async () => {
    const response = await fetch(`${server.baseUrl}/chat/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'userId=someone-else',
    });
    expect(response.status).toBe(415);
  });

  it('attack: an oversized JSON body to a console route — refused with 413 before it is read', async () => {
    const response = await fetch(`${server.baseUrl}/api/console/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'anna', password: 'x'.repeat(200 * 1024) }),
    });
    expect(response.status).toBe(413);
  });

  it('keeps serving JSON as before after the refusals', async () => {
    const response = await fetch(`${server.baseUrl}/chat/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(response.status).toBeLessThan(300);
  });

  it('attack: a shared proxy or browser cache keeping resident data — API and chat answers say no-store', async () => {
    for (const path of ['/api/console/queue', '/api/console/me']) {
      const response = await fetch(server.baseUrl + path);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    const created = await fetch(`${server.baseUrl}/chat/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('behind HTTPS', () => {
  it('sends HSTS when the console cookie is secure', async () => {
    const server = await startTestServer({ CONSOLE_SECURE_COOKIE: 'true' });
    try {
      const response = await fetch(`${server.baseUrl}/healthz`);
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await server.close();
    }
  });
});

describe('retention against the real server', () => {
  it('attack: data kept forever — an open case nobody closed and the consent record are gone after RETENTION_DAYS (clock injected)', async () => {
    let clock = Date.parse('2025-03-04T10:00:00Z');
    const server = await startTestServer({ RETENTION_DAYS: '30' }, { now: () => new Date(clock) });
    try {
      const resident = await startChat(server.baseUrl);
      for (const text of ['ja', 'ik zoek iemand om mee te wandelen']) expect((await resident.say(text)).status).toBe(202);
      const open = await server.app.stores.cases.findActiveByConversation('webchat-local', resident.conversationId);
      expect(open?.status).toBe('intake');
      const userKey = `webchat-local/users/${open!.residentKey.split(':')[1]}/`;
      expect(Object.keys(await server.app.stores.storage.read([userKey]))).toEqual([userKey]);

      clock += 31 * 24 * 60 * 60 * 1000;
      const cutoff = new Date(clock - 30 * 24 * 60 * 60 * 1000);
      await server.app.stores.residents.purgeOlderThan(cutoff, new Date(0));
      expect(await server.app.stores.cases.get(open!.id)).toBeUndefined();
      expect(await server.app.stores.storage.read([userKey])).toEqual({});
      expect((await server.app.stores.transcripts.getTranscriptActivities('webchat-local', resident.conversationId)).items).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
