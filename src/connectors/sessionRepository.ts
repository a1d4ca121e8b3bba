import { z } from 'zod';

/** A console session as stored: `key` is a digest of the cookie's id (see SessionStore), never the id itself. */
export const storedSessionSchema = z.object({
  key: z.string().min(1),
  connector: z.object({ id: z.string().min(1), displayName: z.string(), team: z.string() }),
  csrfToken: z.string().min(1),
  createdAt: z.number(),
  expiresAt: z.number(),
  lastUsedAt: z.number(),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

/** Console sessions in the store, so every instance knows them and a restart logs nobody out. */
export interface SessionRepository {
  putSession(session: StoredSession): Promise<void>;
  getSession(key: string): Promise<StoredSession | undefined>;
  /** Records use (the idle timeout counts from here). */
  touchSession(key: string, lastUsedAt: number): Promise<void>;
  deleteSession(key: string): Promise<void>;
  /** Ends every session of one connector; returns their keys. */
  deleteSessionsOf(connectorId: string): Promise<string[]>;
  /** Removes sessions past their absolute end or unused for `idleMs`; returns their keys. */
  deleteExpiredSessions(now: number, idleMs: number): Promise<string[]>;
}
