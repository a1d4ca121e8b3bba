import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the compiled bot as its own process, as `npm start` does, and waits for /healthz. A process
 * cannot take an injected clock, so it is open around the clock: no reply depends on when tests run.
 */
export async function startBotProcess(env: Record<string, string>): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'index.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', OFFICE_HOURS: 'ma-zo 00:00-24:00', OFFICE_CLOSED_ON_HOLIDAYS: 'false', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${baseUrl}/healthz`)).ok, 15_000);
  return { child, baseUrl };
}

/** A bot process on a clock the test moves: it starts at `clockStart` and runs at the real pace, with short timers. */
export interface ClockedBot {
  child: ChildProcess;
  baseUrl: string;
  /** Moves the process's clock forward; resolves when the process has done so. */
  advance(ms: number): Promise<void>;
}

export async function startClockedBotProcess(env: Record<string, string>, clockStart: string, timers = { claimSweepMs: 200, leaseMs: 1500 }): Promise<ClockedBot> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'test', 'helpers', 'clockedBot.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      TEST_CLOCK_START: clockStart,
      TEST_CLAIM_SWEEP_MS: String(timers.claimSweepMs),
      TEST_LEASE_MS: String(timers.leaseMs),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`exited: ${stderr}`);
      return (await fetch(`${baseUrl}/healthz`)).ok;
    }, 15_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`bot process did not start: ${(error as Error).message} ${stderr}`);
  }
  return {
    child,
    baseUrl,
    advance: (ms) =>
      new Promise((resolve) => {
        const done = (message: { advanced?: number }) => {
          if (message?.advanced !== ms) return;
          child.off('message', done);
          resolve();
        };
        child.on('message', done);
        child.send({ advanceMs: ms });
      }),
  };
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });
}
