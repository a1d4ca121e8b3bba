import type { ChangeStream, Collection, Db } from 'mongodb';
import { z } from 'zod';
import { LocalBus } from '../../instances/localBus';
import type { BusEvent, BusHealth, BusListener, EventBus, PublishOptions } from '../../instances/ports';
import { errorFields, type Logger } from '../../log';
import type { EventDoc } from './collections';
import { insertUnique } from './uniqueInsert';

export interface MongoEventBusOptions {
  /** How often the event log is read when no change stream wakes the reader. */
  pollMs: number;
  log: Logger;
  now?: () => Date;
}

const storedEvent = z.object({ _id: z.number().int().positive(), topic: z.string().min(1), body: z.string() });

// Many instances publishing at once each retry with the next free id; past this something else is wrong.
const MAX_PUBLISH_ATTEMPTS = 100;
const BATCH = 500;
/** The topic of an event whose content was removed (erasure); nobody listens to it. */
const FORGOTTEN = 'forgotten';
// With a change stream the log is still read now and then, so an event is never missed when the stream drops.
const CHANGE_STREAM_POLL_FACTOR = 20;

/**
 * Events between instances through one `events` collection. Ids come from a counter decided by a
 * unique insert on `_id` (the one atomic write on FerretDB too), one past the newest stored id, so
 * they are contiguous: an id is taken only by an event that is stored, and the next one is only
 * tried after it is visible; the newest event is never removed, so no id is taken twice. Every
 * instance reads the log in id order from where it was (at least once; a failed read is retried
 * from the same place) and skips ids it delivered itself. Where the server has change streams
 * (a replica set) an insert wakes the readers at once; otherwise they poll.
 */
