import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfigOrReport } from '../config/config';
import { createLogger } from '../log';
import { openStores } from '../storage/openStores';
import { connectorRoles, teamsAadObjectIdSchema, usernameSchema } from '../connectors/consoleRepository';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';

const USAGE = 'Usage: npm run connector:add -- --username <name> --name "<display name>" --team <team> [--teams-aad <Entra object id>] [--role wijkverbinder|coordinator]   (password on stdin, never as an argument)\n';

const argsSchema = z.object({
  username: usernameSchema,
  name: z.string().trim().min(1).max(100),
  team: z.string().trim().min(1).max(100),
  'teams-aad': teamsAadObjectIdSchema.optional(),
  role: z.enum(connectorRoles).optional(),
});

/**
 * Creates a wijkverbinder account in the store the bot uses (same environment). The password is
 * read from standard input, typed without echo on a terminal or piped, so it never shows in the
 * process list or the shell history.
 */
export async function addConnectorCli(args: string[], input: NodeJS.ReadStream = process.stdin, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let options;
  try {
    options = parseArgs({ args, options: { username: { type: 'string' }, name: { type: 'string' }, team: { type: 'string' }, 'teams-aad': { type: 'string' }, role: { type: 'string' } }, strict: true }).values;
  } catch {
    process.stderr.write(USAGE);
    return 2;
  }
  const parsed = argsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    process.stderr.write(`--${issue.path.join('.')}: ${issue.message}\n${USAGE}`);
    return 2;
  }
  const config = loadConfigOrReport(env);
  if (!config) return 2;
  const password = await readPassword(input);
  if (password.length < MIN_PASSWORD_LENGTH) {
    process.stderr.write(`The password must be at least ${MIN_PASSWORD_LENGTH} characters.\n`);
    return 2;
  }
  const stores = await openStores(config, createLogger('silent'));
  try {
    const teamsAadObjectId = parsed.data['teams-aad'];
    if (teamsAadObjectId && (await stores.console.findConnectorByTeamsId(teamsAadObjectId))) {
      process.stderr.write(`The Teams object id ${teamsAadObjectId} is already linked to another account.\n`);
      return 1;
    }
    const account = {
      id: randomUUID(),
      username: parsed.data.username,
      displayName: parsed.data.name,
      team: parsed.data.team,
      passwordHash: await hashPassword(password),
      createdAt: new Date().toISOString(),
      ...(teamsAadObjectId ? { teamsAadObjectId } : {}),
      ...(parsed.data.role ? { role: parsed.data.role } : {}),
    };
    if (!(await stores.console.addConnector(account))) {
      process.stderr.write(`The username ${account.username} is taken.\n`);
      return 1;
    }
    process.stdout.write(`Created ${account.username} (${account.displayName}, team ${account.team}, ${parsed.data.role ?? 'wijkverbinder'}).\n`);
    return 0;
  } finally {
    await stores.close();
  }
}

/** The first line of stdin; on a terminal the typed characters are not echoed. */
export async function readPassword(input: NodeJS.ReadStream): Promise<string> {
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write('Password: ');
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve) => {
    let typed = '';
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stderr.write('\n');
          return resolve(typed);
        }
        if (char === '\u0003') process.exit(130);
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
      }
    };
    input.on('data', onData);
  });
}

if (require.main === module) {
  addConnectorCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Creating the account failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
