import type { KeyGuard } from './ports';

/**
 * Runs one task at a time per key, in order of arrival, within one process (the embedded store's
 * KeyGuard; MongoKeyGuard adds the guard between processes). Cases are replaced whole and FerretDB has
 * no atomic update, so every read-change-write of a case by the handoff core goes through here.
 */
export class KeyedLock implements KeyGuard {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
