import type { Server } from 'restify';
import { createBot } from './bot/createBot';
import { createCloudAdapter } from './channels/botframework/cloudAdapter';
import { registerBotFrameworkRoutes } from './channels/botframework/routes';
import { ChatSessions } from './channels/webchat/chatSession';
import { ChatHub } from './channels/webchat/hub';
import { registerWebChatRoutes } from './channels/webchat/routes';
import { WEBCHAT_CHANNEL, WebChatAdapter } from './channels/webchat/webchatAdapter';
import { ProactiveMessenger } from './channels/proactive';
import { createWhatsAppChannel, type WhatsAppChannel } from './channels/whatsapp/channel';
import { WHATSAPP_PATH } from './channels/whatsapp/routes';
import { createTeamsChannel, type TeamsChannel } from './channels/teams/channel';
import type { Config } from './config/config';
import type { RetryPolicy } from './channels/whatsapp/graphClient';
import { Auditor } from './console/audit';
import { Presence } from './console/presence';
import { registerConsole, type RegisteredConsole } from './console/registerConsole';
import { createHandoffService, type HandoffCore } from './handoff/handoffService';
import type { ConnectorAvailability } from './handoff/ports';
import { textsFor } from './i18n/texts';
import { createLogger, errorFields, type Logger } from './log';
import { createHttpServer } from './server/httpServer';
import { openStores } from './storage/openStores';
import type { Stores } from './storage/stores';
import { createTriage } from './triage';

export interface App {
  server: Server;
  stores: Stores;
  proactive: ProactiveMessenger;
  /** Escalated cases, claims and the relay between resident and wijkverbinder. */
  handoff: HandoffCore;
  console: RegisteredConsole;
  /** The WhatsApp channel when it is configured: tests await its background processing. */
  whatsapp?: WhatsAppChannel;
  /** Teams: its middleware, and the escalation cards when configured (tests await their posting). */
  teams: TeamsChannel;
  log: Logger;
  listen(): Promise<{ port: number; host: string }>;
  close(): Promise<void>;
}

// The body cap sits well above the longest message the bot reads, so an over-long message gets a polite answer, not a bare 413.
const MAX_BODY_BYTES = 512 * 1024;
// Console and chat page bodies are small JSON: a login, a note, a chat message of at most 5 × MAX_MESSAGE_CHARS characters.
const SMALL_BODY_BYTES = 128 * 1024;
const CLAIM_SWEEP_MS = 60 * 1000;

export interface AppOptions {
  /** Who is online per team; by default the console's presence (connectors online with the console open). */
  availability?: ConnectorAvailability;
  /** The clock behind office hours, claims, sessions and retention; tests inject one so no reply depends on when they run. */
  now?: () => Date;
  /** Backoff of Graph API retries; tests make it short. */
  whatsappRetry?: RetryPolicy;
}

