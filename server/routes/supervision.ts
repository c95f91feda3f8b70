/**
 * Supervisor work (contract in src/domain/supervision.ts, reports.ts, replies.ts): `POST
 * /api/v1/reviews`, `/replies`, `/phase-reports`, `/nominations`, `/nomination-reviews` and `PUT
 * /api/v1/allocations`.
 *
 * Review and phase-report batches are checked like a push (routes/sync.ts): session (401),
 * throttle (429, the push token bucket), size (413), JSON and envelope (400 with path), count
 * (413 past the push limit), client id ownership (403); then every record on its own, answered
 * `200 {results}` in order (supervision/reviews.ts, phase-reports.ts, nominations.ts). Allocations are
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
import type { CatalogView } from "../catalog";
import { type BatchList, readBatch } from "../http/batch";
import { readJson } from "../http/body";
import { ApiError } from "../http/errors";
import { round1, summarize } from "../log";
import type { UserRecord } from "../store/store";
import { checkAllocations, parseAllocations } from "../supervision/allocations";
import {
  nominationIdsToLoad,
  planNominationReviews,
  planNominations,
  prepareNominationReviews,
  prepareNominations,
} from "../supervision/nominations";
import { planPhaseReports, preparePhaseReports } from "../supervision/phase-reports";
import { entryRecordIdsToLoad, idsToLoad } from "../supervision/records";
import { planReplies, prepareReplies } from "../supervision/replies";
import { planReviews, prepareReviews } from "../supervision/reviews";

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

/** What a batch route hands its judge: the sender, the batch's envelope and the current catalog. */
type BatchInput = { user: UserRecord; view: CatalogView; clientId: string; items: unknown[]; receivedAt: string };

/** A POST route for one kind of record batch: the shared front (readBatch), then `judge`, logged. */
function batchRoute(
  deps: Deps,
  list: BatchList,
  msg: string,
  judge: (input: BatchInput) => Promise<RecordResult[]>,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/", requireUser(deps), async (c) => {
    const started = performance.now();
    const user = c.get("user");
    const { clientId, items, receivedAt } = await readBatch(c, deps, list);
    const view = await deps.catalog.current();
    const results = await judge({ user, view, clientId, items, receivedAt });
    logBatch(deps, msg, user.id, results, started);
    return c.json({ results });
  });
  return app;
}

/** The sender's part of every batch context. */
const senderOf = ({ user, view, clientId, receivedAt }: BatchInput) => ({
  catalog: view,
  authorId: user.id,
  clientId,
  receivedAt,
});

/** POST /api/v1/reviews. */
export function reviewRoutes(deps: Deps): Hono<AppEnv> {
  return batchRoute(deps, "reviews", "reviews", ({ user, view, items, clientId, receivedAt }) => {
    const prepared = prepareReviews(items, user.role !== "officer", receivedAt);
    const { ids, entryIds } = entryRecordIdsToLoad(prepared);
    const ctx = {
      scope: scopeOf(user, view.tree),
      campaign: (id: string) => view.campaignById.get(id),
      reviewerId: user.id,
      reviewerName: user.name,
      clientId,
      receivedAt,
    };
    return deps.store.supervision.commitReviews(ids, entryIds, planReviews(prepared, ctx));
  });
}

/** POST /api/v1/phase-reports. */
export function phaseReportRoutes(deps: Deps): Hono<AppEnv> {
  return batchRoute(deps, "reports", "phase reports", (input) => {
    const prepared = preparePhaseReports(input.items, scopeOf(input.user, input.view.tree), input.receivedAt);
    return deps.store.supervision.commitPhaseReports(idsToLoad(prepared), planPhaseReports(prepared, senderOf(input)));
  });
}

/** POST /api/v1/nominations. */
export function nominationRoutes(deps: Deps): Hono<AppEnv> {
  return batchRoute(deps, "nominations", "nominations", (input) => {
    const prepared = prepareNominations(input.items, scopeOf(input.user, input.view.tree), input.receivedAt);
    return deps.store.supervision.commitNominations(idsToLoad(prepared), planNominations(prepared, senderOf(input)));
  });
}

/** POST /api/v1/nomination-reviews. */
export function nominationReviewRoutes(deps: Deps): Hono<AppEnv> {
  return batchRoute(deps, "reviews", "nomination reviews", (input) => {
    const { user, view } = input;
    const prepared = prepareNominationReviews(input.items, user.role !== "officer", input.receivedAt);
    const ctx = {
      ...senderOf(input),
      scope: scopeOf(user, view.tree),
      reviewerName: user.name,
      isAdmin: user.role === "admin",
    };
    const plan = planNominationReviews(prepared, ctx);
    return deps.store.supervision.commitNominationReviews(idsToLoad(prepared), nominationIdsToLoad(prepared), plan);
  });
}

/** POST /api/v1/replies: the entry's author or anyone with the entry in scope (supervision/replies.ts). */
export function replyRoutes(deps: Deps): Hono<AppEnv> {
  return batchRoute(deps, "replies", "replies", ({ user, view, items, clientId, receivedAt }) => {
    const scope = scopeOf(user, view.tree);
    const prepared = prepareReplies(items, scope.all || scope.roots.length > 0, receivedAt);
    const { ids, entryIds } = entryRecordIdsToLoad(prepared);
    const ctx = {
      scope,
      campaign: (id: string) => view.campaignById.get(id),
      authorId: user.id,
      authorName: user.name,
      clientId,
      receivedAt,
    };
    return deps.store.supervision.commitReplies(ids, entryIds, planReplies(prepared, ctx));
  });
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
    const stored = await deps.store.supervision.applyAllocations(items, user.id, at);
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
