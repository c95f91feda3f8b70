/**
 * A global limit on password checks running at once. One scrypt check at N=2^17 takes 128 MiB and
 * about a second on one of libuv's four threads, which static files and the file system share: 40
 * bad sign-ins in parallel made `GET /` take 14 s and the process grow to 579 MB. So at most
 * `running` checks run together (two threads stay free for everything else), a few more wait in
 * a short queue, and the rest are answered 503 with Retry-After at once: a sign-in that cannot be
 * checked soon is cheaper to retry than to hold.
 */
import { ApiError } from "../http/errors";

/** Runs password checks `running` at a time with at most `queued` waiting. */
export class PasswordChecks {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly running: number,
    private readonly queued: number,
  ) {}

  /** Run `check` when a place is free; throws 503 `busy` with Retry-After when the queue is full. */
  async run<T>(check: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.waiting.length >= this.queued) {
        throw new ApiError(503, "busy", "the server is checking too many passwords; try again shortly", undefined, {
          "Retry-After": "2",
        });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await check();
    } finally {
      // Hand the place straight to the next in line, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
