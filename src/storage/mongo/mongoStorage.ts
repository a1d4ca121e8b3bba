import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { eTagConflict, shouldWrite } from '../eTag';
import { decodeBody, encodeBody } from '../jsonBody';
import { asValue } from '../queryValue';
import type { MongoCollections, StateDoc, StateWriteLockDoc } from './collections';
import { insertUnique, isDuplicateKey } from './uniqueInsert';

/** A lock whose writer died between taking it and releasing it is given up after this long. */
export const STALE_LOCK_MS = 30_000;

/**
 * botbuilder `Storage` on MongoDB with MemoryStorage's eTag rules. A conditional write first takes
 * the right to replace its eTag by a unique insert, then replaces the document only if it still
 * holds that eTag: exactly one of any number of concurrent writers with the same eTag wins, also
 * on FerretDB, whose conditional updates alone are not atomic. A stale eTag never matches silently:
 * it is an eTag conflict, as in botbuilder.
 */
export class MongoStorage implements Storage {
  constructor(private readonly c: MongoCollections, private readonly now: () => Date = () => new Date()) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    if (keys.length === 0) return {};
    const docs = await this.byKeys(keys.map((key) => asValue(key, 'A storage key')));
    const items: StoreItems = {};
    keys.forEach((key, i) => {
      const doc = docs[i];
      if (doc) items[key] = { ...decodeBody<object>(doc.body), eTag: doc.eTag };
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const entries = Object.entries(changes).map(([key, item]) => [asValue(key, 'A storage key'), (item ?? {}) as StoreItem] as const);
    // With no transactions to roll back, a batch is checked as a whole before its first write, so a stale batch stores nothing.
    if (entries.length > 1) {
      const current = await this.byKeys(entries.map(([key]) => key));
      entries.forEach(([key, item], i) => {
        if (!shouldWrite(item.eTag, current[i]?.eTag)) throw eTagConflict(key);
      });
    }
    for (const [key, item] of entries) await this.writeOne(key, item);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.c.state.deleteMany({ _id: { $in: keys.map((key) => asValue(key, 'A storage key')) } });
  }

  /**
   * One read by `_id` per key, side by side, rather than one `$in`: FerretDB answers an equality on
   * `_id` from its index but reads and decodes the whole collection for `$in`, so every turn got
   * slower as conversations were stored. On MongoDB both are index lookups.
   */
  private byKeys(keys: string[]): Promise<(StateDoc | null)[]> {
    return Promise.all(keys.map((key) => this.c.state.findOne({ _id: key })));
  }

  private async writeOne(key: string, item: StoreItem): Promise<void> {
    const { eTag, ...value } = item;
    const next: Omit<StateDoc, '_id'> = { eTag: randomUUID(), body: encodeBody(value), updatedAt: this.now() };
    if (!eTag || eTag === '*') return this.overwrite(key, next);
    const lock = await this.lock(asValue(eTag, 'An eTag'));
    if (!lock) throw eTagConflict(key);
    try {
      const replaced = await this.c.state.replaceOne({ _id: key, eTag }, next);
      if (replaced.matchedCount === 1) return;
      // Not there with that eTag: a key that does not exist (any more) is written, one that holds another eTag is a conflict.
      if (!(await insertUnique(this.c.state, { _id: key, ...next }))) throw eTagConflict(key);
    } finally {
      await this.c.stateWriteLocks.deleteOne(lock).catch(() => undefined);
    }
  }

  private async overwrite(key: string, next: Omit<StateDoc, '_id'>): Promise<void> {
    try {
      await this.c.state.replaceOne({ _id: key }, next, { upsert: true });
    } catch (error) {
      // Two upserts of a new key can race to insert it; the loser's write is then a plain replace.
      if (!isDuplicateKey(error)) throw error;
      await this.c.state.replaceOne({ _id: key }, next, { upsert: true });
    }
  }

  /** Takes the right to replace `eTag`; resolves the lock document to release, or undefined when another writer holds it. */
  private async lock(eTag: string): Promise<StateWriteLockDoc | undefined> {
    const lock = { _id: eTag, at: this.now() };
    if (await insertUnique(this.c.stateWriteLocks, lock)) return lock;
    const abandoned = await this.c.stateWriteLocks.deleteOne({ _id: eTag, at: { $lt: new Date(lock.at.getTime() - STALE_LOCK_MS) } });
    return abandoned.deletedCount === 1 && (await insertUnique(this.c.stateWriteLocks, lock)) ? lock : undefined;
  }
}
