import { loadConfigOrReport } from '../config/config';
import { createLogger } from '../log';
import { collectionsOf } from './mongo/collections';
import { ensureIndexes } from './mongo/indexes';
import { migrateDocuments } from './mongo/migrate';
import { connectMongo } from './mongo/mongoClient';

/**
 * Brings the MongoDB the bot uses to the current document format (`npm run migrate`), with every
 * instance stopped. Safe to run more than once. The embedded store updates itself when it opens.
 */
export async function migrateCli(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const config = loadConfigOrReport(env);
  if (!config) return 2;
  if (!config.MONGODB_URI) {
    process.stdout.write('No MONGODB_URI: the embedded store brings itself up to date when the bot starts. Nothing to migrate.\n');
    return 0;
  }
  const { client, db } = await connectMongo(config.MONGODB_URI, { dbName: config.MONGODB_DB, log: createLogger('silent') });
  try {
    const migrated = await migrateDocuments(collectionsOf(db));
    await ensureIndexes(db, config.RETENTION_DAYS);
    process.stdout.write(`Migrated ${migrated.cases} cases and ${migrated.transcripts} transcript documents; the store is up to date.\n`);
    return 0;
  } finally {
    await client.close();
  }
}

if (require.main === module) {
  migrateCli().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
