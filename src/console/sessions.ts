import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ConnectorRef } from '../handoff/ports';

export interface ConsoleSession {
  id: string;
  connector: ConnectorRef;
  /** Sent back in the X-CSRF-Token header on every state-changing request; the cookie alone is not enough. */
  csrfToken: string;
  expiresAt: number;
}

export interface SessionStoreOptions {
  lifetimeMs: number;
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
    const session = { id: token(), connector, csrfToken: token(), expiresAt: this.now() + this.options.lifetimeMs };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): ConsoleSession | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (session && session.expiresAt <= this.now()) {
      this.end(id);
      return undefined;
    }
    return session;
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

  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.end(id);
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
