/**
 * What waits in the outbox, as the first screen needs it without loading the ledger code: how
 * many entries, and (version 6 on) the unsent part of the totals, per campaign and cell. Whoever
 * adds rows to the outbox or deletes them changes the sums in the same transaction (the `unsent`
 * table must be in the transaction's scope).
 */
import Dexie from "dexie";
import { type CellPlace, cellKey } from "../domain/totals";
import { db, type UnsentRow } from "./database";

/** Changes to the unsent sums, gathered in memory and written with one read and one write. */
export class UnsentDelta {
  private readonly byCampaign = new Map<string, Map<string, number>>();

  /** `quantity` joins the outbox (positive sign) or leaves it (pass the negated quantity). */
  add(e: CellPlace, quantity: number): void {
    const deltas = this.byCampaign.get(e.campaignId) ?? new Map<string, number>();
    const key = cellKey(e.campaignId, e.partId, e.unitId, e.phaseId);
    deltas.set(key, (deltas.get(key) ?? 0) + quantity);
    this.byCampaign.set(e.campaignId, deltas);
  }

  /** Apply the changes to each campaign's row (one read, one write); call inside the transaction that changed the outbox. */
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

/** How many entries have not left the phone (pending), in all or for one user. */
export async function countPending(ownerId?: string): Promise<number> {
  const d = db();
  if (ownerId === undefined) return d.outbox.count();
  return d.outbox.where("[ownerId+seq]").between([ownerId, Dexie.minKey], [ownerId, Dexie.maxKey]).count();
}

/** Pending entries of other users on this phone (they wait until that user signs in). */
export async function countPendingOfOthers(ownerId: string): Promise<number> {
  return (await countPending()) - (await countPending(ownerId));
}
