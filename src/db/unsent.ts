/**
 * The unsent part of the totals (version 6 on): per campaign, per cell, the sum of what waits in
 * the outbox. Whoever adds rows to the outbox or deletes them changes it in the same transaction
 * (the `unsent` table must be in the transaction's scope).
 */
import { cellKey } from "../domain/totals";
import { db, type UnsentRow } from "./database";

type CellOf = { campaignId: string; partId: string; unitId: string; phaseId: string };

/** Changes to the unsent sums, gathered in memory and written with one read and one write. */
export class UnsentDelta {
  private readonly byCampaign = new Map<string, Map<string, number>>();

  /** `quantity` joins the outbox (positive sign) or leaves it (pass the negated quantity). */
  add(e: CellOf, quantity: number): void {
    const deltas = this.byCampaign.get(e.campaignId) ?? new Map<string, number>();
    const key = cellKey(e.campaignId, e.partId, e.unitId, e.phaseId);
    deltas.set(key, (deltas.get(key) ?? 0) + quantity);
    this.byCampaign.set(e.campaignId, deltas);
  }

  async write(): Promise<void> {
    if (this.byCampaign.size === 0) return;
    const ids = [...this.byCampaign.keys()];
    const rows = await db().unsent.bulkGet(ids);
    const next = ids.map((campaignId, i): UnsentRow => {
      const byCell = { ...rows[i]?.byCell };
      for (const [key, q] of this.byCampaign.get(campaignId) ?? []) {
        const sum = (byCell[key] ?? 0) + q;
        if (sum === 0) delete byCell[key];
        else byCell[key] = sum;
      }
      return { campaignId, byCell };
    });
    await db().unsent.bulkPut(next);
  }
}

/** A campaign's unsent sums by `cellKey` (empty when nothing waits). */
export async function unsentOf(campaignId: string): Promise<Record<string, number>> {
  return (await db().unsent.get(campaignId))?.byCell ?? {};
}
