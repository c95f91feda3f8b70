/**
 * Supervisor work (contract in src/domain/supervision.ts): `POST /api/v1/reviews`,
 * `POST /api/v1/phase-reports` and `PUT /api/v1/allocations`.
 *
 * Review and phase-report batches are checked like a push (routes/sync.ts): session (401),
 * throttle (429, the push token bucket), size (413), JSON and envelope (400 with path), count
 * (413 past the push limit), client id ownership (403); then every record on its own, answered
 * `200 {results}` in order (supervision/reviews.ts, supervision/phase-reports.ts). Allocations are
 * set online, all or nothing: `403` for officers before the body is read, then
 * supervision/allocations.ts; the answer is every stored allocation of the units touched, plus
 * `goal: null` for each allocation the request removed, so a device can apply the answer as is.
 */
import { Hono } from "hono";
import type { RecordResult } from "../../src/domain/api";
import type { Allocation } from "../../src/domain/supervision";
import { scopeOf } from "../../src/domain/units";
import type { AppEnv, Deps } from "../app-env";
import { requireUser } from "../auth/sessions";
import { readBatch } from "../http/batch";
import { readJson } from "../http/body";
import { ApiError } from "../http/errors";
import { round1, summarize } from "../log";
import { checkAllocations, parseAllocations } from "../supervision/allocations";
import { planPhaseReports, preparePhaseReports } from "../supervision/phase-reports";
import { idsToLoad } from "../supervision/records";
import { planReviews, prepareReviews, reviewIdsToLoad } from "../supervision/reviews";

/** Most allocations one PUT may carry. */
const MAX_ALLOCATIONS = 1000;

function logBatch(deps: Deps, msg: string, userId: string, results: readonly RecordResult[], started: number): void {
  deps.config.log({
    msg,
    userId,
    records: results.length,
    ...summarize(results),
    ms: round1(performance.now() - started),
  });
}

/** POST /api/v1/reviews. */
export function reviewRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/", requireUser(deps), async (c) => {
    const started = performance.now();
    const user = c.get("user");
    const { clientId, items, receivedAt } = await readBatch(c, deps, "reviews");
    const view = await deps.catalog.current();
    const prepared = prepareReviews(items, user.role !== "officer", receivedAt);
    const { ids, entryIds } = reviewIdsToLoad(prepared);
    const ctx = { scope: scopeOf(user, view.tree), reviewerId: user.id, reviewerName: user.name, clientId, receivedAt };
    const results = await deps.store.commitReviews(ids, entryIds, planReviews(prepared, ctx));
    logBatch(deps, "reviews", user.id, results, started);
    return c.json({ results });
  });
  return app;
}

/** POST /api/v1/phase-reports. */
export function phaseReportRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/", requireUser(deps), async (c) => {
    const started = performance.now();
    const user = c.get("user");
    const { clientId, items, receivedAt } = await readBatch(c, deps, "reports");
    const view = await deps.catalog.current();
    const prepared = preparePhaseReports(items, scopeOf(user, view.tree), receivedAt);
    const ctx = { catalog: view, authorId: user.id, clientId, receivedAt };
    const results = await deps.store.commitPhaseReports(idsToLoad(prepared), planPhaseReports(prepared, ctx));
    logBatch(deps, "phase reports", user.id, results, started);
    return c.json({ results });
  });
  return app;
}

/** PUT /api/v1/allocations. */
export function allocationRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.put("/", requireUser(deps), async (c) => {
    const user = c.get("user");
    if (user.role === "officer") throw new ApiError(403, "forbidden", "officers do not set allocations");
    const items = parseAllocations(await readJson(c, deps.config.maxPushBytes), MAX_ALLOCATIONS);
    const view = await deps.catalog.current();
    checkAllocations(items, view, scopeOf(user, view.tree), user.role === "admin");
    const at = new Date(deps.config.now()).toISOString();
    const stored = await deps.store.applyAllocations(items, user.id, at);
    const removed: Allocation[] = items.filter((a) => a.goal === null);
    deps.config.log({
      msg: "allocations",
      userId: user.id,
      set: items.length - removed.length,
      removed: removed.length,
    });
    return c.json({ allocations: [...stored, ...removed] });
  });
  return app;
}
