/** Totals on the phone, from the maintained cells (never a scan of the ledger). */
import type { Totals } from "../domain/schemas";
import { type Cell, cellKey, computeTotals, type TotalsQuery } from "../domain/totals";
import { db } from "./database";
import { unsentOf } from "./unsent";

export type LocalTotalsQuery = Omit<TotalsQuery, "cells">;

/**
 * A campaign's cells twice: over every entry on the phone (`all`: the cells as maintained), and
 * without the unsent ones (`synced`: what the server holds, as far as this phone knows). The
 * unsent sums are kept per outbox page (outbox-pages.ts), so this reads the campaign's cells and
 * one small record per 100 waiting entries.
 */
export async function localCells(campaignId: string): Promise<{ synced: Cell[]; all: Cell[] }> {
  const d = db();
  const [all, unsent] = await d.transaction("r", [d.cells, d.outboxSums], () =>
    Promise.all([d.cells.where("campaignId").equals(campaignId).toArray(), unsentOf(campaignId)]),
  );
  const synced = all.map((c) => {
    const waiting = unsent[cellKey(c.campaignId, c.partId, c.unitId, c.phaseId)];
    return waiting === undefined ? c : { ...c, net: c.net - waiting };
  });
  return { synced, all };
}

/** Totals twice, from `localCells`: as the server holds them (`synced`) and with this phone's unsent entries (`all`). */
export async function localTotals(q: LocalTotalsQuery): Promise<{ synced: Totals; all: Totals }> {
  const cells = await localCells(q.campaign.id);
  return { synced: computeTotals({ ...q, cells: cells.synced }), all: computeTotals({ ...q, cells: cells.all }) };
}
