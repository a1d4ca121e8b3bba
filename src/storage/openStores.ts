import type { Config } from '../config/config';
import type { Logger } from '../log';
import { openMongoStores } from './mongo/mongoStores';
import { openSqliteStores } from './sqlite/sqliteStores';
import type { StoreClock, Stores } from './stores';

/**
 * The store the configuration asks for: MongoDB when MONGODB_URI is set, else the embedded SQLite
 * store under DATA_DIR. Rejects with an Error whose message is one line fit to print before exiting
 * (never containing the URI's password). The bot's timers (retention purge) are wired by the app.
 */
export async function openStores(
  config: Pick<Config, 'MONGODB_URI' | 'MONGODB_DB' | 'RETENTION_DAYS' | 'EVENT_POLL_MS' | 'dataDir'>,
  log: Logger,
  options: StoreClock = {},
): Promise<Stores> {
  return config.MONGODB_URI
    ? await openMongoStores({ uri: config.MONGODB_URI, dbName: config.MONGODB_DB, retentionDays: config.RETENTION_DAYS, eventPollMs: config.EVENT_POLL_MS, log, now: options.now })
    : openSqliteStores(config.dataDir, { now: options.now });
}
