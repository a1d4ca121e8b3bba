import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import { KeyedLock } from '../../instances/keyedLock';
import type { KeyGuard } from '../../instances/ports';
import type { GuardDoc } from './collections';
import { insertUnique } from './uniqueInsert';

export interface MongoKeyGuardOptions {
  now: () => Date;
  /** A guard whose holder died is taken over after this long. */
  holdMs?: number;
  /** How long a task waits for the guard before it fails. */
  waitMs?: number;
}

const FIRST_RETRY_MS = 5;
const LONGEST_RETRY_MS = 100;

/**
 * One task at a time per key across instances: in this process through a queue per key (so the
 * store is not asked again and again by tasks of the same process), and between processes by a
 * unique insert of the key into `guards`. A guard left by a process that died is taken over once
 * it is past its time; the takeover removes only that guard (matched by its token).
 */
export class MongoKeyGuard implements KeyGuard {
  private readonly inProcess = new KeyedLock();
  private readonly holdMs: number;
  private readonly waitMs: number;

  constructor(
    private readonly guards: Collection<GuardDoc>,
    private readonly options: MongoKeyGuardOptions,
  ) {
    this.holdMs = options.holdMs ?? 60_000;
    this.waitMs = options.waitMs ?? 15_000;
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.inProcess.run(key, async () => {
      const token = await this.take(key);
      try {
        return await task();
      } finally {
        await this.guards.deleteOne({ _id: key, token }).catch(() => undefined);
      }
    });
  }

  private async take(key: string): Promise<string> {
    const token = randomUUID();
    const deadline = Date.now() + this.waitMs;
    for (let delay = FIRST_RETRY_MS; ; delay = Math.min(delay * 2, LONGEST_RETRY_MS)) {
      if (await insertUnique(this.guards, { _id: key, token, until: new Date(this.options.now().getTime() + this.holdMs) })) return token;
      const held = await this.guards.findOne({ _id: key });
      if (held && held.until <= this.options.now()) {
        await this.guards.deleteOne({ _id: key, token: held.token });
        continue;
      }
      if (Date.now() > deadline) throw new Error('guard not free in time');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
