/**
 * Admin API (DESIGN §2): users under /api/v1/admin, plus read-only catalog views (units and
 * campaigns) under /api/v1 for the admin screens. Everything here answers 403 to non-admins.
 */
import { Hono } from "hono";
import type { AppEnv, Deps } from "../app-env";
import { requireAdmin, requireUser } from "../auth/sessions";
import { readJson } from "../http/body";
import { createUser, publicUser, type UserDeps, updateUser } from "../users";

/** Routes under /api/v1/admin. */
export function adminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("*", requireUser(deps), requireAdmin);
  const userDeps = async (): Promise<UserDeps> => ({
    store: deps.store,
    scrypt: deps.config.scrypt,
    tree: (await deps.catalog.current()).tree,
  });

  app.get("/users", async (c) => c.json({ users: (await deps.store.users()).map(publicUser) }));

  app.post("/users", async (c) => {
    const user = await createUser(await userDeps(), await readJson(c, deps.config.maxJsonBytes));
    deps.config.log({ msg: "user created", by: c.get("user").id, userId: user.id, role: user.role });
    return c.json(publicUser(user), 201);
  });

  app.patch("/users/:id", async (c) => {
    const body = await readJson(c, deps.config.maxJsonBytes);
    const user = await updateUser(await userDeps(), c.req.param("id"), body, c.get("user").id);
    deps.config.log({ msg: "user updated", by: c.get("user").id, userId: user.id, fields: Object.keys(body ?? {}) });
    return c.json(publicUser(user));
  });

  return app;
}

/** Read-only catalog routes under /api/v1 (admins only). */
export function catalogRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = [requireUser(deps), requireAdmin] as const;

  app.get("/units", ...guard, async (c) => {
    const view = await deps.catalog.current();
    const body: { sample: boolean; description?: string; units: typeof view.units } = {
      sample: view.sample,
      units: view.units,
    };
    if (view.description !== undefined) body.description = view.description;
    return c.json(body);
  });

  app.get("/campaigns", ...guard, async (c) => c.json({ campaigns: (await deps.catalog.current()).campaigns }));

  return app;
}
