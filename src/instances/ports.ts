/**
 * What several instances of the bot share through the store: events, leases for the timers, and a
 * guard per key (a case). The embedded store has in-process versions (one instance only); MongoDB
 * has versions that work across processes.
 */

/** One event as every instance receives it: `id` orders events and tells a redelivery from a new one. */
export interface BusEvent<T = unknown> {
  id: number;
  topic: string;
  payload: T;
}

export type BusListener<T = unknown> = (event: BusEvent<T>) => void;

export interface PublishOptions {
  /** What the event is about (a case, a conversation): `forget(scope)` removes stored events of it (erasure). */
  scope?: string;
}

/** How the event channel is doing, for the health check. */
export interface BusHealth {
  mode: 'in-process' | 'polling' | 'change-stream';
  ok: boolean;
  /** When the last read of the shared event log succeeded (ISO time); absent in-process. */
  lastReadAt?: string;
}

/**
 * Events to every instance, this one included, each at least once and in the order of their ids;
 * a listener never sees the same id twice. `publish` resolves when the event is stored (so every
 * other instance will see it) and after the local listeners had it.
 */
export interface EventBus {
  publish<T>(topic: string, payload: T, options?: PublishOptions): Promise<BusEvent<T>>;
  subscribe<T>(topic: string, listener: BusListener<T>): () => void;
  /** Removes stored events about `scope`, so an erased resident's words do not linger in the event log. */
  forget(scope: string): Promise<void>;
  /** Removes stored events older than `before` (every instance has long read them). */
  prune(before: Date): Promise<number>;
  health(): BusHealth;
  close(): Promise<void>;
}

/** A named right to run something alone across instances (the claim sweep, the retention purge), for a while. */
export interface Leases {
  /** Takes the lease, or renews it when this instance holds it; true while this instance holds it until `until`. */
  acquire(name: string, holder: string, until: Date): Promise<boolean>;
  /** Gives the lease up (at shutdown), so another instance need not wait for it to expire. */
  release(name: string, holder: string): Promise<void>;
}

/** Runs one task at a time per key, across every instance on the store. */
export interface KeyGuard {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}
