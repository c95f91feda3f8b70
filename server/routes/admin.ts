/**
 * Admin API (DESIGN §2, §6, §7): users, campaigns and the unit file under /api/v1/admin, plus the
 * older read-only catalog views under /api/v1. Everything here answers 401 without a session and
 * 403 to non-admins. A campaign or unit file is replaced whole: 400 `invalid` (with the path),
 * 409 `in-use` (with every problem) when it would change what stored entries count.
 */
import { type Context, Hono } from "hono";
import type { AppEnv, Deps } from "../app-env";
import { requireAdmin, requireUser } from "../auth/sessions";
import { ImportError, importCampaign, importUnits } from "../catalog-import";
import { readJson } from "../http/body";
import { ApiError } from "../http/errors";
import { createUser, publicUser, type UserDeps, updateUser } from "../users";

/** An import refusal as the API answers it. */
function refusal(err: ImportError): ApiError {
  const [first = "refused"] = err.problems;
  return err.kind === "in-use"
    ? new ApiError(409, "in-use", first, undefined, {}, err.problems)
    : new ApiError(400, "invalid", first, err.path, {}, err.problems);
}

/** Run an import, turning its refusal into the API's error. */
async function importing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw err instanceof ImportError ? refusal(err) : err;
  }
}

/** The unit file as the admin routes answer it. */
async function unitsAnswer(deps: Deps, c: Context<AppEnv>) {
  const view = await deps.catalog.current();
  const body: { sample: boolean; description?: string; units: typeof view.units } = {
    sample: view.sample,
    units: view.units,
  };
  if (view.description !== undefined) body.description = view.description;
  return c.json(body);
}

/** Routes under /api/v1/admin. */
export function adminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("*", requireUser(deps), requireAdmin);
  const userDeps = async (): Promise<UserDeps> => ({
    store: deps.store,
    scrypt: deps.config.scrypt,
    tree: (await deps.catalog.current()).tree,
  });

  app.get("/users", async (c) => c.json({ users: (await deps.store.accounts.users()).map(publicUser) }));

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

  app.get("/campaigns", async (c) => c.json({ campaigns: (await deps.catalog.current()).campaigns }));

  app.put("/campaigns/:id", async (c) => {
    const body = await readJson(c, deps.config.maxJsonBytes);
    const id = c.req.param("id");
    if (typeof body !== "object" || body === null || (body as { id?: unknown }).id !== id) {
      throw new ApiError(400, "invalid", `the campaign's id must be ${id}`, "id");
    }
    const { campaign, created } = await importing(() => importCampaign(deps.store, body));
    deps.config.log({ msg: created ? "campaign created" : "campaign replaced", by: c.get("user").id, campaignId: id });
    return c.json({ campaign }, created ? 201 : 200);
  });

  app.get("/units", (c) => unitsAnswer(deps, c));

  app.put("/units", async (c) => {
    const body = await readJson(c, deps.config.maxJsonBytes);
    const file = await importing(() => importUnits(deps.store, body));
    deps.config.log({ msg: "units replaced", by: c.get("user").id, units: file.units.length, sample: file.sample });
    return unitsAnswer(deps, c);
  });

  return app;
}

/** Read-only catalog routes under /api/v1 (admins only), kept for the clients built against them. */
export function catalogRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = [requireUser(deps), requireAdmin] as const;
  app.get("/units", ...guard, (c) => unitsAnswer(deps, c));
  app.get("/campaigns", ...guard, async (c) => c.json({ campaigns: (await deps.catalog.current()).campaigns }));
  return app;
}
