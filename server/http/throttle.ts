/**
 * Answers for the rate buckets (`auth/rate-limit.ts`): 429 `throttled` with a `Retry-After` in
 * whole seconds, never without one, so the app's scheduler knows when to come back.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Deps } from "../app-env";
import type { RateDecision } from "../auth/rate-limit";
import { ApiError } from "./errors";

/** Throw 429 with Retry-After (at least 1 s) when a bucket refused. */
export function throttleUnless(allowed: RateDecision): void {
  if (!allowed.ok) {
    throw new ApiError(429, "throttled", "too many requests; slow down", undefined, {
      "Retry-After": String(Math.max(1, allowed.retryAfterSeconds)),
    });
  }
}

/**
 * Middleware after `requireUser` on pull and totals: a token from the device's read bucket and
 * its user's ceiling. A GET carries no client id, so the device is its session (each device signs
 * in itself, and a session belongs to one user).
 */
export function throttleReads(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    throttleUnless(deps.readLimiter.take(c.get("user").id, c.get("sessionHash"), deps.config.now()));
    await next();
  };
}
