/**
 * Token buckets: `burst` requests at once, refilled at `perSecond`. `DeviceLimiter` keys them by
 * device (DESIGN §7): one bucket per client, bound to its user (the key holds both, so nobody
 * drains another user's bucket by naming its client id), and a per-user ceiling worth a few
 * devices, so a district officer's phone and laptop each get their own pace while one account
 * cannot multiply its rate by inventing client ids. State is in memory and lost on restart, which
 * only forgives a burst.
 */

/** Outcome of taking a token: allowed, or how many seconds until one is free (always ≥ 1). */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Buckets kept before the full ones are swept out (a full bucket is the same as none). */
const SWEEP_AT = 10_000;

/** In-memory token buckets, one per key. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {}

  /** Seconds until `key` has a token at time `now` (ms): 0 when it has one now. */
  wait(key: string, now: number): number {
    const tokens = this.refill(key, now).tokens;
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.perSecond));
  }

  /** Take one token for `key` at time `now` (ms). */
  take(key: string, now: number): RateDecision {
    const b = this.refill(key, now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond)) };
  }

  private refill(key: string, now: number): { tokens: number; at: number } {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= SWEEP_AT) this.sweep(now);
      b = { tokens: this.burst, at: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    return b;
  }

  private sweep(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(key);
    }
  }
}

/** A bucket per client of a user, under a ceiling per user worth `devicesPerUser` clients. */
export class DeviceLimiter {
  private readonly clients: RateLimiter;
  private readonly users: RateLimiter;

  constructor(burst: number, perSecond: number, devicesPerUser: number) {
    this.clients = new RateLimiter(burst, perSecond);
    this.users = new RateLimiter(burst * devicesPerUser, perSecond * devicesPerUser);
  }

  /** Whether the user's ceiling has a token, taking none (before the client is known: before a body is read). */
  checkUser(userId: string, now: number): RateDecision {
    const wait = this.users.wait(userId, now);
    return wait > 0 ? { ok: false, retryAfterSeconds: wait } : { ok: true };
  }

  /** Take a token from the user's ceiling only (a request that names no client: the handover upload). */
  takeUser(userId: string, now: number): RateDecision {
    return this.users.take(userId, now);
  }

  /** Take a token from both, or from neither: answers the longer wait when one is empty. */
  take(userId: string, clientKey: string, now: number): RateDecision {
    const key = `${userId}\n${clientKey}`;
    const wait = Math.max(this.users.wait(userId, now), this.clients.wait(key, now));
    if (wait > 0) return { ok: false, retryAfterSeconds: wait };
    this.users.take(userId, now);
    this.clients.take(key, now);
    return { ok: true };
  }
}
