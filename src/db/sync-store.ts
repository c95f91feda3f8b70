/**
 * The database side of sync: which entries to push next, and how the server's answers and
 * pulled pages change the phone. Each function is one transaction, so a crash mid-way leaves
 * the phone as before the call, and the next sync simply repeats it (the server is idempotent).
 */
import Dexie from "dexie";
import { phaseOf } from "../domain/phases";
import type { Campaign, PulledEntry, PushResult } from "../domain/schemas";
import { type CellKey, db, type LocalCell, type LocalEntry } from "./database";

/** The first `limit` pending entries of one user in the order they were saved here (corrections after what they correct). */
export function pendingBatch(ownerId: string, limit: number): Promise<LocalEntry[]> {
  return db()
    .entries.where("[ownerId+syncState+seq]")
    .between([ownerId, "pending", Dexie.minKey], [ownerId, "pending", Dexie.maxKey])
    .limit(limit)
    .toArray();
}

/** Accumulates cell changes in memory and writes them with one bulk read and one bulk write. */
export class CellDelta {
  private readonly deltas = new Map<string, LocalCell>();

  add(e: Pick<LocalEntry, "campaignId" | "partId" | "unitId" | "phaseId">, net: number, pending: number): void {
    const k = [e.campaignId, e.partId, e.unitId, e.phaseId].join("\u0000");
    const d = this.deltas.get(k) ?? { ...pick(e), net: 0, pending: 0 };
    d.net += net;
    d.pending += pending;
    this.deltas.set(k, d);
  }

  async write(): Promise<void> {
    const deltas = [...this.deltas.values()];
    if (deltas.length === 0) return;
    const keys: CellKey[] = deltas.map((d) => [d.campaignId, d.partId, d.unitId, d.phaseId]);
    const current = await db().cells.bulkGet(keys);
    await db().cells.bulkPut(
      deltas.map((d, i) => ({
        ...d,
        net: d.net + (current[i]?.net ?? 0),
        pending: d.pending + (current[i]?.pending ?? 0),
      })),
    );
  }
}

function pick(e: Pick<LocalEntry, "campaignId" | "partId" | "unitId" | "phaseId">) {
  return { campaignId: e.campaignId, partId: e.partId, unitId: e.unitId, phaseId: e.phaseId };
}

/** Accumulates chain-net changes like CellDelta. */
export class NetDelta {
  private readonly deltas = new Map<string, number>();
  add(rootId: string, q: number): void {
    this.deltas.set(rootId, (this.deltas.get(rootId) ?? 0) + q);
  }
  async write(): Promise<void> {
    const roots = [...this.deltas.keys()];
    if (roots.length === 0) return;
    const current = await db().chainNets.bulkGet(roots);
    await db().chainNets.bulkPut(
      roots.map((r, i) => ({ rootId: r, net: (current[i]?.net ?? 0) + (this.deltas.get(r) ?? 0) })),
    );
  }
}

export type AppliedCounts = { synced: number; rejected: number };

/**
 * Apply the server's per-entry answers: stored and duplicate mean the server holds the entry
 * (synced); rejected entries stay on the phone, flagged with the reason, and stop counting.
 */
export async function applyPushResults(results: PushResult[]): Promise<AppliedCounts> {
  const d = db();
  return d.transaction("rw", [d.entries, d.cells, d.chainNets], async () => {
    const entries = await d.entries.bulkGet(results.map((r) => r.id));
    const cells = new CellDelta();
    const nets = new NetDelta();
    const updated: LocalEntry[] = [];
    const counts: AppliedCounts = { synced: 0, rejected: 0 };
    results.forEach((r, i) => {
      const e = entries[i];
      if (e?.syncState !== "pending") return;
      if (r.status === "rejected") {
        const flagged: LocalEntry = { ...e, syncState: "rejected" };
        if (r.reason !== undefined) flagged.rejectReason = r.reason;
        if (r.path !== undefined) flagged.rejectPath = r.path;
        updated.push(flagged);
        cells.add(e, 0, -e.quantity);
        nets.add(e.rootId, -e.quantity);
        counts.rejected++;
      } else {
        updated.push({ ...e, syncState: "synced" });
        cells.add(e, e.quantity, -e.quantity);
        counts.synced++;
      }
    });
    await d.entries.bulkPut(updated);
    await cells.write();
    await nets.write();
    return counts;
  });
}

/**
 * Add a pulled page of entries. An entry already on the phone is not counted again: if it was
 * still pending (its push answer was lost), it becomes synced. Entries arrive in server order,
 * so a correction's original is already here (from this page or an earlier one).
 */
export async function applyPulledEntries(pulled: PulledEntry[], campaigns: Campaign[]): Promise<number> {
  const d = db();
  const byId = new Map(campaigns.map((c) => [c.id, c]));
  return d.transaction("rw", [d.entries, d.cells, d.chainNets], async () => {
    const existing = await d.entries.bulkGet(pulled.map((e) => e.id));
    const originalIds = pulled.flatMap((e) => (e.correctsId ? [e.correctsId] : []));
    const originals = new Map(
      (await d.entries.bulkGet(originalIds)).filter((e): e is LocalEntry => !!e).map((e) => [e.id, e]),
    );
    const cells = new CellDelta();
    const nets = new NetDelta();
    const toPut: LocalEntry[] = [];
    let added = 0;
    pulled.forEach((p, i) => {
      const mine = existing[i];
      if (mine) {
        if (mine.syncState === "pending") {
          toPut.push({ ...mine, syncState: "synced", receivedAt: p.receivedAt });
          cells.add(mine, mine.quantity, -mine.quantity);
        }
        return;
      }
      const campaign = byId.get(p.campaignId);
      const phase = campaign ? phaseOf(campaign, p.date) : undefined;
      if (!phase) return; // the server checked it; a campaign we lack cannot be shown anyway
      const { authorId, receivedAt, ...entry } = p;
      const rootId = p.correctsId ? (originals.get(p.correctsId)?.rootId ?? p.correctsId) : p.id;
      const local: LocalEntry = {
        ...entry,
        phaseId: phase.id,
        rootId,
        ownerId: authorId,
        syncState: "synced",
        receivedAt,
      };
      originals.set(local.id, local);
      toPut.push(local);
      cells.add(local, local.quantity, 0);
      nets.add(rootId, local.quantity);
      added++;
    });
    await d.entries.bulkPut(toPut);
    await cells.write();
    await nets.write();
    return added;
  });
}
