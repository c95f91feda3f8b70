/**
 * The per-address cap behind a reverse proxy. Without a proxy, `listen.ts` closes sockets beyond
 * a number from one address; behind one (TRUST_PROXY) every socket is the proxy's, so that cap
 * cannot tell clients apart and is off. This counts requests in the server per client address
 * instead (the proxy's X-Forwarded-For; an IPv6 /64 counts as one), and answers the ones over the
 * cap 503 `busy` with Retry-After at once: one address flooding the proxy with parallel requests
 * cannot hold every place in the server while the others wait.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { clientAddress } from "./client-address";
import { errorBody } from "./errors";

/** Middleware: at most `max` requests of one client address in the server at once. */
export function requestsPerAddress(max: number): MiddlewareHandler<AppEnv> {
  const inFlight = new Map<string, number>();
  return async (c, next) => {
    const key = clientAddress(c, true);
    const n = (inFlight.get(key) ?? 0) + 1;
    if (n > max) {
      c.header("Retry-After", "2");
      return c.json(errorBody("busy", `more than ${max} requests at once from one address; try again shortly`), 503);
    }
    inFlight.set(key, n);
    try {
      await next();
    } finally {
      const left = (inFlight.get(key) ?? 1) - 1;
      if (left > 0) inFlight.set(key, left);
      else inFlight.delete(key);
    }
  };
}
