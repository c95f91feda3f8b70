/**
 * Sessions (DESIGN §3): a random 32-byte token in an HttpOnly, SameSite=Strict cookie `sid`
 * (Secure over HTTPS or behind a proxy saying so); the store keeps only its sha256. A session
 * dies after `sessionIdleMs` without use (sliding), when its user is disabled, or when the
 * password changes (those paths delete the user's sessions; the disabled check here is a
 * second lock).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv, Deps } from "../app-env";
import { ApiError } from "../http/errors";
import type { UserRecord } from "../store/store";

/** The session cookie's name. */
export const SESSION_COOKIE = "sid";

/** sha256 of a token, as stored. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** True when the request reached us over HTTPS, directly or through a proxy. */
function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto")?.split(",")[0] === "https";
}

function cookieOptions(c: Context) {
  return { httpOnly: true, sameSite: "Strict", path: "/", secure: isHttps(c) } as const;
}

/** Start a session for a user: store its hash, set the cookie, return when it expires. */
export async function startSession(c: Context, deps: Deps, userId: string): Promise<number> {
  const now = deps.config.now();
  const token = randomBytes(32).toString("base64url");
  await deps.store.deleteIdleSessions(now - deps.config.sessionIdleMs);
  await deps.store.createSession({ tokenHash: hashToken(token), userId, createdAt: now, lastSeenAt: now });
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(c), maxAge: Math.floor(deps.config.sessionIdleMs / 1000) });
  return now + deps.config.sessionIdleMs;
}

/** End the request's session, if any, and clear the cookie. */
export async function endSession(c: Context, deps: Deps): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await deps.store.deleteSession(hashToken(token));
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
}

/** The signed-in user of a request, or undefined; slides the idle expiry. */
export async function currentSession(
  c: Context,
  deps: Deps,
): Promise<{ user: UserRecord; tokenHash: string; expiresAt: number } | undefined> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return undefined;
  const tokenHash = hashToken(token);
  const session = await deps.store.session(tokenHash);
  if (!session) return undefined;
  const now = deps.config.now();
  const user = await deps.store.userById(session.userId);
  if (!user || user.disabled || now - session.lastSeenAt > deps.config.sessionIdleMs) {
    await deps.store.deleteSession(tokenHash);
    return undefined;
  }
  let lastSeenAt = session.lastSeenAt;
  if (now - lastSeenAt >= deps.config.sessionTouchMs) {
    lastSeenAt = now;
    await deps.store.touchSession(tokenHash, now);
    setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(c), maxAge: Math.floor(deps.config.sessionIdleMs / 1000) });
  }
  return { user, tokenHash, expiresAt: lastSeenAt + deps.config.sessionIdleMs };
}

/** Middleware: 401 without a live session; otherwise sets `user`, `sessionHash` and `expiresAt`. */
export function requireUser(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const s = await currentSession(c, deps);
    if (!s) throw new ApiError(401, "unauthenticated", "sign in first");
    c.set("user", s.user);
    c.set("sessionHash", s.tokenHash);
    c.set("expiresAt", s.expiresAt);
    await next();
  };
}

/** Middleware: 403 unless the signed-in user is an admin (use after `requireUser`). */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get("user").role !== "admin") throw new ApiError(403, "forbidden", "admins only");
  await next();
};
