/**
 * Headers and checks every response and state-changing request gets: the Content-Security-Policy
 * of DESIGN §3, no MIME sniffing, no referrer, HSTS over HTTPS; and a same-origin check against
 * cross-site request forgery (the session cookie is SameSite=Strict as well: two locks, either
 * one suffices).
 *
 * "Over HTTPS" means the socket is TLS, or the proxy in front says so and is trusted
 * (TRUST_PROXY=1). An X-Forwarded-Proto from an untrusted client proves nothing, so it is ignored.
 */
import type { Context, MiddlewareHandler } from "hono";
import { ApiError } from "./errors";

/** The policy: only this origin, no plugins, no <base>, never framed. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** One year, the usual HSTS lifetime; the site is HTTPS-only once deployed (README "Đưa lên máy chủ"). */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000";

/** True when the request arrived over HTTPS: a TLS socket, or a trusted proxy's X-Forwarded-Proto. */
export function requestIsHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  return trustProxy && c.req.header("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

/** Adds the security headers to every response (API, static files and errors alike). */
export function securityHeaders(trustProxy: boolean): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    c.res.headers.set("X-Content-Type-Options", "nosniff");
    c.res.headers.set("Referrer-Policy", "no-referrer");
    if (requestIsHttps(c, trustProxy)) c.res.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses (403) a state-changing request from another site: when the browser sends Origin, it
 * must be this request's own origin, scheme included (http://host is another origin than
 * https://host; the host is X-Forwarded-Host behind a trusted proxy, which may rewrite Host);
 * without Origin, Sec-Fetch-Site must not say cross-site. Non-browser clients (curl, the CLI)
 * send neither and pass.
 */
export function sameOrigin(trustProxy: boolean): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      const forwarded = trustProxy ? c.req.header("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
      const host = forwarded || c.req.header("host") || new URL(c.req.url).host;
      const scheme = requestIsHttps(c, trustProxy) ? "https:" : "http:";
      if (origin !== undefined) {
        if (normalOrigin(origin) !== normalOrigin(`${scheme}//${host}`)) {
          throw new ApiError(403, "cross-origin", "request from another origin refused");
        }
      } else if (c.req.header("sec-fetch-site") === "cross-site") {
        throw new ApiError(403, "cross-origin", "cross-site request refused");
      }
    }
    await next();
  };
}

/** scheme://host[:port] as URL writes it (lower case, default port dropped), or undefined for "null" and garbage. */
function normalOrigin(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    return u.host === "" ? undefined : `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}
