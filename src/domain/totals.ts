/**
 * Totals against targets (DESIGN §1 "How a part is measured").
 *
 * Both the app and the server keep *cells*: the net quantity of every (campaign, part, unit,
 * phase), updated in the same transaction that stores an entry. A cell changes by the entry's
 * quantity, so cells are sums and never need a scan. Totals for any phase and subtree are then
 * a pass over a few thousand cells, not over the ledger: this is what keeps totals within
 * budget at 100,000 (app) and 1,000,000 (server) entries.
 *
 * - count and open parts: achieved = sum of nets in the subtree and phase(s);
 * - distinct parts: achieved = number of units in the subtree whose net over the phase(s) is
 *   above 0, so a unit that records twice counts once (DESIGN §6);
 * - percent parts: achieved as for distinct; percent = achieved / the eligible, open units in the
 *   subtree (its root included) × 100 (DESIGN §7).
 * Goals are the campaign's, for the whole tree; below the root a unit's goal is its allocated
 * share, or none until one is allocated.
 */
import { isEligible } from "./eligibility";
import type { Campaign, Entry, Part, PartTotal, Totals, UnitTotals } from "./schemas";
import type { UnitTree } from "./units";

/** The maintained aggregate: net quantity for one campaign, part, unit and phase. */
export type Cell = { campaignId: string; partId: string; unitId: string; phaseId: string; net: number };

/** Where a cell sits: the fields of its key (an entry has them too, with its phase). */
export type CellPlace = Omit<Cell, "net">;

import type { GoalLookup } from "./goals";

export type { GoalLookup } from "./goals";

/** Cells from a list of entries (their phases already known): used by tests and rebuilds. */
export function cellsFromEntries(
  entries: readonly (Pick<Entry, "campaignId" | "partId" | "unitId" | "quantity"> & { phaseId: string })[],
): Cell[] {
  const cells = new Map<string, Cell>();
  for (const e of entries) {
    const key = cellKey(e.campaignId, e.partId, e.unitId, e.phaseId);
    const cell = cells.get(key);
    if (cell) cell.net += e.quantity;
    else
      cells.set(key, {
        campaignId: e.campaignId,
        partId: e.partId,
        unitId: e.unitId,
        phaseId: e.phaseId,
        net: e.quantity,
      });
  }
  return [...cells.values()];
}

/**
 * Add cell deltas keyed by `cellKey` into `into`: a cell already there gains the delta's net, a
 * new one starts as a copy of the delta (field by field: one object shape for every cell).
 */
export function addCellDeltas(into: Map<string, Cell>, deltas: ReadonlyMap<string, Cell>): void {
  for (const [key, d] of deltas) {
    const c = into.get(key);
    if (c) c.net += d.net;
    else
      into.set(key, { campaignId: d.campaignId, partId: d.partId, unitId: d.unitId, phaseId: d.phaseId, net: d.net });
  }
}

/** The key of a cell, for maps and stores. */
export function cellKey(campaignId: string, partId: string, unitId: string, phaseId: string): string {
  return `${campaignId}\u0000${partId}\u0000${unitId}\u0000${phaseId}`;
}

/** Progress toward a goal as a ratio (0.5 is half-way), or null when there is no goal. */
export function progressRatio(achieved: number, goal: number | null | undefined): number | null {
  if (goal === null || goal === undefined || goal <= 0) return null;
  return achieved / goal;
}

export type TotalsQuery = {
  campaign: Campaign;
  tree: UnitTree;
  cells: Iterable<Cell>;
  phaseId?: string;
  /** The subtree to total; without it, the union of `scopeRoots`. */
  unitId?: string;
  /** The caller's assigned units (their subtrees are the scope). */
  scopeRoots: readonly string[];
  allocations?: GoalLookup;
};

/**
 * Totals for a campaign, one phase or the year, over a subtree, with one row per child of the
 * requested unit (per scope root without `unitId`), each totalled over its own subtree.
 */
