import type { Db } from 'mongodb';
import { errorFields, type Logger } from '../../log';
import type { StoreClock, Stores } from '../stores';
import { collectionsOf } from './collections';
import { ensureIndexes } from './indexes';
import { MongoCaseRepository } from './mongoCaseRepository';
import { MongoConsoleRepository } from './mongoConsoleRepository';
import { connectMongo, type MongoConnection } from './mongoClient';
import { MongoReceivedMessages } from './mongoReceivedMessages';
import { MongoResidentData } from './mongoResidentData';
import { MongoStorage } from './mongoStorage';
import { MongoTranscriptStore } from './mongoTranscriptStore';
import { MongoEventBus } from './mongoEventBus';
import { MongoKeyGuard } from './mongoKeyGuard';
import { MongoLeases } from './mongoLeases';
import { assertMigrated, UnmigratedStoreError } from './migrate';
import { MongoFigures } from './mongoFigures';
import { MongoSessions } from './mongoSessions';
import { MongoVolunteers } from './mongoVolunteers';

export interface MongoStoreOptions extends StoreClock {
  uri: string;
  dbName?: string;
  retentionDays: number;
  log: Logger;
  /** Shorter in tests that stop the server; otherwise the default or the URI's own setting. */
  serverSelectionTimeoutMS?: number;
  socketTimeoutMS?: number;
  /** How often the event log is read where no change stream wakes the reader (EVENT_POLL_MS). */
  eventPollMs?: number;
}

export const DEFAULT_EVENT_POLL_MS = 250;

export interface MongoStores extends Stores {
  kind: 'mongodb';
  db: Db;
  server: MongoConnection['server'];
  /** Whether transcripts also expire by a TTL index (not on FerretDB). */
  ttlIndex: boolean;
}

/** Connects, creates the indexes and returns the stores; rejects with one clear line when the server cannot be used. */
export async function openMongoStores(options: MongoStoreOptions): Promise<MongoStores> {
  const { client, db, server } = await connectMongo(options.uri, options);
  try {
    const c = collectionsOf(db);
    await assertMigrated(c);
    const { ttl } = await ensureIndexes(db, options.retentionDays);
    const now = options.now ?? (() => new Date());
    const transcripts = new MongoTranscriptStore(c);
    const cases = new MongoCaseRepository(c);
    const consoleRepository = new MongoConsoleRepository(c);
    const volunteers = new MongoVolunteers(c);
    const bus = new MongoEventBus(db, c.events, { pollMs: options.eventPollMs ?? DEFAULT_EVENT_POLL_MS, log: options.log, now });
    options.log.info({ store: 'mongodb', server: server.kind, version: server.version, db: db.databaseName, ttlIndex: ttl }, 'store opened');
    return {
      kind: 'mongodb',
      db,
      server,
      ttlIndex: ttl,
      storage: new MongoStorage(c, now),
      transcripts,
      cases,
      console: consoleRepository,
      received: new MongoReceivedMessages(c.receivedMessages),
      volunteers,
      residents: new MongoResidentData(c, { cases, transcripts, console: consoleRepository, volunteers }, now),
      sessions: new MongoSessions(c.consoleSessions),
      figures: new MongoFigures(c),
      bus,
      leases: new MongoLeases(c.leases, now),
      guard: new MongoKeyGuard(c.guards, { now }),
      ping: async () => {
        await db.command({ ping: 1 });
      },
      close: async () => {
        await bus.close();
        await client.close();
      },
    };
  } catch (error) {
    await client.close().catch(() => undefined);
    if (error instanceof UnmigratedStoreError) throw error;
    const { error: name, code } = errorFields(error);
    throw new Error(`MongoDB is reachable but its indexes could not be created (${name}${code === undefined ? '' : ` ${code}`})`);
  }
}
