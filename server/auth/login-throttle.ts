/**
 * Login throttle (DESIGN §2): after 5 failures for a username, or 20 from an address, within 15
 * minutes, login answers 429 with Retry-After until the oldest counted failure leaves the window.
 * Failures are kept in the store, so a restart does not reset the count.
 */
import type { Deps } from "../app-env";
import { ApiError } from "../http/errors";

/** Throw 429 when the username or the address has used up its failures. */
export async function checkLoginThrottle(deps: Deps, username: string, address: string): Promise<void> {
  const { config, store } = deps;
  const now = config.now();
  const since = now - config.loginWindowMs;
  const limits = [
    ["username", username, config.loginMaxFailuresPerUser],
    ["address", address, config.loginMaxFailuresPerAddress],
  ] as const;
  let until = 0;
  for (const [by, key, max] of limits) {
    const nth = await store.nthLoginFailure(by, key, since, max);
    if (nth !== undefined) until = Math.max(until, nth + config.loginWindowMs);
  }
  if (until > now) {
    const seconds = Math.max(1, Math.ceil((until - now) / 1000));
    throw new ApiError(429, "throttled", "too many failed sign-ins; try again later", undefined, {
      "Retry-After": String(seconds),
    });
  }
}

/** Count a failed login. */
export async function recordLoginFailure(deps: Deps, username: string, address: string): Promise<void> {
  const now = deps.config.now();
  await deps.store.pruneLoginFailures(now - deps.config.loginWindowMs);
  await deps.store.recordLoginFailure(username, address, now);
}
