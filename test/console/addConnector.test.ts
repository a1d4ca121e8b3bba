import { Readable } from 'node:stream';
import { addConnectorCli } from '../../src/console/addConnector';
import { changeConnectorCli } from '../../src/console/changeConnector';
import { roleOf } from '../../src/connectors/consoleRepository';
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

  it('links an account to a Teams user at creation or later, one account per Teams object id', async () => {
    const teams = '6f1c2b3a-0d4e-4f5a-9b8c-7d6e5f4a3b2c';
    expect(await run(['--username', 'anna', '--name', 'Anna de Vries', '--team', 'bospolder', '--teams-aad', teams.toUpperCase()], 'een lang genoeg wachtwoord\n')).toBe(0);
    expect(await run(['--username', 'bram', '--name', 'Bram', '--team', 'bospolder', '--teams-aad', teams], 'een lang genoeg wachtwoord\n')).toBe(1);
    expect(await run(['--username', 'bram', '--name', 'Bram', '--team', 'bospolder', '--teams-aad', 'not-a-guid'], 'een lang genoeg wachtwoord\n')).toBe(2);
    expect(await run(['--username', 'bram', '--name', 'Bram', '--team', 'bospolder'], 'een lang genoeg wachtwoord\n')).toBe(0);
    const env = { DATA_DIR: dir, LOG_LEVEL: 'silent' };
    const other = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
    expect(await changeConnectorCli('teams', ['--username', 'bram', '--teams-aad', teams], stdin(''), env)).toBe(1);
    expect(await changeConnectorCli('teams', ['--username', 'bram', '--teams-aad', other], stdin(''), env)).toBe(0);
    expect(await changeConnectorCli('teams', ['--username', 'bram'], stdin(''), env)).toBe(2);
    const stores = openSqliteStores(dir);
    try {
      expect((await stores.console.findConnectorByTeamsId(teams))?.username).toBe('anna');
      const bram = await stores.console.findConnectorByTeamsId(other);
      expect(bram).toMatchObject({ username: 'bram', teamsAadObjectId: other });
      // Linking is not a credential change: bram's console sessions stay.
      expect(bram?.credentialsChangedAt).toBeUndefined();
    } finally {
      await stores.close();
    }
    expect(stderr.mock.calls.join('')).toContain('already linked');
  });

  it('gives the coordinator role when asked and the wijkverbinder role otherwise; an unknown role is refused', async () => {
    expect(await run(['--username', 'cora', '--name', 'Cora', '--team', 'bospolder', '--role', 'coordinator'], 'een lang genoeg wachtwoord\n')).toBe(0);
    expect(await run(['--username', 'wim', '--name', 'Wim', '--team', 'bospolder'], 'een lang genoeg wachtwoord\n')).toBe(0);
    expect(await run(['--username', 'baas', '--name', 'Baas', '--team', 'bospolder', '--role', 'baas'], 'een lang genoeg wachtwoord\n')).toBe(2);
    const stores = openSqliteStores(dir);
    try {
      expect(roleOf((await stores.console.findConnectorByUsername('cora'))!)).toBe('coordinator');
      expect(roleOf((await stores.console.findConnectorByUsername('wim'))!)).toBe('wijkverbinder');
      expect(await stores.console.findConnectorByUsername('baas')).toBeUndefined();
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
