import type { StoreClock, Stores } from '../stores';
import { openSqlite } from './database';
import { SqliteCaseRepository } from './sqliteCaseRepository';
import { SqliteResidentData } from './sqliteResidentData';
import { SqliteStorage } from './sqliteStorage';
import { SqliteTranscriptStore } from './sqliteTranscriptStore';

export function openSqliteStores(dataDir: string, clock: StoreClock = {}): Stores {
  const db = openSqlite(dataDir);
  const now = clock.now ?? (() => new Date());
  const transcripts = new SqliteTranscriptStore(db);
  const cases = new SqliteCaseRepository(db);
  return {
    kind: 'sqlite',
    storage: new SqliteStorage(db, now),
    transcripts,
    cases,
    residents: new SqliteResidentData(db, { cases, transcripts }, now),
    close: async () => {
      db.close();
    },
  };
}
