import type { Clock } from '../../adapters/clock.js';
import { AppError } from '../../errors.js';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per client address, in memory: `capacity` requests at once, refilled at `perSecond`. Enough
 * for one server; behind a proxy the address comes from the trusted X-Forwarded-For (config trustProxy).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    readonly capacity = 120,
    readonly perSecond = 2,
    /** Above this many addresses, full buckets are forgotten (they are the same as a new one). */
    private readonly maxEntries = 10_000,
  ) {}

  /** Takes one token for `key`, or throws 429 with Retry-After (seconds until a token is back). */
  take(key: string): void {
    const now = this.clock.now().getTime();
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    b.tokens = Math.min(this.capacity, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      const seconds = Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
      throw new AppError(
        'request.rate_limited',
        {},
        { retryAfterSeconds: seconds },
        { 'retry-after': String(seconds) },
      );
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > this.maxEntries) this.prune(now);
  }

  private prune(now: number): void {
    for (const [key, b] of this.buckets)
      if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.capacity) this.buckets.delete(key);
  }
}
