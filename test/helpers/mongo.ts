import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { exited, freePort, ROOT } from './process';
import { removeDir, tempDir } from './tempDir';

const FERRETDB = path.join(ROOT, '.tools', 'ferretdb');
const BUILD_SCRIPT = path.join(ROOT, 'scripts', 'ferretdb-build.sh');

/** Where the MongoDB half of the tests runs: a real MongoDB given by MONGODB_URI, a FerretDB we start, or nowhere. */
export type MongoTarget = { kind: 'external'; uri: string } | { kind: 'ferretdb'; binary: string } | { kind: 'none'; reason: string };

let ferretDb: MongoTarget | undefined;

/** MONGODB_URI when set (anyone with a real MongoDB tests against it), else FerretDB. */
export function mongoTarget(): MongoTarget {
  const external = process.env.MONGODB_URI?.trim();
  return external ? { kind: 'external', uri: external } : ferretDbTarget();
}

/** FerretDB, built by the project's script when missing (once per test process). */
export function ferretDbTarget(): MongoTarget {
  if (ferretDb) return ferretDb;
  try {
    execFileSync('bash', [BUILD_SCRIPT], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    ferretDb = { kind: 'ferretdb', binary: FERRETDB };
  } catch (error) {
    const lines = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n') ?? [String(error)];
    const detail = lines.slice(-3).join(' / ');
    ferretDb = { kind: 'none', reason: `no MONGODB_URI and FerretDB could not be built (${detail})` };
  }
  return ferretDb;
}

/**
 * A describe block that runs against a MongoDB-compatible server started for it (or MONGODB_URI).
 * Without one it fails with the reason (never a silent skip), so the MongoDB half cannot go missing
 * unnoticed; `npm test` builds FerretDB first, so this only bites a bare `jest` run without Go.
 */
export function describeWithMongo(title: string, body: (server: MongoTestServer) => void, target: MongoTarget = mongoTarget()): void {
  if (target.kind === 'none') {
    describe(title, () => {
      it('has a MongoDB-compatible server to run against (set MONGODB_URI, or install Go for FerretDB)', () => {
        expect({ mongoServer: target.reason }).toEqual({ mongoServer: 'available' });
      });
    });
    return;
  }
  describe(title, () => {
    const server = new MongoTestServer(target);
    beforeAll(() => server.start(), 60_000);
    afterAll(() => server.stop(true));
    body(server);
  });
}

/** A MongoDB-compatible server for one test file: FerretDB on SQLite on a free loopback port in a temporary folder, or MONGODB_URI. */
export class MongoTestServer {
  readonly kind: 'external' | 'ferretdb';
  private child?: ChildProcess;
  private dir?: string;
  private port?: number;
  private stderr = '';
  private readonly databases = new Set<string>();

  constructor(private readonly target: Exclude<MongoTarget, { kind: 'none' }>) {
    this.kind = target.kind;
  }

  get uri(): string {
    if (this.target.kind === 'external') return this.target.uri;
    if (!this.port) throw new Error('FerretDB is not started');
    return `mongodb://127.0.0.1:${this.port}/`;
  }

  /** A database of its own for each test, so tests never see each other's data. */
  newDatabaseName(prefix = 't'): string {
    const name = `wvtest_${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
    this.databases.add(name);
    return name;
  }

  /** Starts FerretDB (again on the same port and folders after stop(false)) and waits until it answers ping. */
  async start(): Promise<void> {
    if (this.target.kind === 'external') return this.waitForPing(10_000);
    this.dir ??= tempDir('wijkverbinder-ferretdb-');
    this.port ??= await freePort();
    const data = path.join(this.dir, 'data');
    const state = path.join(this.dir, 'state');
    fs.mkdirSync(data, { recursive: true });
    fs.mkdirSync(state, { recursive: true });
    this.stderr = '';
    const child = spawn(
      this.target.binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${data}/`,
        `--listen-addr=127.0.0.1:${this.port}`,
        `--state-dir=${state}`,
        '--debug-addr=-',
        '--telemetry=disable',
        '--log-level=error',
      ],
      // A clean environment: FERRETDB_* variables of the machine must not change the server under test.
      { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.child = child;
    try {
      await this.waitForPing(20_000);
    } catch (error) {
      await this.stop(false);
      throw new Error(`FerretDB did not answer on port ${this.port}: ${(error as Error).message}\n${this.stderr}`);
    }
  }

  /** Stops FerretDB; `cleanUp` also removes its folder (and, on an external server, the test databases). */
  async stop(cleanUp: boolean): Promise<void> {
    if (this.target.kind === 'external') {
      if (cleanUp) await this.dropTestDatabases();
      return;
    }
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(killer);
    }
    if (cleanUp && this.dir) {
      removeDir(this.dir);
      this.dir = undefined;
    }
  }

  private async waitForPing(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const client = new MongoClient(this.uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
      try {
        await client.db('admin').command({ ping: 1 });
        return;
      } catch (error) {
        if (this.child && this.child.exitCode !== null) throw new Error(`FerretDB exited with code ${this.child.exitCode}`);
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        await client.close();
      }
    }
  }

  private async dropTestDatabases(): Promise<void> {
    const client = new MongoClient(this.uri, { serverSelectionTimeoutMS: 5000 });
    try {
      for (const name of this.databases) await client.db(name).dropDatabase();
    } finally {
      await client.close();
    }
  }
}
