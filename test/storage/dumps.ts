import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from 'mongodb';

/** Every row of every table, through a second read-only connection: what is on disk, not what the stores say. */
export function dumpSqlite(dataDir: string): Record<string, unknown[]> {
  const db = new Database(path.join(dataDir, 'wijkverbinder.sqlite'), { readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
  } finally {
    db.close();
  }
}

/** Every document of every collection the database has, whether or not the store's code knows it. */
export async function dumpMongo(db: Db): Promise<Record<string, unknown[]>> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((info) => info.name).sort();
  const dump: Record<string, unknown[]> = {};
  for (const name of names) dump[name] = await db.collection(name).find().toArray();
  return dump;
}
