/**
 * Headers and checks every response and state-changing request gets: the Content-Security-Policy
 * of DESIGN §3, no MIME sniffing, no referrer; and a same-origin check against cross-site request
 * forgery (the session cookie is SameSite=Strict as well: two locks, either one suffices).
 */
import type { MiddlewareHandler } from "hono";
import { ApiError } from "./errors";

/** The policy: only this origin, no plugins, no <base>, never framed. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Adds the security headers to every response (API, static files and errors alike). */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  c.res.headers.set("X-Content-Type-Options", "nosniff");
  c.res.headers.set("Referrer-Policy", "no-referrer");
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses (403) a state-changing request from another site: when the browser sends Origin, its
 * host must be this request's Host (X-Forwarded-Host behind a trusted proxy, which may rewrite
 * Host); without Origin, Sec-Fetch-Site must not say cross-site. Non-browser clients (curl, the
 * CLI) send neither and pass.
 */
export function sameOrigin(trustProxy: boolean): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      const forwarded = trustProxy ? c.req.header("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
      const host = forwarded || c.req.header("host") || new URL(c.req.url).host;
      if (origin !== undefined) {
        if (originHost(origin) !== host.toLowerCase()) {
          throw new ApiError(403, "cross-origin", "request from another origin refused");
        }
      } else if (c.req.header("sec-fetch-site") === "cross-site") {
        throw new ApiError(403, "cross-origin", "cross-site request refused");
      }
    }
    await next();
  };
}

/** The host[:port] of an Origin header, or undefined for "null" and garbage. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}
