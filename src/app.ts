import { randomUUID } from 'node:crypto';
import type { Server } from 'restify';
import { createBot } from './bot/createBot';
import { createCloudAdapter } from './channels/botframework/cloudAdapter';
import { registerBotFrameworkRoutes } from './channels/botframework/routes';
import { ChatSessions } from './channels/webchat/chatSession';
import { ChatHub } from './channels/webchat/hub';
import { ChatRelay } from './channels/webchat/relay';
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
import { BUDDY_SETTINGS, createBuddyService, type BuddyService } from './buddies/buddyService';
import type { ConnectorAvailability } from './handoff/ports';
import { LeaseKeeper } from './instances/leaseKeeper';
import { format, textsFor } from './i18n/texts';
import { reportKindOfSignal } from './cases/report';
import { createLogger, errorFields, type Logger } from './log';
import { createHttpServer } from './server/httpServer';
import { openStores } from './storage/openStores';
import { scheduleRetentionPurge } from './storage/retention';
import { takeInstanceLock } from './storage/sqlite/instanceLock';
import type { Stores } from './storage/stores';
import { createTriage } from './triage';

export interface App {
  server: Server;
  stores: Stores;
  proactive: ProactiveMessenger;
  /** Escalated cases, claims and the relay between resident and wijkverbinder. */
  handoff: HandoffCore;
  /** Light cases, volunteers and their matches (the coordinator's side). */
  buddies: BuddyService;
  console: RegisteredConsole;
  /** The lease under which this instance runs the once-across-instances timers (claim sweep, buddy sweep, retention purge). */
  timers: LeaseKeeper;
  /** This instance's name in leases and presence. */
  instance: string;
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
const TIMERS_LEASE_MS = 30 * 1000;
// Every instance has read an event within seconds; older ones are kept a while for one that was briefly away.
const EVENT_KEEP_MS = 10 * 60 * 1000;
const HEALTH_PING_MS = 1500;

export interface AppOptions {
  /** Who is online per team; by default the console's presence (connectors online with the console open). */
  availability?: ConnectorAvailability;
  /** The clock behind office hours, claims, sessions and retention; tests inject one so no reply depends on when they run. */
  now?: () => Date;
  /** Backoff of Graph API retries; tests make it short. */
  whatsappRetry?: RetryPolicy;
  /** How often the claim sweep runs and how long the timers' lease lasts; tests make them short. */
  timers?: { claimSweepMs?: number; leaseMs?: number };
}

/** The composition root: reads nothing itself, wires config, stores, dialogs, channels and routes in one place. */
export async function createApp(config: Config, log: Logger = createLogger(config.LOG_LEVEL, config.LOG_ID_SECRET), options: AppOptions = {}): Promise<App> {
  const texts = textsFor();
  const now = options.now ?? (() => new Date());
  const instance = randomUUID();
  // The embedded store serves one instance: a second process on the same folder stops here, with the reason.
  const soleInstance = config.MONGODB_URI ? undefined : takeInstanceLock(config.dataDir);
  const stores = await openStores(config, log, { now }).catch((error: unknown) => {
    soleInstance?.release();
    throw error;
  });
  const triage = createTriage();
  const cloudAdapter = createCloudAdapter(config);
  const hub = new ChatHub({ now: () => now().getTime() });
  const relay = new ChatRelay(stores.bus, hub);
  const webChatAdapter = new WebChatAdapter(relay, now);
  const whatsapp = createWhatsAppChannel(config, { cases: stores.cases, texts, log, now, retry: options.whatsappRetry });
  const proactive = new ProactiveMessenger({ [WEBCHAT_CHANNEL]: webChatAdapter, ...whatsapp?.adapters }, cloudAdapter, config.MicrosoftAppId ?? '');
  const presence = new Presence({ instance, bus: stores.bus, log });
  const handoff = createHandoffService({
    cases: stores.cases,
    transcripts: stores.transcripts,
    messenger: proactive,
    texts,
    log,
    bus: stores.bus,
    guard: stores.guard,
    settings: {
      defaultTeam: config.DEFAULT_TEAM,
      replyTimeoutMinutes: config.HANDOFF_REPLY_TIMEOUT_MINUTES,
      reopenWithinDays: config.REOPEN_WITHIN_DAYS,
      replyWindows: whatsapp?.replyWindows,
      officeHours: config.OFFICE_HOURS,
    },
    now,
  });
  const buddies = createBuddyService({
    cases: stores.cases,
    volunteers: stores.volunteers,
    guard: stores.guard,
    bus: stores.bus,
    messenger: proactive,
    handoff,
    texts,
    log,
    officeHours: config.OFFICE_HOURS,
    settings: { ...BUDDY_SETTINGS, reopenWithinDays: config.REOPEN_WITHIN_DAYS },
    now,
  });
  const wired = createBot({
    stores,
    texts,
    log,
    triage,
    retentionDays: config.RETENTION_DAYS,
    maxMessageChars: config.MAX_MESSAGE_CHARS,
    reportRepeat: { reporters: config.REPORT_REPEAT_REPORTERS, days: config.REPORT_REPEAT_DAYS },
    handoff: { service: handoff, availability: options.availability ?? presence, officeHours: config.OFFICE_HOURS },
    buddies: { service: buddies, team: config.DEFAULT_TEAM },
    now,
    forgetInMemory: async (channelId, conversationId) => {
      if (channelId === WEBCHAT_CHANNEL) await relay.forget(conversationId);
    },
  });
  const logic = wired.logic;
  const teamsAudit = new Auditor(stores.console, log, now);
  const teams = createTeamsChannel(config, {
    handoff,
    cases: stores.cases,
    connectors: stores.console,
    storage: stores.storage,
    guard: stores.guard,
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
  const timers = new LeaseKeeper(stores.leases, { name: 'timers', holder: instance, leaseMs: options.timers?.leaseMs ?? TIMERS_LEASE_MS, now, log });
  await timers.renew();
  // Alive as long as it answers (a store outage is answered politely, not by taking every instance out); the body says what works.
  server.get('/healthz', async (_req, res) => {
    const storeReachable = await reachable(stores, HEALTH_PING_MS);
    const events = stores.bus.health();
    res.json({ status: storeReachable && events.ok ? 'ok' : 'degraded', store: stores.kind, storeReachable, events, timers: timers.holds() ? 'this-instance' : 'other-instance', instance });
  });
  registerBotFrameworkRoutes(server, cloudAdapter, logic, log);
  whatsapp?.register(server, logic, stores.received);
  registerWebChatRoutes(server, {
    adapter: webChatAdapter,
    hub,
    relay,
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
    buddies,
    presence,
    log,
    secureCookie: config.CONSOLE_SECURE_COOKIE,
    sessionHours: config.CONSOLE_SESSION_HOURS,
    idleMinutes: config.CONSOLE_IDLE_MINUTES,
    trustProxy: config.TRUST_PROXY,
    singleSession: config.CONSOLE_SINGLE_SESSION,
    signalLabel: (signal) => {
      const kind = reportKindOfSignal(signal);
      return triage.labelOf(signal) ?? (kind && format(texts.report.signalLabel, { kind: texts.report.kinds[kind] }));
    },
    idSecret: config.LOG_ID_SECRET,
    defaultTeam: config.DEFAULT_TEAM,
    now,
  });
  const sweeper = setInterval(() => hub.sweep(), 10 * 60 * 1000);
  sweeper.unref();
  // Once across instances: only the holder of the timers' lease sweeps claims, prunes the event log and purges.
  const claimSweeper = setInterval(() => {
    if (!timers.holds()) return;
    handoff.sweepUnansweredClaims().catch((error: unknown) => log.error({ ...errorFields(error) }, 'claim sweep failed'));
    buddies.sweep().catch((error: unknown) => log.error({ ...errorFields(error) }, 'buddy sweep failed'));
    stores.bus.prune(new Date(now().getTime() - EVENT_KEEP_MS)).catch((error: unknown) => log.error({ ...errorFields(error) }, 'event prune failed'));
  }, options.timers?.claimSweepMs ?? CLAIM_SWEEP_MS);
  claimSweeper.unref();
  const retention = scheduleRetentionPurge(stores.residents, {
    retentionDays: config.RETENTION_DAYS,
    auditRetentionDays: config.AUDIT_RETENTION_DAYS,
    log,
    now,
    runsHere: () => timers.holds(),
  });
  log.info({ instance, store: stores.kind, events: stores.bus.health().mode, timers: timers.holds() }, 'instance started');

  return {
    server,
    stores,
    proactive,
    handoff,
    buddies,
    console: consoleApi,
    timers,
    instance,
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
      presence.close();
      relay.close();
      server.close();
      await retention.stop();
      await timers.stop();
      await stores.close();
      soleInstance?.release();
    },
  };
}

async function reachable(stores: Stores, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([stores.ping().then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}
