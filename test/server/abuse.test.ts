import fs from 'node:fs';
import os from 'node:os';
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
