import type { Config } from '../config/config';
import type { Logger } from '../log';
import { openMongoStores } from './mongo/mongoStores';
import { scheduleRetentionPurge } from './retention';
import { openSqliteStores } from './sqlite/sqliteStores';
import type { StoreClock, Stores } from './stores';

export interface OpenStoresOptions extends StoreClock {
  /** The scheduled retention purge; off for one-shot tools such as the export script. */
  purge?: boolean;
}

/**
 * The store the configuration asks for: MongoDB when MONGODB_URI is set, else the embedded SQLite
 * store under DATA_DIR, with the retention purge scheduled on it. Rejects with an Error whose
 * message is one line fit to print before exiting (never containing the URI's password).
 */
export async function openStores(
  config: Pick<Config, 'MONGODB_URI' | 'MONGODB_DB' | 'RETENTION_DAYS' | 'AUDIT_RETENTION_DAYS' | 'dataDir'>,
  log: Logger,
  options: OpenStoresOptions = {},
): Promise<Stores> {
  const stores = config.MONGODB_URI
    ? await openMongoStores({ uri: config.MONGODB_URI, dbName: config.MONGODB_DB, retentionDays: config.RETENTION_DAYS, log, now: options.now })
    : openSqliteStores(config.dataDir, { now: options.now });
  if (options.purge === false) return stores;
  const schedule = scheduleRetentionPurge(stores.residents, {
    retentionDays: config.RETENTION_DAYS,
    auditRetentionDays: config.AUDIT_RETENTION_DAYS,
    log,
    now: options.now,
  });
  return {
    ...stores,
    close: async () => {
      await schedule.stop();
      await stores.close();
    },
  };
}