export function computeTotals(q: TotalsQuery): Totals {
  const { campaign, tree } = q;
  const tops = q.unitId !== undefined ? [q.unitId] : tree.topScopeRoots(q.scopeRoots);
  const rowIds = q.unitId !== undefined ? tree.childrenOf(q.unitId).map((u) => u.id) : tops;

  // unit id → index of the row it counts toward (or -1 when only in the whole), for units in scope.
  const inScope = new Map<string, number>();
  for (const top of tops) for (const id of tree.subtreeIds(top)) inScope.set(id, -1);
  rowIds.forEach((rowId, i) => {
    for (const id of tree.subtreeIds(rowId)) inScope.set(id, i);
  });

  const parts: Part[] = campaign.targets.flatMap((t) => t.parts);
  const partIndex = new Map(parts.map((p, i) => [p.id, i]));
  const sums = parts.map(() => 0);
  const rowSums = rowIds.map(() => parts.map(() => 0));
  // percent and distinct parts: net per unit, counted once the phase(s) are summed.
  const unitNets = new Map<string, number>();

  for (const c of q.cells) {
    if (c.campaignId !== campaign.id) continue;
    if (q.phaseId !== undefined && c.phaseId !== q.phaseId) continue;
    const row = inScope.get(c.unitId);
    if (row === undefined) continue;
    const pi = partIndex.get(c.partId);
    if (pi === undefined) continue;
    const part = parts[pi] as Part;
    if (countsUnits(part)) {
      const k = `${pi}\u0000${c.unitId}`;
      unitNets.set(k, (unitNets.get(k) ?? 0) + c.net);
    } else {
      sums[pi] = (sums[pi] ?? 0) + c.net;
      const rs = rowSums[row];
      if (rs) rs[pi] = (rs[pi] ?? 0) + c.net;
    }
  }
  for (const [k, net] of unitNets) {
    if (net <= 0) continue;
    const [piText, unitId] = k.split("\u0000") as [string, string];
    const pi = Number(piText);
    sums[pi] = (sums[pi] ?? 0) + 1;
    const rs = rowSums[inScope.get(unitId) ?? -1];
    if (rs) rs[pi] = (rs[pi] ?? 0) + 1;
  }

  const partTotals: PartTotal[] = parts.map((p, i) => {
    const achieved = sums[i] ?? 0;
    if (p.kind === "percent") {
      let unitsInScope = 0;
      for (const id of inScope.keys()) if (isEligible(p, id, tree)) unitsInScope++;
      return {
        partId: p.id,
        goal: p.goal,
        achieved,
        percent: unitsInScope > 0 ? (achieved / unitsInScope) * 100 : 0,
        unitsInScope,
      };
    }
    const goal = goalFor(p, tops, tree, q.allocations);
    const ratio = progressRatio(achieved, goal);
    return { partId: p.id, goal, achieved, percent: ratio === null ? null : ratio * 100 };
  });
  const units: UnitTotals[] = rowIds.map((unitId, i) => ({
    unitId,
    parts: parts.map((p, pi) => ({ partId: p.id, achieved: rowSums[i]?.[pi] ?? 0 })),
  }));
  const totals: Totals = { campaignId: campaign.id, parts: partTotals, units };
  if (q.phaseId !== undefined) totals.phaseId = q.phaseId;
  if (q.unitId !== undefined) totals.unitId = q.unitId;
  return totals;
}

/** True for parts counted in units with a net above 0 rather than in quantities. */
export function countsUnits(part: Pick<Part, "kind">): boolean {
  return part.kind === "percent" || part.kind === "distinct";
}

/** The goal for a count/open part over the given subtrees: the campaign's at a root, else the sum of allocations. */
function goalFor(part: Part, tops: readonly string[], tree: UnitTree, allocations?: GoalLookup): number | null {
  if (part.goal === null) return null;
  if (tops.some((id) => tree.get(id)?.parentId === undefined)) return part.goal;
  let sum = 0;
  for (const id of tops) {
    const share = allocations?.(id, part.id);
    if (share === undefined) return null;
    sum += share;
  }
  return tops.length > 0 ? sum : null;
}
