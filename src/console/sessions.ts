import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SessionRepository } from '../connectors/sessionRepository';
import type { ConnectorRef } from '../handoff/ports';
import type { EventBus } from '../instances/ports';
import { errorFields, type Logger } from '../log';

export interface ConsoleSession {
  id: string;
  connector: ConnectorRef;
  /** Sent back in the X-CSRF-Token header on every state-changing request; the cookie alone is not enough. */
  csrfToken: string;
  createdAt: number;
  /** The absolute end, however active the connector is. */
  expiresAt: number;
  lastUsedAt: number;
}

export interface SessionStoreOptions {
  lifetimeMs: number;
  /** A session not used for this long ends (ASVS: idle timeout beside the absolute one). */
  idleMs: number;
  repository: SessionRepository;
  /** Tells every instance that a session ended, so its live streams there close too. */
  bus: EventBus;
  log: Logger;
  now?: () => number;
}

const ENDED = 'session-ended';

/**
 * Server-side sessions, kept in the store so that every instance knows them and a restart logs
 * nobody out. The cookie carries a random id; the store keeps only its SHA-256 digest, so reading
 * the database does not let anyone log in.
 */
export class SessionStore {
  private readonly endListeners = new Map<string, Set<() => void>>();
  private readonly now: () => number;
  private readonly stopListening: () => void;

  constructor(private readonly options: SessionStoreOptions) {
    this.now = options.now ?? Date.now;
    this.stopListening = options.bus.subscribe<{ key?: unknown }>(ENDED, (event) => {
      if (typeof event.payload.key === 'string') this.ended(event.payload.key);
    });
  }

  async create(connector: ConnectorRef): Promise<ConsoleSession> {
    const now = this.now();
    const session = { id: token(), connector, csrfToken: token(), createdAt: now, expiresAt: now + this.options.lifetimeMs, lastUsedAt: now };
    await this.options.repository.putSession({ ...withoutId(session), key: keyOf(session.id) });
    return session;
  }

  /** The session the cookie names, if it is still valid; counts as use. */
  async get(id: string | undefined): Promise<ConsoleSession | undefined> {
    if (!id) return undefined;
    const key = keyOf(id);
    const stored = await this.options.repository.getSession(key);
    if (!stored) return undefined;
    const session = { id, connector: stored.connector, csrfToken: stored.csrfToken, createdAt: stored.createdAt, expiresAt: stored.expiresAt, lastUsedAt: stored.lastUsedAt };
    if (this.expired(session)) {
      await this.endKeys([key], () => this.options.repository.deleteSession(key));
      return undefined;
    }
    session.lastUsedAt = this.now();
    await this.options.repository.touchSession(key, session.lastUsedAt);
    return session;
  }

  /** Ends every session of one connector (a new login where only one is allowed, a disabled account, a new password). */
  async endAllOf(connectorId: string): Promise<void> {
    await this.endKeys(await this.options.repository.deleteSessionsOf(connectorId));
  }

  /** Ends a session and whatever was tied to it (its live streams, on every instance). */
  async end(id: string): Promise<void> {
    const key = keyOf(id);
    await this.endKeys([key], () => this.options.repository.deleteSession(key));
  }

  /** Calls `listener` when the session ends; returns the function that stops listening. */
  onEnd(id: string, listener: () => void): () => void {
    const key = keyOf(id);
    const listeners = this.endListeners.get(key) ?? new Set();
    listeners.add(listener);
    this.endListeners.set(key, listeners);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.endListeners.get(key) === listeners) this.endListeners.delete(key);
    };
  }

  /**
   * Ends sessions past their absolute or idle time, and with them their live streams; the console
   * runs it on a timer on every instance (removing the same rows twice is harmless), and closes the
   * streams of sessions another instance already removed.
   */
  async sweep(): Promise<void> {
    const now = this.now();
    const removed = await this.options.repository.deleteExpiredSessions(now, this.options.idleMs);
    await this.endKeys(removed);
    for (const key of [...this.endListeners.keys()]) {
      if (!(await this.options.repository.getSession(key))) this.ended(key);
    }
  }

  close(): void {
    this.stopListening();
  }

  private async endKeys(keys: string[], remove?: () => Promise<void>): Promise<void> {
    await remove?.();
    for (const key of keys) {
      this.ended(key);
      await this.options.bus.publish(ENDED, { key }).catch((error: unknown) => this.options.log.error({ ...errorFields(error) }, 'session end not announced'));
    }
  }

  private ended(key: string): void {
    const listeners = this.endListeners.get(key);
    this.endListeners.delete(key);
    listeners?.forEach((listener) => listener());
  }

  private expired(session: ConsoleSession): boolean {
    const now = this.now();
    return session.expiresAt <= now || session.lastUsedAt + this.options.idleMs <= now;
  }
}

export function csrfMatches(session: ConsoleSession, sent: string | undefined): boolean {
  if (!sent) return false;
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(sent);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function token(): string {
  return randomBytes(32).toString('base64url');
}

function keyOf(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

function withoutId({ id: _id, ...rest }: ConsoleSession): Omit<ConsoleSession, 'id'> {
  return rest;
}
