import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginLimits {
  /** Failed attempts per username before it is blocked for `windowSeconds`. */
  perUsername: number;
  /** Failed attempts per client address, across usernames, before that address is blocked. */
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUsername: 5, perAddress: 20, windowSeconds: 15 * 60 };

/**
 * Counts failed logins per username (guessing one account's password) and per address (trying
 * many accounts). Only failures count, so a connector who logs in and out all day is never blocked.
 */
export class LoginLimiter {
  private readonly byUsername: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    this.byUsername = new RateLimiterMemory({ points: limits.perUsername, duration: limits.windowSeconds, blockDuration: limits.windowSeconds });
    this.byAddress = new RateLimiterMemory({ points: limits.perAddress, duration: limits.windowSeconds, blockDuration: limits.windowSeconds });
  }

  /** Seconds until this username and address may try again; 0 when they may try now. */
  async retryAfterSeconds(username: string, address: string): Promise<number> {
    const [user, client] = await Promise.all([this.byUsername.get(username), this.byAddress.get(address)]);
    return Math.max(blockedFor(user, this.byUsername.points), blockedFor(client, this.byAddress.points));
  }

  async recordFailure(username: string, address: string): Promise<void> {
    // consume rejects once the limit is passed; that is the block itself, not an error here.
    await Promise.allSettled([this.byUsername.consume(username), this.byAddress.consume(address)]);
  }

  async recordSuccess(username: string): Promise<void> {
    await this.byUsername.delete(username);
  }
}

function blockedFor(state: RateLimiterRes | null, points: number): number {
  if (!state || state.consumedPoints < points) return 0;
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}
