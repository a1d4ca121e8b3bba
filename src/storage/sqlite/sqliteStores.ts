import { KeyedLock } from '../../instances/keyedLock';
import { LocalBus } from '../../instances/localBus';
import { soleInstanceLeases } from '../../instances/soleInstance';
import type { StoreClock, Stores } from '../stores';
import { openSqlite } from './database';
import { SqliteCaseRepository } from './sqliteCaseRepository';
import { SqliteConsoleRepository } from './sqliteConsoleRepository';
import { SqliteReceivedMessages } from './sqliteReceivedMessages';
import { SqliteResidentData } from './sqliteResidentData';
import { SqliteFigures } from './sqliteFigures';
import { SqliteSessions } from './sqliteSessions';
import { SqliteStorage } from './sqliteStorage';
import { SqliteTranscriptStore } from './sqliteTranscriptStore';
import { SqliteVolunteers } from './sqliteVolunteers';

export function openSqliteStores(dataDir: string, clock: StoreClock = {}): Stores {
  const db = openSqlite(dataDir);
  const now = clock.now ?? (() => new Date());
  const transcripts = new SqliteTranscriptStore(db);
  const cases = new SqliteCaseRepository(db);
  const consoleRepository = new SqliteConsoleRepository(db);
  const volunteers = new SqliteVolunteers(db);
  return {
    kind: 'sqlite',
    storage: new SqliteStorage(db, now),
    transcripts,
    cases,
    console: consoleRepository,
    received: new SqliteReceivedMessages(db),
    volunteers,
    residents: new SqliteResidentData(db, { cases, transcripts, console: consoleRepository, volunteers }, now),
    sessions: new SqliteSessions(db),
    figures: new SqliteFigures(db),
    bus: new LocalBus(),
    leases: soleInstanceLeases,
    guard: new KeyedLock(),
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
    close: async () => {
      db.close();
    },
  };
}
