/**
 * Login throttle (DESIGN §7 "Sign-in security", superseding §2's per-username lock). A hard lock
 * per username let anyone lock the admin out by typing five wrong passwords, so the locks here
 * are felt only by the addresses that fail:
 * - a username from one address: after 5 failures within 15 minutes that address gets 429 for
 *   that username until the oldest counted failure leaves the window;
 * - an address: after 20 failures across usernames, 429 for everything from it;
 * - a username from everywhere: no refusal, but a growing wait before its password is checked
 *   (`userDelayMs`), so a spray from many addresses slows down while the right password from an
 *   address that is not throttled still signs in.
 * Failures are kept in the store, so a restart does not reset the count, and `npm run admin --
 * unlock-user` clears a username's. Attempts still being verified count as failures too
 * (login-gate.ts says why and keeps those counts).
 */
import type { Deps } from "../app-env";
import { ApiError } from "../http/errors";
import type { LoginFailureKey } from "../store/store";

/** Attempts in flight for the username from this address, and for the address, besides the one checked. */
export type InFlight = { pair: number; address: number };

/**
 * Throw 429 when the username-from-address's or the address's recorded failures plus its
 * attempts in flight reach the limit. Retry-After is the wait for a recorded failure to leave the
 * window, or 1 s when attempts in flight make up the count (their outcome is known within a
 * second or so).
 */
export async function checkLoginThrottle(
  deps: Pick<Deps, "store" | "config">,
  username: string,
  address: string,
  inFlight: InFlight = { pair: 0, address: 0 },
): Promise<void> {
  const { config, store } = deps;
  const now = config.now();
  const since = now - config.loginWindowMs;
  const limits: [keyof InFlight, LoginFailureKey, number][] = [
    ["pair", { username, address }, config.loginMaxFailuresPerUser],
    ["address", { address }, config.loginMaxFailuresPerAddress],
  ];
  let until = 0;
  let atOnce = false;
  for (const [by, key, max] of limits) {
    const busy = inFlight[by];
    if (busy >= max) {
      atOnce = true;
      continue;
    }
    const nth = await store.accounts.nthLoginFailure(key, since, max - busy);
    if (nth === undefined) continue;
    // With attempts in flight, the recorded failures may reach the limit on their own (another
    // server process counted them): then the wait is the window's, not a second.
    const own = busy === 0 ? nth : await store.accounts.nthLoginFailure(key, since, max);
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

/**
 * The wait before checking a password for `username`: none below the per-user limit of failures
 * (from all addresses) in the window, then `loginUserDelayMs`, doubling with each further limit's
 * worth of failures, at most `loginUserDelayMaxMs`.
 */
export async function userDelayMs(deps: Pick<Deps, "store" | "config">, username: string): Promise<number> {
  const { config, store } = deps;
  const step = config.loginMaxFailuresPerUser;
  const since = config.now() - config.loginWindowMs;
  let delay = 0;
  for (let n = step; delay < config.loginUserDelayMaxMs; n += step) {
    if ((await store.accounts.nthLoginFailure({ username }, since, n)) === undefined) break;
    delay = delay === 0 ? config.loginUserDelayMs : delay * 2;
  }
  return Math.min(delay, config.loginUserDelayMaxMs);
}

/** Forget failures that have left the window (they no longer count anywhere). */
export async function pruneLoginFailures(deps: Pick<Deps, "store" | "config">): Promise<void> {
  await deps.store.accounts.pruneLoginFailures(deps.config.now() - deps.config.loginWindowMs);
}
