import { openSqliteStores } from '../../src/storage/sqlite/sqliteStores';
import { removeDir, tempDir } from '../helpers/tempDir';
import { dumpSqlite } from './dumps';
import { storesContract } from './storesContract';

storesContract('SQLite (embedded default)', async (clock) => {
  const dir = tempDir();
  const stores = openSqliteStores(dir, clock);
  return {
    stores,
    dumpAll: async () => dumpSqlite(dir),
    close: async () => {
      await stores.close();
      removeDir(dir);
    },
  };
});
