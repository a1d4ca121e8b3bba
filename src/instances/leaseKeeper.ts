import { errorFields, type Logger } from '../log';
import type { Leases } from './ports';

export interface LeaseKeeperOptions {
  name: string;
  /** This instance, as the lease records its holder. */
  holder: string;
  /** How long a taken lease lasts without renewal: after a crash, the longest the timers pause. */
  leaseMs: number;
  now: () => Date;
  log: Logger;
}

/**
 * Keeps trying to take one lease and renews it while it has it, three times per lease length, so a
 * holder that misses one renewal keeps it. Timers that must run once across instances (the claim
 * sweep, the retention purge) ask `holds()` before every run.
 */
export class LeaseKeeper {
  private heldUntil = 0;
  private readonly timer: NodeJS.Timeout;
  private renewing: Promise<void> | undefined;

  constructor(
    private readonly leases: Leases,
    private readonly options: LeaseKeeperOptions,
  ) {
    this.timer = setInterval(() => void this.renew(), Math.max(1, Math.floor(options.leaseMs / 3)));
    this.timer.unref();
  }

  holds(): boolean {
    return this.heldUntil > this.options.now().getTime();
  }

  /** One attempt to take or renew the lease now; the timer calls it, and start-up once. */
  renew(): Promise<void> {
    this.renewing ??= this.attempt().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.renewing;
    if (!this.holds()) return;
    this.heldUntil = 0;
    await this.leases.release(this.options.name, this.options.holder).catch((error: unknown) => this.options.log.warn({ ...errorFields(error) }, 'lease not released'));
  }

  private async attempt(): Promise<void> {
    const until = this.options.now().getTime() + this.options.leaseMs;
    const had = this.holds();
    try {
      const held = await this.leases.acquire(this.options.name, this.options.holder, new Date(until));
      this.heldUntil = held ? until : 0;
      if (held !== had) this.options.log.info({ lease: this.options.name, held }, held ? 'lease taken' : 'lease lost');
    } catch (error) {
      // Without the store nobody can renew: keep what is left of the current term, then stop.
      this.options.log.warn({ ...errorFields(error), lease: this.options.name }, 'lease not renewed');
    }
  }
}
