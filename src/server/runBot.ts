import { createApp, type AppOptions } from '../app';
import { loadConfigOrReport } from '../config/config';

/** Starts the bot: one clear line and a non-zero exit when the configuration or the store is not usable. */
export async function runBot(options: AppOptions = {}): Promise<void> {
  const config = loadConfigOrReport();
  if (!config) process.exit(2);
  const app = await createApp(config, undefined, options);
  const { host, port } = await app.listen();
  app.log.info({ host, port, store: app.stores.kind }, 'wijkverbinder listening');
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** What the process prints when it cannot start, then exits with 1. */
export function reportStartFailure(error: Error): never {
  process.stderr.write(`Wijkverbinder could not start: ${error.message}\n`);
  process.exit(1);
}
