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

/**
 * The allocated share that applies to a unit for a part: its own, else the nearest ancestor's
 * below the province (a grassroots union's entries count toward its district's share), with
 * the unit it was allocated to; undefined when none is set on the way up.
 */
export function allocatedShareOf(
  tree: { get(id: string): { id: string; parentId?: string | undefined } | undefined },
  lookup: GoalLookup,
  unitId: string,
  partId: string,
): { unitId: string; goal: number } | undefined {
  for (let u = tree.get(unitId); u && u.parentId !== undefined; u = tree.get(u.parentId)) {
    const goal = lookup(u.id, partId);
    if (goal !== undefined) return { unitId: u.id, goal };
  }
  return undefined;
}
