/**
 * GET /api/v1/totals (DESIGN §2): totals over the maintained cells through the domain's
 * `computeTotals`, the one implementation the app uses too. Officers may read the totals of
 * their own scope as well as supervisors: it is the same data a pull already gives them. Below
 * the root a unit's goal is its allocated share (the stored allocations are the GoalLookup).
 */
import { Hono } from "hono";
import { goalLookupOf } from "../../src/domain/goals";
import { computeTotals, type TotalsQuery } from "../../src/domain/totals";
import { inScope, scopeOf } from "../../src/domain/units";
import type { AppEnv, Deps } from "../app-env";
import { requireUser } from "../auth/sessions";
import { ApiError } from "../http/errors";
import { throttleReads } from "../http/throttle";

/** Routes under /api/v1/totals. */
export function totalsRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/", requireUser(deps), throttleReads(deps), async (c) => {
    const campaignId = c.req.query("campaignId");
    const phaseId = c.req.query("phaseId") || undefined;
    const unitId = c.req.query("unitId") || undefined;
    if (!campaignId) throw new ApiError(400, "invalid", "campaignId is required", "campaignId");
    const view = await deps.catalog.current();
    const campaign = view.campaignById.get(campaignId);
    if (!campaign) throw new ApiError(404, "unknown-campaign", `no campaign ${campaignId}`, "campaignId");
    if (phaseId !== undefined && !campaign.phases.some((p) => p.id === phaseId)) {
      throw new ApiError(400, "unknown-phase", `campaign ${campaignId} has no phase ${phaseId}`, "phaseId");
    }
    const scope = scopeOf(c.get("user"), view.tree);
    // An unknown unit is outside everyone's scope: 403 either way, so ids cannot be probed.
    if (unitId !== undefined && (!view.tree.get(unitId) || !inScope(scope, unitId))) {
      throw new ApiError(403, "forbidden", "this unit is outside your units", "unitId");
    }
    const [cells, allocations] = await Promise.all([
      deps.store.ledger.cells(campaignId),
      deps.store.supervision.allocations(campaignId, null),
    ]);
    const query: TotalsQuery = {
      campaign,
      tree: view.tree,
      cells,
      scopeRoots: scope.roots,
      allocations: goalLookupOf(allocations),
    };
    if (phaseId !== undefined) query.phaseId = phaseId;
    if (unitId !== undefined) query.unitId = unitId;
    return c.json(computeTotals(query));
  });

  return app;
}
