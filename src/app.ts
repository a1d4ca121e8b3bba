import type { Server } from 'restify';
import { createBot } from './bot/createBot';
import { createCloudAdapter } from './channels/botframework/cloudAdapter';
import { registerBotFrameworkRoutes } from './channels/botframework/routes';
import { ChatHub } from './channels/webchat/hub';
import { registerWebChatRoutes } from './channels/webchat/routes';
import { WEBCHAT_CHANNEL, WebChatAdapter } from './channels/webchat/webchatAdapter';
import { ProactiveMessenger } from './channels/proactive';
import type { Config } from './config/config';
import { textsFor } from './i18n/texts';
import { createLogger, type Logger } from './log';
import { createHttpServer } from './server/httpServer';
import { openStores } from './storage/openStores';
import type { Stores } from './storage/stores';
import { createTriage } from './triage';

export interface App {
  server: Server;
  stores: Stores;
  proactive: ProactiveMessenger;
  log: Logger;
  listen(): Promise<{ port: number; host: string }>;
  close(): Promise<void>;
}

// The body cap sits well above the longest message the bot reads, so an over-long message gets a polite answer, not a bare 413.
const MAX_BODY_BYTES = 512 * 1024;

/** The composition root: reads nothing itself, wires config, stores, dialogs, channels and routes in one place. */
export async function createApp(config: Config, log: Logger = createLogger(config.LOG_LEVEL)): Promise<App> {
  const texts = textsFor();
  const stores = await openStores(config, log);
  const triage = createTriage();
  const wired = createBot({ stores, texts, log, triage, retentionDays: config.RETENTION_DAYS, maxMessageChars: config.MAX_MESSAGE_CHARS });
  const logic = wired.logic;
  const cloudAdapter = createCloudAdapter(config);
  const hub = new ChatHub();
  const webChatAdapter = new WebChatAdapter(hub);
  wired.attach(cloudAdapter);
  wired.attach(webChatAdapter);
  const proactive = new ProactiveMessenger({ [WEBCHAT_CHANNEL]: webChatAdapter }, cloudAdapter, config.MicrosoftAppId ?? '');

  const server = createHttpServer({ maxBodyBytes: MAX_BODY_BYTES, log });
  server.get('/healthz', async (_req, res) => {
    res.json({ status: 'ok', store: stores.kind });
  });
  registerBotFrameworkRoutes(server, cloudAdapter, logic, log);
  registerWebChatRoutes(server, { adapter: webChatAdapter, hub, logic, texts, log });
  const sweeper = setInterval(() => hub.sweep(), 10 * 60 * 1000);
  sweeper.unref();

  return {
    server,
    stores,
    proactive,
    log,
    listen: () =>
      new Promise((resolve) => {
        server.listen(config.PORT, config.HOST, () => {
          const address = server.address();
          resolve({ port: address.port, host: address.address });
        });
      }),
    close: async () => {
      clearInterval(sweeper);
      server.close();
      await stores.close();
    },
  };
}
