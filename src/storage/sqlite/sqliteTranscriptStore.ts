import type { Activity, PagedResult, TranscriptInfo } from 'botbuilder';
import type { TurnTranscriptStore } from '../stores';
import type { SqliteDatabase } from './database';
import { decodeBody, encodeBody } from '../jsonBody';
import { residentIdOf } from '../residentScope';
import { TRANSCRIPT_PAGE_SIZE, decodeCursor, encodeCursor, timestampOf } from '../transcriptPaging';

type ActivityRow = { seq: number; timestamp: string; activity: string };

/** botbuilder `TranscriptStore` on SQLite: one row per activity, in time order, filed under the resident for erasure. */
export class SqliteTranscriptStore implements TurnTranscriptStore {
  constructor(private readonly db: SqliteDatabase) {}

  async logActivity(activity: Activity): Promise<void> {
    if (!activity) throw new ReferenceError('Activity is required.');
    this.insert(activity);
  }

  /** A whole turn in one transaction: one commit instead of one per message, and never half a turn. */
  async logActivities(activities: Activity[]): Promise<void> {
    if (activities.some((activity) => !activity)) throw new ReferenceError('Activity is required.');
    this.db.transaction(() => activities.forEach((activity) => this.insert(activity)))();
  }

  private insert(activity: Activity): void {
    this.db
      .prepare('INSERT INTO transcript (channel_id, conversation_id, resident_id, timestamp, activity) VALUES (?, ?, ?, ?, ?)')
      .run(activity.channelId, activity.conversation.id, residentIdOf(activity), timestampOf(activity), encodeBody(activity));
  }

  async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    const after = continuationToken ? decodeCursor(continuationToken) : { at: '', id: '0' };
    const afterSeq = Number(after.id);
    if (!Number.isSafeInteger(afterSeq)) throw new TypeError('Invalid transcript continuation token.');
    const rows = this.db
      .prepare<[string, string, string, string, string, number, number], ActivityRow>(
        `SELECT seq, timestamp, activity FROM transcript
         WHERE channel_id = ? AND conversation_id = ? AND timestamp >= ? AND (timestamp > ? OR (timestamp = ? AND seq > ?))
         ORDER BY timestamp, seq LIMIT ?`,
      )
      .all(channelId, conversationId, startDate ? startDate.toISOString() : '', after.at, after.at, afterSeq, TRANSCRIPT_PAGE_SIZE + 1);
    const page = rows.slice(0, TRANSCRIPT_PAGE_SIZE);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => decodeBody<Activity>(row.activity)),
      continuationToken: rows.length > TRANSCRIPT_PAGE_SIZE ? encodeCursor({ at: last.timestamp, id: String(last.seq) }) : '',
    };
  }

  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    const rows = this.db
      .prepare<[string, string, number], { conversation_id: string; created: string }>(
        'SELECT conversation_id, MIN(timestamp) AS created FROM transcript WHERE channel_id = ? GROUP BY conversation_id HAVING conversation_id > ? ORDER BY conversation_id LIMIT ?',
      )
      .all(channelId, continuationToken ?? '', TRANSCRIPT_PAGE_SIZE + 1);
    const page = rows.slice(0, TRANSCRIPT_PAGE_SIZE);
    return {
      items: page.map((row) => ({ channelId, id: row.conversation_id, created: new Date(row.created) })),
      continuationToken: rows.length > TRANSCRIPT_PAGE_SIZE ? page[page.length - 1].conversation_id : '',
    };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    this.db.prepare('DELETE FROM transcript WHERE channel_id = ? AND conversation_id = ?').run(channelId, conversationId);
  }
}
