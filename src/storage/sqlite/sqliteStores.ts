import type { StoreClock, Stores } from '../stores';
import { openSqlite } from './database';
import { SqliteCaseRepository } from './sqliteCaseRepository';
import { SqliteConsoleRepository } from './sqliteConsoleRepository';
import { SqliteReceivedMessages } from './sqliteReceivedMessages';
import { SqliteResidentData } from './sqliteResidentData';
import { SqliteStorage } from './sqliteStorage';
import { SqliteTranscriptStore } from './sqliteTranscriptStore';

export function openSqliteStores(dataDir: string, clock: StoreClock = {}): Stores {
  const db = openSqlite(dataDir);
  const now = clock.now ?? (() => new Date());
  const transcripts = new SqliteTranscriptStore(db);
  const cases = new SqliteCaseRepository(db);
  const consoleRepository = new SqliteConsoleRepository(db);
  return {
    kind: 'sqlite',
    storage: new SqliteStorage(db, now),
    transcripts,
    cases,
    console: consoleRepository,
    received: new SqliteReceivedMessages(db),
    residents: new SqliteResidentData(db, { cases, transcripts, console: consoleRepository }, now),
    close: async () => {
      db.close();
    },
  };
}
