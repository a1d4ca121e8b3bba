import { createLogger } from '../../src/log';
import { openMongoStores } from '../../src/storage/mongo/mongoStores';
import { describeWithMongo } from '../helpers/mongo';
import { dumpMongo } from './dumps';
import { storesContract } from './storesContract';

describeWithMongo('MongoDB store', (server) => {
  storesContract(`MongoDB (${server.kind === 'external' ? 'MONGODB_URI' : 'FerretDB'})`, async (clock) => {
    const stores = await openMongoStores({ uri: server.uri, dbName: server.newDatabaseName('contract'), retentionDays: 365, log: createLogger('silent'), now: clock.now });
    return {
      stores,
      dumpAll: () => dumpMongo(stores.db),
      close: async () => {
        await stores.db.dropDatabase().catch(() => undefined);
        await stores.close();
      },
    };
  });
});
