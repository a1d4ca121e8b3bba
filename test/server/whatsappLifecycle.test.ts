import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/log';
import { clockFrom } from '../helpers/clock';
import { FakeGraph } from '../helpers/fakeGraph';
import { ROOT } from '../helpers/process';
import { startTestServer } from '../helpers/server';
import { removeDir, tempDir } from '../helpers/tempDir';
import { FAST_RETRY, deliver, nextMessageId, text, whatsappEnv } from '../helpers/whatsapp';

describe('WhatsApp channel: configuration, restarts and logs', () => {
  it('answers 404 on /api/whatsapp when its variables are unset, and the rest of the bot runs', async () => {
    const server = await startTestServer();
    try {
      expect((await fetch(`${server.baseUrl}/api/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`)).status).toBe(404);
      expect((await deliver(server.baseUrl, text('hallo'))).status).toBe(404);
      expect(server.app.whatsapp).toBeUndefined();
      expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('stops at start-up with one line naming the missing WhatsApp variables when only some are set', () => {
    const dataDir = tempDir();
    try {
      const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'index.js')], {
        env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: dataDir, WHATSAPP_TOKEN: 'secret-token', WHATSAPP_PHONE_NUMBER_ID: '1' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr.trim()).toMatch(/^Invalid configuration: WHATSAPP_VERIFY_TOKEN, WHATSAPP_APP_SECRET are missing/);
      expect(result.stderr).not.toContain('secret-token');
    } finally {
      removeDir(dataDir);
    }
  });

  describe('on one store, across a restart', () => {
    let graph: FakeGraph;
    let dataDir: string;

    beforeEach(async () => {
      graph = new FakeGraph();
      dataDir = tempDir();
    });
    afterEach(async () => {
      await graph.close();
      removeDir(dataDir);
    });

    async function startApp(baseUrl: string): Promise<{ app: App; url: string }> {
      const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...whatsappEnv(baseUrl) });
      const app = await createApp(config, createLogger('silent'), { now: clockFrom(), whatsappRetry: FAST_RETRY });
      const { port } = await app.listen();
      return { app, url: `http://127.0.0.1:${port}` };
    }

    it('a delivery Meta retries after a restart is not processed again: no second reply, no second read receipt', async () => {
      const graphUrl = await graph.start();
      const payload = text('hallo', { id: nextMessageId() });
      const first = await startApp(graphUrl);
      expect((await deliver(first.url, payload)).status).toBe(200);
      await first.app.whatsapp!.idle();
      expect(graph.readReceipts()).toHaveLength(1);
      const sentBefore = graph.requests.length;
      await first.app.close();

      const second = await startApp(graphUrl);
      try {
        expect((await deliver(second.url, payload)).status).toBe(200);
        await second.app.whatsapp!.idle();
        expect(graph.requests).toHaveLength(sentBefore);
        // A new message is still answered.
        expect((await deliver(second.url, text('ja'))).status).toBe(200);
        await second.app.whatsapp!.idle();
        expect(graph.requests.length).toBeGreaterThan(sentBefore);
      } finally {
        await second.app.close();
      }
    });
  });
});
