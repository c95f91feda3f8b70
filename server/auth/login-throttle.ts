/**
 * Login throttle (DESIGN §2): after 5 failures for a username, or 20 from an address, within 15
 * minutes, login answers 429 with Retry-After until the oldest counted failure leaves the window.
 * Failures are kept in the store, so a restart does not reset the count. Attempts still being
 * verified count as failures too (login-gate.ts says why and keeps those counts).
 */
import type { Deps } from "../app-env";
import { ApiError } from "../http/errors";

/** Attempts in flight for the username and for the address, besides the one being checked. */
export type InFlight = { username: number; address: number };

/**
 * Throw 429 when the username's or the address's recorded failures plus its attempts in flight
 * reach the limit. Retry-After is the wait for a recorded failure to leave the window, or 1 s
 * when attempts in flight make up the count (their outcome is known within a second or so).
 */
export async function checkLoginThrottle(
  deps: Pick<Deps, "store" | "config">,
  username: string,
  address: string,
  inFlight: InFlight = { username: 0, address: 0 },
): Promise<void> {
  const { config, store } = deps;
  const now = config.now();
  const since = now - config.loginWindowMs;
  const limits = [
    ["username", username, config.loginMaxFailuresPerUser],
    ["address", address, config.loginMaxFailuresPerAddress],
  ] as const;
  let until = 0;
  let atOnce = false;
  for (const [by, key, max] of limits) {
    const busy = inFlight[by];
    if (busy >= max) {
      atOnce = true;
      continue;
    }
    const nth = await store.nthLoginFailure(by, key, since, max - busy);
    if (nth === undefined) continue;
    // With attempts in flight, the recorded failures may reach the limit on their own (another
    // server process counted them): then the wait is the window's, not a second.
    const own = busy === 0 ? nth : await store.nthLoginFailure(by, key, since, max);
    if (own !== undefined) until = Math.max(until, own + config.loginWindowMs);
    else atOnce = true;
  }
  if (until > now) {
    const seconds = Math.max(1, Math.ceil((until - now) / 1000));
    throw new ApiError(429, "throttled", "too many failed sign-ins; try again later", undefined, {
      "Retry-After": String(seconds),
    });
  }
  if (atOnce) {
    throw new ApiError(429, "throttled", "too many sign-ins at once; try again shortly", undefined, {
      "Retry-After": "1",
    });
  }
}

/** Forget failures that have left the window (they no longer count anywhere). */
export async function pruneLoginFailures(deps: Pick<Deps, "store" | "config">): Promise<void> {
  await deps.store.pruneLoginFailures(deps.config.now() - deps.config.loginWindowMs);
}
