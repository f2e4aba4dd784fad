import type { RateLimitOptions } from "./options";

/** Most buckets kept; beyond it the least recently created are forgotten (they start full again). */
export const MAX_RATE_BUCKETS = 10_000;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** A token bucket per key: `burst` requests at once, refilled at `requestsPerSecond`. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimitOptions,
    private readonly now: () => number,
  ) {}

  /** Takes one token for `key`; returns 0 when allowed, else the seconds until one is available. */
  take(key: string): number {
    const bucket = this.refilled(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.secondsUntilToken(bucket);
  }

  /** Like {@link take} without taking: 0 when `key` has a token left. */
  wait(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const refreshed = this.refilled(key);
    return refreshed.tokens >= 1 ? 0 : this.secondsUntilToken(refreshed);
  }

  private refilled(key: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? this.create(key, now);
    const refill = ((now - bucket.updatedAt) / 1000) * this.limit.requestsPerSecond;
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + Math.max(0, refill));
    bucket.updatedAt = now;
    return bucket;
  }

  private secondsUntilToken(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.requestsPerSecond));
  }

  private create(key: string, now: number): Bucket {
    if (this.buckets.size >= MAX_RATE_BUCKETS) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    const bucket = { tokens: this.limit.burst, updatedAt: now };
    this.buckets.set(key, bucket);
    return bucket;
  }
}
