import type { Stores } from '../storage/stores';
import type { HandoffService } from '../handoff/ports';
import type { BuddyService } from '../buddies/buddyService';
import type { Logger } from '../log';
import type { Auditor } from './audit';
import type { LoginLimiter } from './loginLimiter';
import type { Presence } from './presence';
import type { SessionStore } from './sessions';

/** What every console route needs; built once by registerConsole. */
export interface ConsoleContext {
  // Only the console's own records (accounts, audit, notes): cases and transcripts are reached through the handoff service.
  stores: Pick<Stores, 'console' | 'figures'>;
  handoff: HandoffService;
  /** Light cases and volunteers: for coordinators only (the routes check the role). */
  buddies: BuddyService;
  presence: Presence;
  sessions: SessionStore;
  limiter: LoginLimiter;
  audit: Auditor;
  log: Logger;
  secureCookie: boolean;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** A login ends the connector's other sessions. */
  singleSession: boolean;
  now: () => Date;
  /** The team that also answers for cases no team took up (DEFAULT_TEAM): its figures include them. */
  defaultTeam: string;
  /** The resident's short code (see residentPseudonym), keyed with the log's id secret. */
  pseudonymOf: (residentKey: string) => string;
  /** The rule file's Dutch label of a signal. */
  signalLabel: (signal: string) => string | undefined;
}
