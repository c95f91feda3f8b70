/** Totals on the phone, from the maintained cells (never a scan of the ledger). */
import type { Campaign, Totals } from "../domain/schemas";
import { computeTotals, type GoalLookup } from "../domain/totals";
import type { UnitTree } from "../domain/units";
import { db } from "./database";

export type LocalTotalsQuery = {
  campaign: Campaign;
  tree: UnitTree;
  phaseId?: string;
  unitId?: string;
  scopeRoots: readonly string[];
  allocations?: GoalLookup;
};

/** Totals twice: what the server holds (`synced`), and that plus this phone's unsynced entries (`all`). */
export async function localTotals(q: LocalTotalsQuery): Promise<{ synced: Totals; all: Totals }> {
  const cells = await db().cells.where("campaignId").equals(q.campaign.id).toArray();
  const base = { ...q };
  return {
    synced: computeTotals({ ...base, cells }),
    all: computeTotals({ ...base, cells: cells.map((c) => ({ ...c, net: c.net + c.pending })) }),
  };
}
