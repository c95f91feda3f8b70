/**
 * Sessions (DESIGN §3): a random 32-byte token in an HttpOnly, SameSite=Strict cookie `sid`
 * (Secure whenever the request came over HTTPS: a TLS socket or a trusted proxy saying so); the
 * store keeps only its sha256. A session dies after `sessionIdleMs` without use (sliding), at
 * the latest `sessionMaxMs` after sign-in however much it is used (a stolen cookie does not live
 * for ever), when its user is disabled, or when the password changes (those paths delete the
 * user's sessions; the disabled check here is a second lock).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv, Deps } from "../app-env";
import { ApiError } from "../http/errors";
import { requestIsHttps } from "../http/security";
import type { UserRecord } from "../store/store";

/** The session cookie's name. */
export const SESSION_COOKIE = "sid";

/** sha256 of a token, as stored. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function cookieOptions(c: Context, deps: Pick<Deps, "config">) {
  return { httpOnly: true, sameSite: "Strict", path: "/", secure: requestIsHttps(c, deps.config.trustProxy) } as const;
}

/** When a session seen at `lastSeenAt` and started at `createdAt` expires: idle limit or absolute limit. */
function expiryOf(deps: Pick<Deps, "config">, createdAt: number, lastSeenAt: number): number {
  return Math.min(lastSeenAt + deps.config.sessionIdleMs, createdAt + deps.config.sessionMaxMs);
}

/** The cookie's Max-Age for a session expiring at `expiresAt`. */
function maxAge(deps: Pick<Deps, "config">, expiresAt: number): number {
  return Math.max(0, Math.floor((expiresAt - deps.config.now()) / 1000));
}

/** Start a session for a user: store its hash, set the cookie, return when it expires. */
export async function startSession(c: Context, deps: Deps, userId: string): Promise<number> {
  const now = deps.config.now();
  const token = randomBytes(32).toString("base64url");
  await deps.store.accounts.deleteIdleSessions(now - deps.config.sessionIdleMs);
  await deps.store.accounts.createSession({ tokenHash: hashToken(token), userId, createdAt: now, lastSeenAt: now });
  const expiresAt = expiryOf(deps, now, now);
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(c, deps), maxAge: maxAge(deps, expiresAt) });
  return expiresAt;
}

/** End the request's session, if any, and clear the cookie. */
export async function endSession(c: Context, deps: Deps): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await deps.store.accounts.deleteSession(hashToken(token));
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c, deps));
}

/** The signed-in user of a request, or undefined; slides the idle expiry. */
export async function currentSession(
  c: Context,
  deps: Deps,
): Promise<{ user: UserRecord; tokenHash: string; expiresAt: number } | undefined> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return undefined;
  const tokenHash = hashToken(token);
  const session = await deps.store.accounts.session(tokenHash);
  if (!session) return undefined;
  const now = deps.config.now();
  const user = await deps.store.accounts.userById(session.userId);
  if (!user || user.disabled || now > expiryOf(deps, session.createdAt, session.lastSeenAt)) {
    await deps.store.accounts.deleteSession(tokenHash);
    return undefined;
  }
  let lastSeenAt = session.lastSeenAt;
  if (now - lastSeenAt >= deps.config.sessionTouchMs) {
    lastSeenAt = now;
    await deps.store.accounts.touchSession(tokenHash, now);
    const expiresAt = expiryOf(deps, session.createdAt, lastSeenAt);
    setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(c, deps), maxAge: maxAge(deps, expiresAt) });
  }
  return { user, tokenHash, expiresAt: expiryOf(deps, session.createdAt, lastSeenAt) };
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
