/**
 * Sign-in routes (DESIGN §2): login sets the session cookie and answers the profile the device
 * keeps offline; logout always answers 204; `me` (an extension) lets the app check its session.
 */
import { type Context, Hono } from "hono";
import * as z from "zod/mini";
import type { AppEnv, Deps } from "../app-env";
import { checkLoginThrottle, recordLoginFailure } from "../auth/login-throttle";
import { hashPassword, verifyPassword } from "../auth/password";
import { currentSession, endSession, startSession } from "../auth/sessions";
import { readJson } from "../http/body";
import { clientAddress } from "../http/client-address";
import { ApiError, invalidInput } from "../http/errors";
import { normalizeUsername, profileOf } from "../users";
import { LoginsInFlight } from "./login-inflight";

const loginInput = z.strictObject({
  username: z.string().check(z.minLength(1), z.maxLength(100)),
  password: z.string().check(z.minLength(1), z.maxLength(1000)),
});

/** Routes under /api/v1/auth. */
export function authRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Verifying against a throwaway hash for unknown usernames keeps their timing like a real miss.
  let dummyHash: Promise<string> | undefined;
  const dummy = () => {
    dummyHash ??= hashPassword("not a password", deps.config.scrypt);
    return dummyHash;
  };

  const inFlight = new LoginsInFlight();

  app.post("/login", async (c) => {
    const parsed = loginInput.safeParse(await readJson(c, deps.config.maxJsonBytes));
    if (!parsed.success) throw invalidInput(parsed.error.issues);
    const username = normalizeUsername(parsed.data.username);
    const address = clientAddress(c, deps.config.trustProxy);
    const keys = [`user:${username}`, `address:${address}`] as const;
    // Registered before any await, so concurrent attempts see each other (see login-inflight.ts).
    const [busyUser, busyAddress] = keys.map((k) => inFlight.enter(k)) as [number, number];
    try {
      return await login(c, username, address, parsed.data.password, busyUser, busyAddress);
    } finally {
      for (const k of keys) inFlight.leave(k);
    }
  });

  /** Throttle, verify, start the session; attempts already in flight count as failures. */
  async function login(
    c: Context<AppEnv>,
    username: string,
    address: string,
    password: string,
    busyUser: number,
    busyAddress: number,
  ): Promise<Response> {
    const { loginMaxFailuresPerUser: perUser, loginMaxFailuresPerAddress: perAddress } = deps.config;
    if (busyUser >= perUser || busyAddress >= perAddress) {
      throw new ApiError(429, "throttled", "too many sign-ins at once; try again shortly", undefined, {
        "Retry-After": "1",
      });
    }
    const config = {
      ...deps.config,
      loginMaxFailuresPerUser: perUser - busyUser,
      loginMaxFailuresPerAddress: perAddress - busyAddress,
    };
    await checkLoginThrottle({ ...deps, config }, username, address);
    const user = await deps.store.userByUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummy()));
    if (!user || !ok || user.disabled) {
      await recordLoginFailure(deps, username, address);
      throw new ApiError(401, "invalid-credentials", "wrong username or password, or the account is disabled");
    }
    await deps.store.clearLoginFailures(username);
    const expiresAt = await startSession(c, deps, user.id);
    return c.json({ user: profileOf(user), expiresAt: new Date(expiresAt).toISOString() });
  }

  app.post("/logout", async (c) => {
    await endSession(c, deps);
    return c.body(null, 204);
  });

  app.get("/me", async (c) => {
    const s = await currentSession(c, deps);
    if (!s) throw new ApiError(401, "unauthenticated", "sign in first");
    return c.json({ user: profileOf(s.user), expiresAt: new Date(s.expiresAt).toISOString() });
  });

  return app;
}
