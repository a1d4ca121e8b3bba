import { Readable } from 'node:stream';
import { addConnectorCli } from '../../src/console/addConnector';
import { verifyPassword } from '../../src/console/passwords';
import { openSqliteStores } from '../../src/storage/sqlite/sqliteStores';
import { removeDir, tempDir } from '../helpers/tempDir';

const stdin = (text: string) => Readable.from([text]) as unknown as NodeJS.ReadStream;

describe('npm run connector:add', () => {
  let dir: string;
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    dir = tempDir();
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    removeDir(dir);
  });
  const run = (args: string[], password: string) => addConnectorCli(args, stdin(password), { DATA_DIR: dir, LOG_LEVEL: 'silent' });

  it('creates an account with an argon2id hash of the password read from stdin; a username only once', async () => {
    expect(await run(['--username', ' Anna ', '--name', 'Anna de Vries', '--team', 'bospolder'], 'een lang genoeg wachtwoord\n')).toBe(0);
    expect(await run(['--username', 'anna', '--name', 'Andere Anna', '--team', 'charlois'], 'nog een lang wachtwoord\n')).toBe(1);
    const stores = openSqliteStores(dir);
    try {
      const account = await stores.console.findConnectorByUsername('anna');
      expect(account).toMatchObject({ username: 'anna', displayName: 'Anna de Vries', team: 'bospolder' });
      expect(account?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(account?.passwordHash, 'een lang genoeg wachtwoord')).toBe(true);
    } finally {
      await stores.close();
    }
  });

  it('refuses a short password, a bad username and a password given as an argument', async () => {
    expect(await run(['--username', 'bob', '--name', 'Bob', '--team', 't'], 'kort\n')).toBe(2);
    expect(await run(['--username', 'b o b', '--name', 'Bob', '--team', 't'], 'een lang genoeg wachtwoord\n')).toBe(2);
    expect(await run(['--username', 'bob', '--password', 'geheim'], '')).toBe(2);
    expect(stderr.mock.calls.join('')).toContain('at least 12 characters');
  });
});
