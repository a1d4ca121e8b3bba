import { parseArgs } from 'node:util';
import { loadConfigOrReport } from '../config/config';
import { createLogger } from '../log';
import { openStores } from '../storage/openStores';
import { readPassword } from './addConnector';
import { teamsAadObjectIdSchema, usernameSchema, type ConnectorAccount } from '../connectors/consoleRepository';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';

const USAGE =
  'Usage: npm run connector:disable -- --username <name>\n       npm run connector:password -- --username <name>   (new password on stdin)\n       npm run connector:teams -- --username <name> --teams-aad <Entra object id>\n';

type Change = 'disable' | 'password' | 'teams';
const CHANGES: readonly Change[] = ['disable', 'password', 'teams'];

/**
 * Disables an account, sets a new password or links the account to a Teams user, in the store the bot uses. Either stamps the account
 * so that every session begun before ends at its next request, also in a running bot.
 */
export async function changeConnectorCli(change: Change, args: string[], input: NodeJS.ReadStream = process.stdin, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let username;
  let teamsAadObjectId: string | undefined;
  try {
    const values = parseArgs({ args, options: { username: { type: 'string' }, ...(change === 'teams' ? { 'teams-aad': { type: 'string' } } : {}) }, strict: true }).values as Record<string, string | undefined>;
    username = usernameSchema.parse(values.username);
    if (change === 'teams') teamsAadObjectId = teamsAadObjectIdSchema.parse(values['teams-aad']);
  } catch {
    process.stderr.write(USAGE);
    return 2;
  }
  const config = loadConfigOrReport(env);
  if (!config) return 2;
  const password = change === 'password' ? await readPassword(input) : undefined;
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) {
    process.stderr.write(`The password must be at least ${MIN_PASSWORD_LENGTH} characters.\n`);
    return 2;
  }
  const stores = await openStores(config, createLogger('silent'));
  try {
    const account = await stores.console.findConnectorByUsername(username);
    if (!account) {
      process.stderr.write(`There is no account ${username}.\n`);
      return 1;
    }
    if (teamsAadObjectId) {
      const linked = await stores.console.findConnectorByTeamsId(teamsAadObjectId);
      if (linked && linked.id !== account.id) {
        process.stderr.write(`The Teams object id ${teamsAadObjectId} is already linked to ${linked.username}.\n`);
        return 1;
      }
      // Linking is no credential change: the connector's console sessions stay.
      await stores.console.updateConnector({ ...account, teamsAadObjectId });
      process.stdout.write(`Linked ${username} to Teams object id ${teamsAadObjectId}.\n`);
      return 0;
    }
    const changed: ConnectorAccount = {
      ...account,
      ...(password !== undefined ? { passwordHash: await hashPassword(password) } : { disabled: true }),
      credentialsChangedAt: new Date().toISOString(),
    };
    await stores.console.updateConnector(changed);
    process.stdout.write(change === 'disable' ? `Disabled ${username}; its sessions have ended.\n` : `New password set for ${username}; its sessions have ended.\n`);
    return 0;
  } finally {
    await stores.close();
  }
}

if (require.main === module) {
  const change = CHANGES.find((name) => name === process.argv[2]) ?? 'disable';
  changeConnectorCli(change, process.argv.slice(3)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Changing the account failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
