/**
 * Sign-in attempts still being verified. The throttle (auth/login-throttle.ts) counts failures
 * already recorded, and a failure is recorded only after its scrypt check, so a burst of
 * concurrent attempts would all pass the check before any was counted: 200 parallel guesses at
 * one username were all verified (the fuzz found it). Counting attempts in flight as failures
 * closes that gap: a key's in-flight attempts plus its recorded failures never exceed its limit.
 */

/** In-flight attempt counts per key (a username or an address); one per app. */
export class LoginsInFlight {
  private readonly counts = new Map<string, number>();

  /** Register an attempt and answer how many others were in flight for the key when it arrived. */
  enter(key: string): number {
    const before = this.counts.get(key) ?? 0;
    this.counts.set(key, before + 1);
    return before;
  }

  /** The attempt is finished (success or failure recorded). */
  leave(key: string): void {
    const n = (this.counts.get(key) ?? 1) - 1;
    if (n <= 0) this.counts.delete(key);
    else this.counts.set(key, n);
  }
}