/** The composition root: reads nothing itself, wires config, stores, dialogs, channels and routes in one place. */
export async function createApp(config: Config, log: Logger = createLogger(config.LOG_LEVEL, config.LOG_ID_SECRET), options: AppOptions = {}): Promise<App> {
  const texts = textsFor();
  const now = options.now ?? (() => new Date());
  const stores = await openStores(config, log, { now });
  const triage = createTriage();
  const cloudAdapter = createCloudAdapter(config);
  const hub = new ChatHub({ now: () => now().getTime() });
  const webChatAdapter = new WebChatAdapter(hub, now);
  const whatsapp = createWhatsAppChannel(config, { cases: stores.cases, texts, log, now, retry: options.whatsappRetry });
  const proactive = new ProactiveMessenger({ [WEBCHAT_CHANNEL]: webChatAdapter, ...whatsapp?.adapters }, cloudAdapter, config.MicrosoftAppId ?? '');
  const presence = new Presence();
  const handoff = createHandoffService({
    cases: stores.cases,
    transcripts: stores.transcripts,
    messenger: proactive,
    texts,
    log,
    settings: {
      defaultTeam: config.DEFAULT_TEAM,
      replyTimeoutMinutes: config.HANDOFF_REPLY_TIMEOUT_MINUTES,
      reopenWithinDays: config.REOPEN_WITHIN_DAYS,
      replyWindows: whatsapp?.replyWindows,
    },
    now,
  });
  const wired = createBot({
    stores,
    texts,
    log,
    triage,
    retentionDays: config.RETENTION_DAYS,
    maxMessageChars: config.MAX_MESSAGE_CHARS,
    handoff: { service: handoff, availability: options.availability ?? presence, officeHours: config.OFFICE_HOURS },
    now,
    forgetInMemory: (channelId, conversationId) => {
      if (channelId === WEBCHAT_CHANNEL) hub.forget(conversationId);
    },
  });
  const logic = wired.logic;
  const teamsAudit = new Auditor(stores.console, log, now);
  const teams = createTeamsChannel(config, {
    handoff,
    cases: stores.cases,
    connectors: stores.console,
    storage: stores.storage,
    texts,
    log,
    audit: (connectorId, result, caseId) => teamsAudit.record({ id: connectorId }, 'claim', result, caseId),
    createAdapter: () => createCloudAdapter(config),
  });
  // Before the bot's middleware: Teams' own activities are translated first.
  cloudAdapter.use(teams.middleware);
  wired.attach(cloudAdapter);
  wired.attach(webChatAdapter, { showsSender: true });
  if (whatsapp) wired.attach(whatsapp.adapter);

  const server = createHttpServer({
    maxBodyBytes: MAX_BODY_BYTES,
    routeBodyLimits: [
      { prefix: '/api/console/', maxBodyBytes: SMALL_BODY_BYTES },
      { prefix: '/chat/', maxBodyBytes: SMALL_BODY_BYTES },
    ],
    rawBodyPaths: whatsapp ? [WHATSAPP_PATH] : [],
    hsts: config.CONSOLE_SECURE_COOKIE,
    log,
  });
  server.get('/healthz', async (_req, res) => {
    res.json({ status: 'ok', store: stores.kind });
  });
  registerBotFrameworkRoutes(server, cloudAdapter, logic, log);
  whatsapp?.register(server, logic, stores.received);
  registerWebChatRoutes(server, {
    adapter: webChatAdapter,
    hub,
    sessions: new ChatSessions(config.WEBCHAT_SECRET, config.CONSOLE_SECURE_COOKIE, Math.round(config.WEBCHAT_FORGET_HOURS * 60 * 60), () => now().getTime()),
    logic,
    texts,
    log,
    trustProxy: config.TRUST_PROXY,
    // The bot reads up to MAX_MESSAGE_CHARS and answers longer ones itself (after reading them for danger); far longer is refused here.
    maxTextChars: config.MAX_MESSAGE_CHARS * 5,
    pageMaxChars: config.MAX_MESSAGE_CHARS,
  });
  const consoleApi = registerConsole(server, {
    stores,
    handoff,
    presence,
    log,
    secureCookie: config.CONSOLE_SECURE_COOKIE,
    sessionHours: config.CONSOLE_SESSION_HOURS,
    idleMinutes: config.CONSOLE_IDLE_MINUTES,
    trustProxy: config.TRUST_PROXY,
    singleSession: config.CONSOLE_SINGLE_SESSION,
    signalLabel: triage.labelOf,
    idSecret: config.LOG_ID_SECRET,
    now,
  });
  const sweeper = setInterval(() => hub.sweep(), 10 * 60 * 1000);
  sweeper.unref();
  const claimSweeper = setInterval(() => {
    handoff.sweepUnansweredClaims().catch((error: unknown) => log.error({ ...errorFields(error) }, 'claim sweep failed'));
  }, CLAIM_SWEEP_MS);
  claimSweeper.unref();

  return {
    server,
    stores,
    proactive,
    handoff,
    console: consoleApi,
    whatsapp,
    teams,
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
      clearInterval(claimSweeper);
      teams.close();
      consoleApi.close();
      server.close();
      await stores.close();
    },
  };
}
