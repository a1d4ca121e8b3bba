// First, before restify is loaded (see the module for why).
import './server/knownWarnings';
import { loadConfigOrReport } from './config/config';
import { createApp } from './app';

/** Starts the bot: one clear line and a non-zero exit when the configuration or the store is not usable. */
async function main(): Promise<void> {
  const config = loadConfigOrReport();
  if (!config) process.exit(2);
  const app = await createApp(config);
  const { host, port } = await app.listen();
  app.log.info({ host, port, store: app.stores.kind }, 'wijkverbinder listening');
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`Wijkverbinder could not start: ${error.message}\n`);
  process.exit(1);
});
