/** Totals on the phone, from the maintained cells (never a scan of the ledger). */
import type { Totals } from "../domain/schemas";
import { type Cell, cellKey, computeTotals, type TotalsQuery } from "../domain/totals";
import { db } from "./database";

export type LocalTotalsQuery = Omit<TotalsQuery, "cells">;

/**
 * A campaign's cells twice, read once: over every entry on the phone (`all`: the cells as
 * maintained), and without the unsent ones (`synced`: what the server holds, as far as this phone
 * knows), subtracting what waits in the outbox. The outbox holds only unsent entries, so that
 * part costs what is unsent, not the size of the ledger.
 */
export async function localCells(campaignId: string): Promise<{ synced: Cell[]; all: Cell[] }> {
  const d = db();
  const [all, unsent] = await d.transaction("r", [d.cells, d.outbox], () =>
    Promise.all([d.cells.where("campaignId").equals(campaignId).toArray(), d.outbox.toArray()]),
  );
  const synced = new Map(all.map((c) => [cellKey(c.campaignId, c.partId, c.unitId, c.phaseId), { ...c }]));
  for (const e of unsent) {
    const cell = synced.get(cellKey(e.campaignId, e.partId, e.unitId, e.phaseId));
    if (cell) cell.net -= e.quantity;
  }
  return { synced: [...synced.values()], all };
}

/** Totals twice, from `localCells`: as the server holds them (`synced`) and with this phone's unsent entries (`all`). */
export async function localTotals(q: LocalTotalsQuery): Promise<{ synced: Totals; all: Totals }> {
  const cells = await localCells(q.campaign.id);
  return { synced: computeTotals({ ...q, cells: cells.synced }), all: computeTotals({ ...q, cells: cells.all }) };
}
