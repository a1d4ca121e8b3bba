import { errorFields, type Logger } from '../log';
import type { RemovalReport, ResidentData } from './residentData';

const DAY_MS = 24 * 60 * 60 * 1000;

export function retentionCutoff(retentionDays: number, now: Date): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

export interface RetentionSchedule {
  /** One purge now, as the schedule runs it; tests call this instead of waiting. */
  runOnce(): Promise<RemovalReport>;
  /** Stops the timers and waits for a purge in progress, so the store is not closed under it. */
  stop(): Promise<void>;
}

/**
 * Purges what is past the retention period soon after start and then every few hours, on the one
 * instance that holds the timers' lease. It is needed because FerretDB has no TTL indexes; where
 * MongoDB has them they only make removal sooner. A failed purge is logged and tried again at the
 * next tick, never fatal.
 */
export function scheduleRetentionPurge(
  residents: ResidentData,
  options: {
    retentionDays: number;
    auditRetentionDays: number;
    log: Logger;
    now?: () => Date;
    firstDelayMs?: number;
    intervalMs?: number;
    /** Whether this instance runs the purge now (it holds the timers' lease); always by default. */
    runsHere?: () => boolean;
  },
): RetentionSchedule {
  const now = options.now ?? (() => new Date());
  let running: Promise<RemovalReport> | undefined;
  const runOnce = (): Promise<RemovalReport> => {
    // Overlapping purges would only race each other over the same rows.
    const at = now();
    running ??= residents.purgeOlderThan(retentionCutoff(options.retentionDays, at), retentionCutoff(options.auditRetentionDays, at)).finally(() => {
      running = undefined;
    });
    return running;
  };
  const tick = () => {
    if (options.runsHere && !options.runsHere()) return;
    runOnce().then(
      (removed) => options.log.info({ removed, retentionDays: options.retentionDays, auditRetentionDays: options.auditRetentionDays }, 'retention purge done'),
      (error: unknown) => options.log.error(errorFields(error), 'retention purge failed'),
    );
  };
  const first = setTimeout(tick, options.firstDelayMs ?? 30_000);
  const every = setInterval(tick, options.intervalMs ?? 6 * 60 * 60 * 1000);
  first.unref();
  every.unref();
  return {
    runOnce,
    stop: async () => {
      clearTimeout(first);
      clearInterval(every);
      await running?.catch(() => undefined);
    },
  };
}
