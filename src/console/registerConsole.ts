import type { Server } from 'restify';
import type { HandoffService } from '../handoff/ports';
import type { BuddyService } from '../buddies/buddyService';
import { registerBuddyRoutes } from './buddyRoutes';
import { errorFields, newIdSecret, type Logger } from '../log';
import type { Stores } from '../storage/stores';
import { Auditor } from './audit';
import { registerAuthRoutes } from './authRoutes';
import { registerCaseRoutes } from './caseRoutes';
import type { ConsoleContext } from './context';
import { registerEventsRoute } from './eventsRoute';
import { registerFiguresRoute } from './figuresRoute';
import { registerHistoryRoute } from './historyRoute';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from './loginLimiter';
import { registerPageRoutes } from './pageRoutes';
import type { Presence } from './presence';
import { registerPresenceRoutes } from './presenceRoutes';
import { residentPseudonym } from './residentPseudonym';
import { SessionStore } from './sessions';

export interface ConsoleOptions {
  // Only the console's own records (accounts, audit, notes, sessions) and the event bus: cases and transcripts are reached through the handoff service.
  stores: Pick<Stores, 'console' | 'sessions' | 'bus' | 'figures'>;
  handoff: HandoffService;
  buddies: BuddyService;
  presence: Presence;
  log: Logger;
  /** Secure cookies need HTTPS; off for local use over http://localhost. */
  secureCookie: boolean;
  sessionHours: number;
  idleMinutes: number;
  trustProxy: boolean;
  singleSession: boolean;
  signalLabel?: (signal: string) => string | undefined;
  /** LOG_ID_SECRET: the resident codes stay the same across restarts only with it. */
  idSecret?: string;
  loginLimits?: LoginLimits;
  /** DEFAULT_TEAM: its coordinator's figures include the cases no team took up. */
  defaultTeam: string;
  now?: () => Date;
}

const SESSION_SWEEP_MS = 30 * 1000;

export interface RegisteredConsole {
  /** Ends expired sessions and closes their live streams; a timer runs it, tests call it. */
  sweepSessions(): Promise<void>;
  close(): void;
}

/** The wijkverbinder console: page, login and API under /api/console/, all on the bot's own server. */
export function registerConsole(server: Server, options: ConsoleOptions): RegisteredConsole {
  const now = options.now ?? (() => new Date());
  const idSecret = options.idSecret ?? newIdSecret();
  const ctx: ConsoleContext = {
    stores: options.stores,
    handoff: options.handoff,
    buddies: options.buddies,
    presence: options.presence,
    sessions: new SessionStore({
      lifetimeMs: options.sessionHours * 60 * 60 * 1000,
      idleMs: options.idleMinutes * 60 * 1000,
      repository: options.stores.sessions,
      bus: options.stores.bus,
      log: options.log,
      now: () => now().getTime(),
    }),
    limiter: new LoginLimiter(options.loginLimits ?? DEFAULT_LOGIN_LIMITS),
    audit: new Auditor(options.stores.console, options.log, now),
    log: options.log,
    secureCookie: options.secureCookie,
    trustProxy: options.trustProxy,
    singleSession: options.singleSession,
    signalLabel: options.signalLabel ?? (() => undefined),
    pseudonymOf: (residentKey) => residentPseudonym(idSecret, residentKey),
    now,
    defaultTeam: options.defaultTeam,
  };
  registerPageRoutes(server, ctx);
  registerAuthRoutes(server, ctx);
  registerCaseRoutes(server, ctx);
  registerHistoryRoute(server, ctx);
  registerFiguresRoute(server, ctx);
  registerBuddyRoutes(server, ctx);
  registerPresenceRoutes(server, ctx);
  registerEventsRoute(server, ctx);
  const sweepSessions = () => ctx.sessions.sweep().catch((error: unknown) => options.log.error({ ...errorFields(error) }, 'session sweep failed'));
  const sweeper = setInterval(() => void sweepSessions(), SESSION_SWEEP_MS);
  sweeper.unref();
  return {
    sweepSessions,
    close: () => {
      clearInterval(sweeper);
      ctx.sessions.close();
    },
  };
}
