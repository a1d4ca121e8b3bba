import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';
import type { Logger } from '../../log';

export const DEFAULT_DB_NAME = 'wijkverbinder';

/**
 * Defaults for a bot that must answer within a turn: a lost server fails an operation after
 * seconds instead of hanging it, writes are acknowledged by a majority of a replica set (and do not
 * wait forever for one), and a small pool suits one process. Any of these set in the URI wins.
 */
const DEFAULT_OPTIONS = {
  serverSelectionTimeoutMS: 5000,
  connectTimeoutMS: 5000,
  socketTimeoutMS: 30_000,
  maxPoolSize: 20,
  minPoolSize: 0,
  maxIdleTimeMS: 60_000,
  retryWrites: true,
  retryReads: true,
  w: 'majority',
  wtimeoutMS: 10_000,
} as const;

export type ServerKind = 'mongodb' | 'ferretdb';

export interface MongoConnection {
  client: MongoClient;
  db: Db;
  server: { kind: ServerKind; version: string };
}

/** MONGODB_DB, else the database in the URI's path, else "wijkverbinder". */
export function databaseNameOf(uri: string, explicit?: string): string {
  if (explicit) return explicit;
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(uri)?.[1];
  return path ? decodeURIComponent(path) : DEFAULT_DB_NAME;
}

/** The URI without credentials and options, safe for a log line or an error message. */
export function redactUri(uri: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/)(?:[^@/?]*@)?([^/?]*)/.exec(uri);
  return match ? `${match[1]}${match[2]}` : 'the configured MONGODB_URI';
}

/**
 * Connects and checks that the server answers. Rejects with an Error whose message is one line
 * naming the server without its password, which the process prints before it exits.
 */
export async function connectMongo(
  uri: string,
  options: { dbName?: string; serverSelectionTimeoutMS?: number; socketTimeoutMS?: number; log: Logger },
): Promise<MongoConnection> {
  const where = redactUri(uri);
  const settings = clientOptions(uri, options);
  let client: MongoClient;
  try {
    client = new MongoClient(uri, settings);
  } catch (error) {
    throw new Error(`MONGODB_URI is not a valid connection string for ${where} (${oneLine(error, uri)})`);
  }
  try {
    await client.connect();
    const db = client.db(databaseNameOf(uri, options.dbName));
    await db.command({ ping: 1 });
    const server = await serverOf(client);
    reportReachability(client, where, options.log);
    return { client, db, server };
  } catch (error) {
    await client.close().catch(() => undefined);
    throw new Error(describeFailure(error, where, client.options.serverSelectionTimeoutMS, uri));
  }
}

/** FerretDB answers buildInfo with its own `ferretdbVersion`; logs and tests show which server the store runs on. */
async function serverOf(client: MongoClient): Promise<MongoConnection['server']> {
  const info = await client.db('admin').command({ buildInfo: 1 });
  const ferret = typeof info.ferretdbVersion === 'string' ? info.ferretdbVersion : undefined;
  return ferret ? { kind: 'ferretdb', version: ferret } : { kind: 'mongodb', version: String(info.version ?? 'unknown') };
}

function clientOptions(uri: string, options: { serverSelectionTimeoutMS?: number; socketTimeoutMS?: number }): MongoClientOptions {
  const inUri = new Set(
    (uri.split('?')[1] ?? '')
      .split('&')
      .map((pair) => pair.split('=')[0].toLowerCase())
      .filter(Boolean),
  );
  const wanted: Record<string, unknown> = {
    ...DEFAULT_OPTIONS,
    ...(options.serverSelectionTimeoutMS === undefined ? {} : { serverSelectionTimeoutMS: options.serverSelectionTimeoutMS }),
    ...(options.socketTimeoutMS === undefined ? {} : { socketTimeoutMS: options.socketTimeoutMS }),
  };
  // The driver lets options passed in code override the URI; an operator's URI should override our defaults instead.
  const chosen = Object.fromEntries(Object.entries(wanted).filter(([name]) => !inUri.has(name.toLowerCase())));
  return { appName: 'wijkverbinder', ...chosen } as MongoClientOptions;
}

function describeFailure(error: unknown, where: string, timeoutMs: number, uri: string): string {
  const name = error instanceof Error ? error.name : '';
  const code = (error as { code?: unknown })?.code;
  if (name === 'MongoServerSelectionError') return `MongoDB not reachable at ${where} (server selection timed out after ${timeoutMs} ms)`;
  if (name === 'MongoNetworkError' || name === 'MongoNetworkTimeoutError') return `MongoDB not reachable at ${where} (connection lost)`;
  if (code === 18 || name === 'MongoMissingCredentialsError') return `MongoDB refused the credentials at ${where} (authentication failed)`;
  return `MongoDB could not be opened at ${where} (${oneLine(error, uri)})`;
}

/** An error's message on one line, with the URI's credentials cut out in case the driver echoed them. */
function oneLine(error: unknown, uri: string): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const userInfo = /^mongodb(?:\+srv)?:\/\/([^@/?]*)@/.exec(uri)?.[1];
  const password = userInfo?.includes(':') ? userInfo.slice(userInfo.indexOf(':') + 1) : undefined;
  const secrets = [userInfo, password, password && safeDecode(password)].filter((secret): secret is string => Boolean(secret));
  const redacted = secrets.reduce((result, secret) => result.split(secret).join('***'), text);
  return redacted.replace(/\s+/g, ' ').trim();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** One log line when the server goes away and one when it is back; the driver reconnects by itself. */
function reportReachability(client: MongoClient, where: string, log: Logger): void {
  let reachable = true;
  client.on('topologyDescriptionChanged', (event) => {
    const now = event.newDescription.hasKnownServers;
    if (now === reachable) return;
    reachable = now;
    if (now) log.info({ store: 'mongodb', server: where }, 'MongoDB reachable again');
    else log.warn({ store: 'mongodb', server: where }, 'MongoDB connection lost; operations fail until it is back');
  });
}
