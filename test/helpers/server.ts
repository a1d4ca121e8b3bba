import { createApp, type App, type AppOptions } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/log';
import { clockFrom } from './clock';
import { removeDir, tempDir } from './tempDir';

export interface TestServer {
  app: App;
  baseUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real server on a free loopback port with its own data folder, on the default office hours and
 * a clock that starts inside them (see clock.ts), unless the test gives its own.
 */
export async function startTestServer(env: Record<string, string> = {}, options: AppOptions = {}): Promise<TestServer> {
  const dataDir = tempDir();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const app = await createApp(config, createLogger('silent'), { now: clockFrom(), ...options });
  const { port } = await app.listen();
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    async close() {
      await app.close();
      removeDir(dataDir);
    },
  };
}

let counter = 0;

/** A Bot Framework activity as the Emulator or a test would send it, asking for the replies in the response. */
export function activity(conversationId: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `act-${++counter}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9/never-called',
    deliveryMode: 'expectReplies',
    conversation: { id: conversationId },
    from: { id: 'resident-1', name: 'Bewoner', role: 'user' },
    recipient: { id: 'bot', name: 'Wijkverbinder', role: 'bot' },
    locale: 'nl-NL',
    text,
    ...extra,
  };
}

export async function postActivity(baseUrl: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? safeJson(text) : undefined };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Texts of the replies in an expectReplies response. */
export function replyTexts(json: { activities?: Array<{ text?: string }> }): string[] {
  return (json.activities ?? []).map((reply) => reply.text ?? '');
}
