/**
 * The dashboard's data, read live from the phone: totals from the maintained cells (read once) for
 * the chosen phase and for each phase (the comparison), the allocations, and the phase reports. Everything
 * is local, so the dashboard works offline from the last pull.
 */
import type { LocalPhaseReport } from "../../db/database";
import { allocationLookup, listPhaseReports } from "../../db/supervision";
import { localCells } from "../../db/totals";
import { todayIso } from "../../domain/phases";
import type { Campaign, Totals } from "../../domain/schemas";
import { computeTotals, type GoalLookup } from "../../domain/totals";
import type { UnitTree } from "../../domain/units";
import { campaign as currentCampaign, scopeRoots, tree as unitTree } from "../state/reference";
import { useLive } from "../use-live";
import { useLastPull } from "./data-time";
import { readParams, resolveParams } from "./params";

/** What the dashboard reads. */
export type DashboardData = {
  /** Totals of the chosen phase (or the year) over the subtree, as the server holds them. */
  totals: Totals;
  /** The same subtree, one Totals per campaign phase, in the campaign's order. */
  byPhase: Totals[];
  allocations: GoalLookup;
  reports: LocalPhaseReport[];
};

/** The campaign, tree, scope and choices the dashboard reads for. */
export type DashboardQuery = {
  campaign: Campaign | undefined;
  tree: UnitTree;
  scopeRoots: readonly string[];
  unitId: string | undefined;
  phaseId: string | undefined;
};

/** Live dashboard data for a campaign, subtree and phase; undefined until the first read answers. */
export function useDashboardData(q: DashboardQuery): DashboardData | undefined {
  const { campaign, tree, scopeRoots, unitId, phaseId } = q;
  return useLive(async () => {
    if (!campaign || scopeRoots.length === 0) return undefined;
    const allocations = await allocationLookup(campaign.id);
    const base = { campaign, tree, scopeRoots, allocations, ...(unitId !== undefined && { unitId }) };
    // Synced totals only: what the server held at the last pull (the time the screen shows).
    const [{ synced: cells }, reports] = await Promise.all([localCells(campaign.id), listPhaseReports(campaign.id)]);
    return {
      totals: computeTotals({ ...base, cells, ...(phaseId !== undefined && { phaseId }) }),
      byPhase: campaign.phases.map((p) => computeTotals({ ...base, cells, phaseId: p.id })),
      allocations,
      reports,
    };
  }, [campaign, tree, scopeRoots, unitId, phaseId]);
}

/**
 * The route's dashboard choices resolved against the campaign, tree and scope, with their live
 * data and the time of the last pull: what the dashboard and its print view both start from.
 */
export function useDashboardView(params: URLSearchParams) {
  const campaign = currentCampaign.value;
  const tree = unitTree.value;
  const scope = scopeRoots.value;
  const today = todayIso();
  const p = readParams(params);
  const r = campaign ? resolveParams(p, campaign, tree, scope, today) : undefined;
  const data = useDashboardData({ campaign, tree, scopeRoots: scope, unitId: r?.unitId, phaseId: r?.phaseId });
  const lastPull = useLastPull();
  return { campaign, tree, scope, today, p, r, data, lastPull };
}
