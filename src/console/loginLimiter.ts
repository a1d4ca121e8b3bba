import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginLimits {
  /** Attempts per username from one address: the connector at their own desk is never locked out by someone elsewhere. */
  perAccountAddress: number;
  /** Attempts per client address, across usernames (trying many accounts). */
  perAddress: number;
  /** Attempts per username from all addresses together (guessing from many machines); high, and a wait, not a lock. */
  perAccount: number;
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccountAddress: 5, perAddress: 20, perAccount: 50, windowSeconds: 15 * 60 };

/**
 * Login attempts are counted BEFORE the password is checked: of many guesses sent at once, no more
 * than the limit ever reach the hash. A success gives the account's points back; each block lasts one
 * window and then lifts by itself, so nobody can lock a connector out for good.
 */
export class LoginLimiter {
  private readonly perAccountAddress: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;
  private readonly perAccount: RateLimiterMemory;

  constructor(limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    const limiter = (points: number) => new RateLimiterMemory({ points, duration: limits.windowSeconds, blockDuration: limits.windowSeconds });
    this.perAccountAddress = limiter(limits.perAccountAddress);
    this.perAddress = limiter(limits.perAddress);
    this.perAccount = limiter(limits.perAccount);
  }

  /** Takes one attempt; 0 when the password may be checked, otherwise the seconds to wait. */
  async attempt(username: string, address: string): Promise<number> {
    const results = await Promise.allSettled([
      this.perAccountAddress.consume(`${username}|${address}`),
      this.perAddress.consume(address),
      this.perAccount.consume(username),
    ]);
    const refused = results.flatMap((result) => (result.status === 'rejected' && result.reason instanceof RateLimiterRes ? [result.reason] : []));
    if (results.some((result) => result.status === 'rejected' && !(result.reason instanceof RateLimiterRes))) throw new Error('login limiter failed');
    return refused.length === 0 ? 0 : Math.max(...refused.map((state) => Math.max(1, Math.ceil(state.msBeforeNext / 1000))));
  }

  /** A correct password: the account's own counts start again, and the address gets this attempt back. */
  async succeeded(username: string, address: string): Promise<void> {
    await Promise.all([this.perAccountAddress.delete(`${username}|${address}`), this.perAccount.delete(username), this.perAddress.reward(address, 1)]);
  }
}
