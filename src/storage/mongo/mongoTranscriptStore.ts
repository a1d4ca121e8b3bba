import { ObjectId, type Filter } from 'mongodb';
import type { Activity, PagedResult, TranscriptInfo } from 'botbuilder';
import { asValue } from '../queryValue';
import type { TurnTranscriptStore } from '../stores';
import { TRANSCRIPT_PAGE_SIZE, decodeCursor, encodeCursor } from '../transcriptPaging';
import type { MongoCollections, TranscriptDoc } from './collections';
import { activityOfDoc, transcriptDocOf } from './transcriptDocument';
import { isDuplicateKey } from './uniqueInsert';

/**
 * botbuilder `TranscriptStore` on MongoDB: one document per activity, ordered by timestamp and
 * then by `_id` (ObjectIds made in one process increase), filed under the resident for erasure.
 */
export class MongoTranscriptStore implements TurnTranscriptStore {
  /** Each activity's document, made once: a retried turn (see TranscriptMiddleware) inserts the same ids again, so nothing is stored twice. */
  private readonly made = new WeakMap<Activity, TranscriptDoc>();

  constructor(private readonly c: MongoCollections) {}

  async logActivity(activity: Activity): Promise<void> {
    if (!activity) throw new ReferenceError('Activity is required.');
    await this.c.transcripts.insertOne(transcriptDocOf(activity));
  }

  /**
   * A whole turn in one round trip (one insertMany). Without transactions a failed write may have
   * stored part of the turn; the retry writes the same documents, and the ones already there are
   * turned away as duplicates, so the turn ends up stored once, whole.
   */
  async logActivities(activities: Activity[]): Promise<void> {
    if (activities.some((activity) => !activity)) throw new ReferenceError('Activity is required.');
    if (activities.length === 0) return;
    const docs = activities.map((activity) => this.made.get(activity) ?? this.made.set(activity, transcriptDocOf(activity)).get(activity)!);
    try {
      await this.c.transcripts.insertMany(docs, { ordered: false });
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
    }
  }

  async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    const filter: Filter<TranscriptDoc> = { channelId: asValue(channelId, 'channelId'), conversationId: asValue(conversationId, 'conversationId') };
    if (startDate) filter.at = { $gte: startDate };
    if (continuationToken) {
      const after = decodeCursor(continuationToken);
      if (!ObjectId.isValid(after.id)) throw new TypeError('Invalid transcript continuation token.');
      const at = new Date(after.at);
      filter.$or = [{ at: { $gt: at } }, { at, _id: { $gt: new ObjectId(after.id) } }];
    }
    const docs = await this.c.transcripts
      .find(filter)
      .sort({ at: 1, _id: 1 })
      .limit(TRANSCRIPT_PAGE_SIZE + 1)
      .toArray();
    const page = docs.slice(0, TRANSCRIPT_PAGE_SIZE);
    const last = page[page.length - 1];
    return {
      items: page.map(activityOfDoc),
      continuationToken: docs.length > TRANSCRIPT_PAGE_SIZE ? encodeCursor({ at: last.at.toISOString(), id: last._id.toHexString() }) : '',
    };
  }

  /** Conversations by id; `created` is each one's first activity (FerretDB's $group has no $min, so it is looked up per row). */
  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    const channel = asValue(channelId, 'channelId');
    const groups = await this.c.transcripts
      .aggregate<{ _id: string }>([
        { $match: { channelId: channel } },
        { $group: { _id: '$conversationId' } },
        { $match: { _id: { $gt: continuationToken ?? '' } } },
        { $sort: { _id: 1 } },
        { $limit: TRANSCRIPT_PAGE_SIZE + 1 },
      ])
      .toArray();
    const page = groups.slice(0, TRANSCRIPT_PAGE_SIZE);
    const items: TranscriptInfo[] = [];
    for (const { _id: id } of page) {
      const first = await this.c.transcripts.findOne({ channelId: channel, conversationId: id }, { sort: { at: 1, _id: 1 }, projection: { at: 1 } });
      if (first) items.push({ channelId: channel, id, created: first.at });
    }
    return { items, continuationToken: groups.length > TRANSCRIPT_PAGE_SIZE ? page[page.length - 1]._id : '' };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    await this.c.transcripts.deleteMany({ channelId: asValue(channelId, 'channelId'), conversationId: asValue(conversationId, 'conversationId') });
  }
}

/** A bulk insert that failed only because some documents were already stored. */
function onlyDuplicates(error: unknown): boolean {
  const { writeErrors, writeConcernError } = error as { writeErrors?: unknown; writeConcernError?: unknown };
  const errors = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return errors.length > 0 && !writeConcernError && errors.every(isDuplicateKey);
}
