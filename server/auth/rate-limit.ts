/** A token bucket per key (the push throttle): `burst` requests at once, refilled at `perSecond`. */

/** Outcome of taking a token: allowed, or how many seconds until one is free. */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** In-memory token buckets; state is lost on restart, which only forgives a burst. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {}

  /** Take one token for `key` at time `now` (ms). */
  take(key: string, now: number): RateDecision {
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond)) };
  }
}
