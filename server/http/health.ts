/**
 * `GET /healthz` for monitoring (DESIGN §6): 200 `{ok: true}` when the store answers a small
 * query within a few seconds, else 503 `{ok: false, error}`. A hung database must turn the check
 * red, not hang the monitor, hence the time limit.
 */
import type { Hono } from "hono";
import type { AppEnv } from "../app-env";
import type { Logger } from "../log";
import type { Store } from "../store/store";
import { errorBody } from "./errors";

/** How long the store may take before the server is reported unhealthy. */
const HEALTH_TIMEOUT_MS = 3000;

/** Mount `GET /healthz` (and HEAD) on the app. */
export function mountHealth(app: Hono<AppEnv>, store: Store, log: Logger): void {
  app.get("/healthz", async (c) => {
    c.header("Cache-Control", "no-store");
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        store.catalog.catalogVersion(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error("the store did not answer in time")), HEALTH_TIMEOUT_MS);
        }),
      ]);
      return c.json({ ok: true });
    } catch (err) {
      log({ msg: "health check failed", level: "warn", error: String(err) });
      return c.json({ ok: false, ...errorBody("store-unavailable", "the database does not answer") }, 503);
    } finally {
      clearTimeout(timer);
    }
  });
}
