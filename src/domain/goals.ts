/**
 * Allocated goals: a unit's share of a part's goal, as computeTotals reads it. A module of its own
 * because the phone's first screen reads allocations without the totals code (it stays out of
 * that chunk).
 */

/** A unit's allocated share of a part's goal, where a supervisor has set one. */
export type GoalLookup = (unitId: string, partId: string) => number | undefined;

/** The lookup over a list of allocations (a unit's share of a part's goal; `null`: none set). */
export function goalLookupOf(
  allocations: readonly { unitId: string; partId: string; goal: number | null }[],
): GoalLookup {
  const shares = new Map(allocations.map((a) => [`${a.unitId}\u0000${a.partId}`, a.goal ?? undefined]));
  return (unitId, partId) => shares.get(`${unitId}\u0000${partId}`);
}
