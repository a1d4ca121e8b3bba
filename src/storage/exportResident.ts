import { loadConfigOrReport } from '../config/config';
import { createLogger } from '../log';
import { openStores } from './openStores';

/**
 * Answers an inzageverzoek: prints everything kept about one resident as JSON on stdout.
 * Usage: node dist/src/storage/exportResident.js <channel> <userId>
 * It reads the same environment as the bot, so it exports from whichever store the bot uses.
 */
export async function exportResidentCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [channel, userId] = args;
  if (!channel || !userId || args.length !== 2) {
    process.stderr.write('Usage: exportResident <channel> <userId>\n');
    return 2;
  }
  const config = loadConfigOrReport(env);
  if (!config) return 2;
  // stdout carries the export alone, so the store's log lines stay out of it.
  const stores = await openStores(config, createLogger('silent'));
  try {
    const data = await stores.residents.exportResident(channel, userId);
    process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return 0;
  } finally {
    await stores.close();
  }
}

if (require.main === module) {
  exportResidentCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Export failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
