import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const LOCK_FILE = 'instance.lock';
// The holder rewrites the file this often; a file older than STALE_MS was left by a process that is gone.
const REFRESH_MS = 10_000;
const STALE_MS = 3 * REFRESH_MS;

const lockSchema = z.object({ pid: z.number().int(), host: z.string() });

export interface InstanceLock {
  release(): void;
}

/**
 * The embedded store serves one bot process: a second process on the same data folder would keep
 * its own console sessions, events and timers. The first one to start writes `instance.lock` and
 * keeps it fresh; another process that finds a fresh lock of a living process refuses to start,
 * with a one-line reason. One-shot tools (export, connector accounts) do not take it.
 */
export function takeInstanceLock(dataDir: string): InstanceLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const mine = { pid: process.pid, host: os.hostname() };
  const write = () => fs.writeFileSync(file, JSON.stringify(mine));
  // Created exclusively, so of two processes starting at the same moment exactly one gets it.
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = currentHolder(file);
      if (holder && holder.pid === mine.pid && holder.host === mine.host) break;
      if (holder || attempt > 0) {
        const who = holder ? `pid ${holder.pid} on ${holder.host}` : 'another process';
        throw new Error(`another Wijkverbinder process (${who}) already uses ${dataDir}; the embedded store serves one instance: stop it, or set MONGODB_URI to run several`);
      }
      // Left by a process that is gone: take it over.
      fs.rmSync(file, { force: true });
    }
  }
  const refresh = setInterval(write, REFRESH_MS);
  refresh.unref();
  return {
    release() {
      clearInterval(refresh);
      if (currentHolder(file)?.pid === mine.pid) fs.rmSync(file, { force: true });
    },
  };
}

function currentHolder(file: string): z.infer<typeof lockSchema> | undefined {
  let stat: fs.Stats;
  let text: string;
  try {
    stat = fs.statSync(file);
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let parsed: ReturnType<typeof lockSchema.safeParse>;
  try {
    parsed = lockSchema.safeParse(JSON.parse(text));
  } catch {
    return undefined;
  }
  if (!parsed.success || Date.now() - stat.mtimeMs > STALE_MS) return undefined;
  if (parsed.data.host === os.hostname() && !alive(parsed.data.pid)) return undefined;
  return parsed.data;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
