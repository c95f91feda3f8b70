/**
 * Sign-in routes (DESIGN §2): login sets the session cookie and answers the profile the device
 * keeps offline; logout always answers 204; `me` (an extension) lets the app check its session.
 */
import { Hono } from "hono";
import * as z from "zod/mini";
import type { AppEnv, Deps } from "../app-env";
import { LoginGate } from "../auth/login-gate";
import { hashPassword, verifyPassword } from "../auth/password";
import { PasswordChecks } from "../auth/password-checks";
import { currentSession, endSession, startSession } from "../auth/sessions";
import { readJson } from "../http/body";
import { clientAddress } from "../http/client-address";
import { ApiError, invalidInput } from "../http/errors";
import { normalizeUsername, profileOf } from "../users";

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

  const gate = new LoginGate(deps);
  const checks = new PasswordChecks(deps.config.passwordChecksRunning, deps.config.passwordChecksQueued);

  app.post("/login", async (c) => {
    const parsed = loginInput.safeParse(await readJson(c, deps.config.maxJsonBytes));
    if (!parsed.success) throw invalidInput(parsed.error.issues);
    const username = normalizeUsername(parsed.data.username);
    const attempt = await gate.admit(username, clientAddress(c, deps.config.trustProxy));
    try {
      const user = await deps.store.accounts.userByUsername(username);
      const hash = user?.passwordHash ?? (await dummy());
      const ok = await checks.run(() => verifyPassword(parsed.data.password, hash));
      if (!user || !ok || user.disabled) {
        await gate.failed(attempt);
        throw new ApiError(401, "invalid-credentials", "wrong username or password, or the account is disabled");
      }
      await gate.succeeded(attempt);
      const expiresAt = await startSession(c, deps, user.id);
      return c.json({ user: profileOf(user), expiresAt: new Date(expiresAt).toISOString() });
    } finally {
      gate.settle(attempt);
    }
  });

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
