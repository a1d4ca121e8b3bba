import type { Collection } from 'mongodb';
import { storedSessionSchema, type SessionRepository, type StoredSession } from '../../connectors/sessionRepository';
import type { ConsoleSessionDoc } from './collections';

export class MongoSessions implements SessionRepository {
  constructor(private readonly sessions: Collection<ConsoleSessionDoc>) {}

  async putSession(session: StoredSession): Promise<void> {
    const doc = { connectorId: session.connector.id, expiresAt: new Date(session.expiresAt), lastUsedAt: new Date(session.lastUsedAt), body: JSON.stringify(session) };
    await this.sessions.replaceOne({ _id: session.key }, doc, { upsert: true });
  }

  async getSession(key: string): Promise<StoredSession | undefined> {
    const doc = await this.sessions.findOne({ _id: key });
    if (!doc) return undefined;
    const parsed = storedSessionSchema.safeParse(JSON.parse(doc.body));
    return parsed.success ? { ...parsed.data, lastUsedAt: doc.lastUsedAt.getTime() } : undefined;
  }

  async touchSession(key: string, lastUsedAt: number): Promise<void> {
    // Not atomic on FerretDB, and need not be: concurrent touches all move the time forward.
    await this.sessions.updateOne({ _id: key, lastUsedAt: { $lt: new Date(lastUsedAt) } }, { $set: { lastUsedAt: new Date(lastUsedAt) } });
  }

  async deleteSession(key: string): Promise<void> {
    await this.sessions.deleteOne({ _id: key });
  }

  async deleteSessionsOf(connectorId: string): Promise<string[]> {
    return this.deleteWhere({ connectorId });
  }

  async deleteExpiredSessions(now: number, idleMs: number): Promise<string[]> {
    return this.deleteWhere({ $or: [{ expiresAt: { $lte: new Date(now) } }, { lastUsedAt: { $lte: new Date(now - idleMs) } }] });
  }

  private async deleteWhere(filter: Parameters<Collection<ConsoleSessionDoc>['find']>[0] & object): Promise<string[]> {
    const keys = (await this.sessions.find(filter, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id);
    if (keys.length > 0) await this.sessions.deleteMany({ _id: { $in: keys } });
    return keys;
  }
}
