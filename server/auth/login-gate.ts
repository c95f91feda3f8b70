/**
 * Which sign-in attempts may go on to the password check.
 *
 * The throttle (login-throttle.ts) counts failures already recorded, and a failure is recorded
 * only after its scrypt check, so a burst of concurrent attempts would all pass the check before
 * any was counted: 200 parallel guesses at one username were all verified (the fuzz found it).
 * The gate therefore counts attempts still in flight as if they had failed.
 *
 * The counts are kept per username-from-address ("pair") and per address, the two limits that
 * refuse (login-throttle.ts). The count must be exact, not just safe. A failing attempt writes its
 * failure and then leaves the in-flight count; a check that read the stored failures after the
 * write but the in-flight count before the leave would count that attempt twice and refuse an
 * attempt the limit allows. In a burst from one address that left only 19 failures recorded, so
 * the 21st attempt got through (CI caught it on PostgreSQL). So "check and enter" and "record and
 * leave" hold the locks of the attempt's pair and address: each sees the other whole wherever
 * their keys meet. The locks are taken in one order (pair, then address), so no two attempts
 * wait on each other in a cycle; they are held for the store's small queries only, never for the
 * per-user wait or the scrypt check, and a spray of guesses at other names and addresses never
 * queues a genuine sign-in.
 *
 * In-flight counts are per process; with several servers the stored failures are still shared.
 */
import { Mutex } from "async-mutex";
import type { Deps } from "../app-env";
import { checkLoginThrottle, pruneLoginFailures, userDelayMs } from "./login-throttle";

/** An attempt let through the gate; settle it exactly once. */
export type Attempt = { readonly username: string; readonly address: string; settled: boolean };

/** One per app: the in-flight attempts per username and per address, and the lock described above. */
export class LoginGate {
  private readonly inFlight = new Map<string, number>();
  private readonly locks = new Map<string, Mutex>();

  constructor(private readonly deps: Pick<Deps, "store" | "config">) {}

  /**
   * Let the attempt through, or throw 429 when its failures and in-flight attempts reach a limit.
   * A username with many recent failures is let through only after its growing wait.
   */
  async admit(username: string, address: string): Promise<Attempt> {
    const attempt = await this.exclusive(username, address, async () => {
      const busy = { pair: this.count(pairKey(username, address)), address: this.count(addressKey(address)) };
      await checkLoginThrottle(this.deps, username, address, busy);
      this.add(username, address, 1);
      return { username, address, settled: false };
    });
    try {
      const wait = await userDelayMs(this.deps, username);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    } catch (err) {
      this.settle(attempt);
      throw err;
    }
    return attempt;
  }

  /** The password was wrong (or the user unknown or disabled): record the failure, then leave. */
  async failed(attempt: Attempt): Promise<void> {
    // Only failures already out of the window go, so this needs no lock.
    await pruneLoginFailures(this.deps);
    await this.exclusive(attempt.username, attempt.address, async () => {
      try {
        await this.deps.store.accounts.recordLoginFailure(attempt.username, attempt.address, this.deps.config.now());
      } finally {
        this.settle(attempt);
      }
    });
  }

  /**
   * The password was right: forget the username's failures from this address, then leave. Other
   * addresses' failures stay, so a right sign-in here does not hand a guesser elsewhere new tries.
   */
  succeeded(attempt: Attempt): Promise<void> {
    return this.exclusive(attempt.username, attempt.address, async () => {
      try {
        await this.deps.store.accounts.clearLoginFailures(attempt.username, attempt.address);
      } finally {
        this.settle(attempt);
      }
    });
  }

  /** Leave without an outcome (the attempt threw); does nothing once settled. */
  settle(attempt: Attempt): void {
    if (attempt.settled) return;
    attempt.settled = true;
    this.add(attempt.username, attempt.address, -1);
  }

  /** Run `work` holding the pair's lock, then the address's; a lock nobody holds or awaits is dropped. */
  private async exclusive<T>(username: string, address: string, work: () => Promise<T>): Promise<T> {
    const held: [string, Mutex][] = [];
    try {
      for (const key of [pairKey(username, address), addressKey(address)]) {
        const lock = this.locks.get(key) ?? new Mutex();
        this.locks.set(key, lock);
        await lock.acquire();
        held.push([key, lock]);
      }
      return await work();
    } finally {
      for (const [key, lock] of held.reverse()) {
        lock.release();
        if (!lock.isLocked() && this.locks.get(key) === lock) this.locks.delete(key);
      }
    }
  }

  private count(key: string): number {
    return this.inFlight.get(key) ?? 0;
  }

  private add(username: string, address: string, by: 1 | -1): void {
    for (const key of [pairKey(username, address), addressKey(address)]) {
      const n = this.count(key) + by;
      if (n <= 0) this.inFlight.delete(key);
      else this.inFlight.set(key, n);
    }
  }
}

const pairKey = (username: string, address: string) => `pair:${address} ${username}`;
const addressKey = (address: string) => `address:${address}`;
