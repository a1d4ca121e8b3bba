import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { SqliteDatabase } from './database';
import { eTagConflict, shouldWrite } from '../eTag';
import { decodeBody, encodeBody } from '../jsonBody';

/** botbuilder `Storage` on SQLite: the same eTag rules as botbuilder's MemoryStorage, checked inside one transaction. */
export class SqliteStorage implements Storage {
  private readonly selectOne;
  private readonly upsert;
  private readonly remove;
  private readonly writeAll;

  constructor(private readonly db: SqliteDatabase, now: () => Date = () => new Date()) {
    this.selectOne = db.prepare<[string], { etag: string; doc: string }>('SELECT etag, doc FROM state WHERE key = ?');
    this.upsert = db.prepare(
      'INSERT INTO state (key, etag, doc, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, doc = excluded.doc, updated_at = excluded.updated_at',
    );
    this.remove = db.prepare('DELETE FROM state WHERE key = ?');
    this.writeAll = db.transaction((changes: StoreItems) => {
      const at = now().toISOString();
      for (const [key, item] of Object.entries(changes)) {
        const current = this.selectOne.get(key);
        if (!shouldWrite(item?.eTag, current?.etag)) throw eTagConflict(key);
        const { eTag: _ignored, ...doc } = item ?? {};
        this.upsert.run(key, randomUUID(), encodeBody(doc), at);
      }
    });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.selectOne.get(key);
      if (row) items[key] = { ...decodeBody<object>(row.doc), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    this.writeAll(changes);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    this.db.transaction(() => keys.forEach((key) => this.remove.run(key)))();
  }
}
