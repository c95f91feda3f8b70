/** Totals on the phone, from the maintained cells (never a scan of the ledger). */
import type { Campaign, Totals } from "../domain/schemas";
import { cellKey, computeTotals, type GoalLookup } from "../domain/totals";
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

/**
 * Totals twice: over every entry on the phone (`all`: the cells as maintained), and without the
 * unsent ones (`synced`: what the server holds, as far as this phone knows), subtracting what
 * waits in the outbox. The outbox holds only unsent entries, so that part costs what is unsent,
 * not the size of the ledger.
 */
export async function localTotals(q: LocalTotalsQuery): Promise<{ synced: Totals; all: Totals }> {
  const d = db();
  const [cells, unsent] = await d.transaction("r", [d.cells, d.outbox], () =>
    Promise.all([d.cells.where("campaignId").equals(q.campaign.id).toArray(), d.outbox.toArray()]),
  );
  const sent = new Map(cells.map((c) => [cellKey(c.campaignId, c.partId, c.unitId, c.phaseId), { ...c }]));
  for (const e of unsent) {
    const cell = sent.get(cellKey(e.campaignId, e.partId, e.unitId, e.phaseId));
    if (cell) cell.net -= e.quantity;
  }
  return {
    synced: computeTotals({ ...q, cells: [...sent.values()] }),
    all: computeTotals({ ...q, cells }),
  };
}
