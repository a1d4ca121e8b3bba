import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ConnectorRef } from '../handoff/ports';

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
  now?: () => number;
}

/**
 * Server-side sessions, kept in memory: the cookie carries only a random id. A restart logs every
 * connector out, which is acceptable for a console that reconnects to a login form; in exchange no
 * session secret ever reaches a database.
 */
export class SessionStore {
  private readonly sessions = new Map<string, ConsoleSession>();
  private readonly endListeners = new Map<string, Set<() => void>>();
  private readonly now: () => number;

  constructor(private readonly options: SessionStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  create(connector: ConnectorRef): ConsoleSession {
    this.sweep();
    const now = this.now();
    const session = { id: token(), connector, csrfToken: token(), createdAt: now, expiresAt: now + this.options.lifetimeMs, lastUsedAt: now };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): ConsoleSession | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (this.expired(session)) {
      this.end(id);
      return undefined;
    }
    session.lastUsedAt = this.now();
    return session;
  }

  /** Ends every session of one connector (a new login where only one is allowed, a disabled account, a new password). */
  endAllOf(connectorId: string): void {
    for (const [id, session] of this.sessions) if (session.connector.id === connectorId) this.end(id);
  }

  /** Ends a session and whatever was tied to it (its live streams). */
  end(id: string): void {
    this.sessions.delete(id);
    const listeners = this.endListeners.get(id);
    this.endListeners.delete(id);
    listeners?.forEach((listener) => listener());
  }

  /** Calls `listener` when the session ends; returns the function that stops listening. */
  onEnd(id: string, listener: () => void): () => void {
    const listeners = this.endListeners.get(id) ?? new Set();
    listeners.add(listener);
    this.endListeners.set(id, listeners);
    return () => listeners.delete(listener);
  }

  /** Ends sessions past their absolute or idle time, and with them their live streams; the console runs it on a timer. */
  sweep(): void {
    for (const [id, session] of this.sessions) if (this.expired(session)) this.end(id);
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
