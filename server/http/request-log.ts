/**
 * One structured log line per request: method, path, status, duration, user. A request whose
 * client left mid-body (an aborted upload, common on a weak link) is one info line "upload
 * aborted", not an error with a stack: nothing on the server went wrong, and the phone retries.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { type Logger, round1 } from "../log";

/** Middleware logging every request after it is answered (query strings are left out: cursors are noise). */
export function requestLog(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const user = c.get("user") as { id: string } | undefined;
    log({
      msg: c.get("aborted") ? "upload aborted" : "request",
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: round1(performance.now() - started),
      ...(user ? { userId: user.id } : {}),
    });
  };
}
