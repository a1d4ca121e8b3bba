import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/log';
import { openStores } from '../../src/storage/openStores';
import { openSqliteStores } from '../../src/storage/sqlite/sqliteStores';
import { freePort, ROOT } from '../helpers/process';
import { removeDir, tempDir } from '../helpers/tempDir';
import { intakeCase, message } from './fixtures';

const silent = createLogger('silent');

describe('openStores', () => {
  it('opens the embedded store under DATA_DIR when MONGODB_URI is unset', async () => {
    const dir = tempDir();
    try {
      const stores = await openStores(loadConfig({ DATA_DIR: dir }), silent);
      expect(stores.kind).toBe('sqlite');
      await stores.storage.write({ k: { v: 1 } });
      await stores.close();
      const again = await openStores(loadConfig({ DATA_DIR: dir }), silent);
      expect((await again.storage.read(['k'])).k.v).toBe(1);
      await again.close();
    } finally {
      removeDir(dir);
    }
  });

  it('rejects within the server selection timeout with one line that names the server but not the password', async () => {
    const port = await freePort();
    const config = loadConfig({ MONGODB_URI: `mongodb://wijk:Zeer%2FGeheim@127.0.0.1:${port}/bot?serverSelectionTimeoutMS=400`, DATA_DIR: tempDir() });
    const started = Date.now();
    const error = await openStores(config, silent).then(
      () => undefined,
      (failure: Error) => failure,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error?.message).toBe(`MongoDB not reachable at mongodb://127.0.0.1:${port} (server selection timed out after 400 ms)`);
    expect(error?.message).not.toMatch(/Geheim|wijk:/);
    removeDir(config.dataDir);
  });

  it.each(['mongodb://wijk:Geheim1@db.example:notaport/bot', 'mongodb://wijk:Geheim1@/bot'])('refuses the malformed URI %s in one line without its password', async (uri) => {
    const error = await openStores(loadConfig({ MONGODB_URI: uri }), silent).catch((failure: Error) => failure);
    expect((error as Error).message).toMatch(/^MONGODB_URI is not a valid connection string for mongodb:\/\/\S* \(.+\)$/);
    expect((error as Error).message).not.toContain('Geheim1');
  });

  it('uses the 5-second default when the URI does not set a timeout', async () => {
    const port = await freePort();
    const error = await openStores(loadConfig({ MONGODB_URI: `mongodb://127.0.0.1:${port}`, DATA_DIR: tempDir() }), silent).catch((failure: Error) => failure);
    expect((error as Error).message).toBe(`MongoDB not reachable at mongodb://127.0.0.1:${port} (server selection timed out after 5000 ms)`);
  }, 15_000);
});

describe('the export script (node dist/src/storage/exportResident.js)', () => {
  const script = path.join(ROOT, 'dist', 'src', 'storage', 'exportResident.js');

  it('prints usage and exits 2 without a channel and user id', () => {
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: exportResident <channel> <userId>');
  });

  it('exits 1 with one line when the store is unreachable', async () => {
    const port = await freePort();
    const run = spawnSync(process.execPath, [script, 'whatsapp', 'u1'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', MONGODB_URI: `mongodb://a:b@127.0.0.1:${port}/?serverSelectionTimeoutMS=300` },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`Export failed: MongoDB not reachable at mongodb://127.0.0.1:${port} (server selection timed out after 300 ms)\n`);
  });

  it('prints everything kept about one resident as JSON, from the store the bot uses', async () => {
    const dir = tempDir();
    try {
      const stores = openSqliteStores(dir);
      await stores.storage.write({ 'whatsapp/users/u1/': { consent: { given: true } }, 'whatsapp/users/u2/': { consent: { given: false } } });
      await stores.transcripts.logActivity(message({ channelId: 'whatsapp', conversationId: 'g1', userId: 'u1', text: 'hallo', at: new Date('2025-05-01T10:00:00.000Z'), id: 'a1' }));
      await stores.cases.save(intakeCase({ id: 'case-1', channel: 'whatsapp', userId: 'u1', conversationId: 'g1' }));
      await stores.close();
      const run = spawnSync(process.execPath, [script, 'whatsapp', 'u1'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', DATA_DIR: dir } });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const exported = JSON.parse(run.stdout);
      expect(exported).toMatchObject({ residentKey: 'whatsapp:u1', cases: [{ id: 'case-1' }], claims: [], state: { 'whatsapp/users/u1/': { consent: { given: true } } } });
      expect(exported.transcripts.map((activity: { id: string }) => activity.id)).toEqual(['a1']);
      expect(Object.keys(exported.state)).toEqual(['whatsapp/users/u1/']);
    } finally {
      removeDir(dir);
    }
  });
});