export class MongoEventBus implements EventBus {
  private readonly local: LocalBus;
  private readonly now: () => Date;
  /** The last id delivered in order; undefined until the reader started. */
  private cursor: number | undefined;
  /** Ids this instance published and delivered before the reader reached them. */
  private readonly deliveredAhead = new Set<number>();
  /**
   * Ids this instance is inserting right now. The reader can see such an insert before the insert
   * returns: it leaves the delivery to the publisher, and keeps the event it read in case another
   * instance won the id, so that event is delivered here after all.
   */
  private readonly inserting = new Map<number, { id: number; topic: string; body: string } | undefined>();
  private lastKnownId = 0;
  private publishing: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private stream: ChangeStream | undefined;
  private mode: BusHealth['mode'] = 'polling';
  private ok = true;
  private lastReadAt: Date | undefined;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly events: Collection<EventDoc>,
    private readonly options: MongoEventBusOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.local = new LocalBus((error, topic) => options.log.error({ ...errorFields(error), topic }, 'event listener failed'));
  }

  publish<T>(topic: string, payload: T, options: PublishOptions = {}): Promise<BusEvent<T>> {
    // One at a time from this instance: its events keep the order in which they were published.
    const published = this.publishing.then(() => this.store(topic, payload, options));
    this.publishing = published.catch(() => undefined);
    return published;
  }

  subscribe<T>(topic: string, listener: BusListener<T>): () => void {
    const unsubscribe = this.local.subscribe(topic, listener);
    this.start();
    return unsubscribe;
  }

  /** Empties the events rather than removing them: a removed newest event would let its id be taken again. */
  async forget(scope: string): Promise<void> {
    await this.events.updateMany({ scope }, { $set: { topic: FORGOTTEN, body: 'null' }, $unset: { scope: '' } });
  }

  async prune(before: Date): Promise<number> {
    // The newest event stays: it carries the counter on, so ids never start again from 1.
    const newest = await this.maxId();
    const { deletedCount } = await this.events.deleteMany({ at: { $lt: before }, _id: { $lt: newest } });
    return deletedCount;
  }

  health(): BusHealth {
    return { mode: this.mode, ok: this.ok, ...(this.lastReadAt ? { lastReadAt: this.lastReadAt.toISOString() } : {}) };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.stream?.close().catch(() => undefined);
    await this.reading;
    await this.publishing;
    await this.local.close();
  }

  private async store<T>(topic: string, payload: T, options: PublishOptions): Promise<BusEvent<T>> {
    const body = JSON.stringify(payload);
    // Always after the newest stored id: below it a pruned id could be taken again, behind every reader's cursor.
    this.lastKnownId = await this.maxId();
    for (let attempt = 0; attempt < MAX_PUBLISH_ATTEMPTS; attempt++) {
      const id = this.lastKnownId + 1;
      this.inserting.set(id, undefined);
      let won = false;
      try {
        won = await insertUnique(this.events, { _id: id, topic, at: this.now(), body, ...(options.scope ? { scope: options.scope } : {}) });
      } finally {
        const seen = this.inserting.get(id);
        this.inserting.delete(id);
        if (!won && seen) this.deliverStored(seen);
      }
      if (won) {
        this.lastKnownId = id;
        const event = { id, topic, payload };
        if (this.cursor !== undefined && id > this.cursor) this.deliveredAhead.add(id);
        // Here and not from the log: this instance's own listeners need not wait for the next read.
        this.local.deliver(event);
        return event;
      }
      this.lastKnownId = await this.maxId();
    }
    throw new Error(`no free event id after ${MAX_PUBLISH_ATTEMPTS} attempts`);
  }

  private async maxId(): Promise<number> {
    const newest = await this.events.find({}, { projection: { _id: 1 } }).sort({ _id: -1 }).limit(1).next();
    return newest?._id ?? 0;
  }

  private start(): void {
    if (this.reading || this.cursor !== undefined || this.closed) return;
    this.reading = (async () => {
      // Only what is published from now on: older events were for instances that were running then.
      for (;;) {
        try {
          this.cursor = await this.maxId();
          this.lastKnownId = Math.max(this.lastKnownId, this.cursor);
          break;
        } catch (error) {
          this.failed(error);
          if (this.closed) return;
          await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
        }
      }
      await this.watch();
    })().finally(() => {
      this.reading = undefined;
      this.schedule();
    });
  }

  /** A change stream only wakes the reader; order, gaps and duplicates are still handled by reading the log. */
  private async watch(): Promise<void> {
    try {
      const hello = await this.db.admin().command({ hello: 1 });
      if (!hello.setName && hello.msg !== 'isdbgrid') return;
      const stream = this.events.watch([{ $match: { operationType: 'insert' } }]);
      stream.on('change', () => this.wake());
      stream.on('error', (error) => {
        this.options.log.warn({ ...errorFields(error) }, 'event change stream ended; polling');
        this.mode = 'polling';
        this.stream = undefined;
        void stream.close().catch(() => undefined);
      });
      this.stream = stream;
      this.mode = 'change-stream';
    } catch (error) {
      this.options.log.warn({ ...errorFields(error) }, 'no change stream; polling');
    }
  }

  private wake(): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.read();
  }

  private schedule(): void {
    if (this.closed || this.timer || this.cursor === undefined) return;
    const every = this.mode === 'change-stream' ? this.options.pollMs * CHANGE_STREAM_POLL_FACTOR : this.options.pollMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.read();
    }, this.readAgain ? 0 : every);
    this.timer.unref();
    this.readAgain = false;
  }

  private read(): void {
    if (this.closed || this.reading) return;
    this.reading = this.readBatches().finally(() => {
      this.reading = undefined;
      this.schedule();
    });
  }

  private async readBatches(): Promise<void> {
    try {
      for (;;) {
        const docs = await this.events.find({ _id: { $gt: this.cursor ?? 0 } }).sort({ _id: 1 }).limit(BATCH).toArray();
        for (const doc of docs) this.take(doc);
        this.ok = true;
        this.lastReadAt = this.now();
        if (docs.length < BATCH || this.closed) return;
      }
    } catch (error) {
      this.failed(error);
    }
  }

  private take(doc: unknown): void {
    const parsed = storedEvent.safeParse(doc);
    if (!parsed.success) {
      this.options.log.warn({ eventId: (doc as { _id?: unknown })._id }, 'malformed event skipped');
      if (typeof (doc as { _id?: unknown })._id === 'number') this.cursor = (doc as { _id: number })._id;
      return;
    }
    const { _id: id, topic, body } = parsed.data;
    this.cursor = id;
    this.lastKnownId = Math.max(this.lastKnownId, id);
    if (this.deliveredAhead.delete(id)) return;
    if (this.inserting.has(id)) {
      this.inserting.set(id, { id, topic, body });
      return;
    }
    this.deliverStored({ id, topic, body });
  }

  private deliverStored({ id, topic, body }: { id: number; topic: string; body: string }): void {
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      this.options.log.warn({ eventId: id }, 'malformed event skipped');
      return;
    }
    this.local.deliver({ id, topic, payload });
  }

  private failed(error: unknown): void {
    if (this.ok) this.options.log.error({ ...errorFields(error) }, 'event log not readable');
    this.ok = false;
  }
}
