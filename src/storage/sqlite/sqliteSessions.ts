import { storedSessionSchema, type SessionRepository, type StoredSession } from '../../connectors/sessionRepository';
import type { SqliteDatabase } from './database';

export class SqliteSessions implements SessionRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async putSession(session: StoredSession): Promise<void> {
    this.db
      .prepare('INSERT OR REPLACE INTO console_sessions (key, connector_id, expires_at, last_used_at, doc) VALUES (?, ?, ?, ?, ?)')
      .run(session.key, session.connector.id, session.expiresAt, session.lastUsedAt, JSON.stringify(session));
  }

  async getSession(key: string): Promise<StoredSession | undefined> {
    const row = this.db.prepare<[string], { doc: string; last_used_at: number }>('SELECT doc, last_used_at FROM console_sessions WHERE key = ?').get(key);
    if (!row) return undefined;
    const parsed = storedSessionSchema.safeParse(JSON.parse(row.doc));
    return parsed.success ? { ...parsed.data, lastUsedAt: row.last_used_at } : undefined;
  }

  async touchSession(key: string, lastUsedAt: number): Promise<void> {
    this.db.prepare('UPDATE console_sessions SET last_used_at = ? WHERE key = ? AND last_used_at < ?').run(lastUsedAt, key, lastUsedAt);
  }

  async deleteSession(key: string): Promise<void> {
    this.db.prepare('DELETE FROM console_sessions WHERE key = ?').run(key);
  }

  async deleteSessionsOf(connectorId: string): Promise<string[]> {
    return this.db.prepare<[string], { key: string }>('DELETE FROM console_sessions WHERE connector_id = ? RETURNING key').all(connectorId).map((row) => row.key);
  }

  async deleteExpiredSessions(now: number, idleMs: number): Promise<string[]> {
    return this.db
      .prepare<[number, number], { key: string }>('DELETE FROM console_sessions WHERE expires_at <= ? OR last_used_at <= ? RETURNING key')
      .all(now, now - idleMs)
      .map((row) => row.key);
  }
}
