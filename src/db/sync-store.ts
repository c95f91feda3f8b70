/**
 * The database side of sync: which entries to push next, and how the server's answers and
 * pulled pages change the phone. Each function is one transaction, so a crash mid-way leaves
 * the phone as before the call, and the next sync simply repeats it (the server is idempotent).
 */
import Dexie from "dexie";
import { phaseOf } from "../domain/phases";
import type { Campaign, PulledEntry, PushResult } from "../domain/schemas";
import { type CellPlace, cellKey } from "../domain/totals";
import { type CellKey, db, type LedgerRow, type LocalCell, type OutboxRow, pickCell } from "./database";
import { UnsentDelta } from "./unsent";

/** The first `limit` entries of one user waiting in the outbox, in the order they were saved here (corrections after what they correct). */
export function pendingBatch(ownerId: string, limit: number): Promise<OutboxRow[]> {
  return db()
    .outbox.where("[ownerId+seq]")
    .between([ownerId, Dexie.minKey], [ownerId, Dexie.maxKey])
    .limit(limit)
    .toArray();
}

/** Accumulates cell changes in memory and writes them with one bulk read and one bulk write. */
export class CellDelta {
  private readonly deltas = new Map<string, LocalCell>();

  add(e: CellPlace, net: number): void {
    const k = cellKey(e.campaignId, e.partId, e.unitId, e.phaseId);
    const d = this.deltas.get(k) ?? { ...pickCell(e), net: 0 };
    d.net += net;
    this.deltas.set(k, d);
  }

  async write(): Promise<void> {
    const deltas = [...this.deltas.values()];
    if (deltas.length === 0) return;
    const keys: CellKey[] = deltas.map((d) => [d.campaignId, d.partId, d.unitId, d.phaseId]);
    const current = await db().cells.bulkGet(keys);
    await db().cells.bulkPut(deltas.map((d, i) => ({ ...d, net: d.net + (current[i]?.net ?? 0) })));
  }
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
 * Apply the server's per-entry answers to the batch that was sent (`sent`, as read from the
 * outbox, one owner, in save order). Stored and duplicate mean the server holds the entry: its
 * outbox row goes and leaves the unsent sums (the ledger row and the cells already count it).
 * Rejected entries stay in the ledger, marked with the reason, and stop counting. An entry whose
 * outbox row is already gone (a pull said the server has it) is left alone.
 */
export async function applyPushResults(
  sent: readonly OutboxRow[],
  results: readonly PushResult[],
): Promise<AppliedCounts> {
  const d = db();
  const counts: AppliedCounts = { synced: 0, rejected: 0 };
  const first = sent[0];
  const last = sent.at(-1);
  if (!first || !last) return counts;
  const owner = first.ownerId;
  const range = () => d.outbox.where("[ownerId+seq]").between([owner, first.seq], [owner, last.seq], true, true);
  return d.transaction("rw", [d.outbox, d.unsent, d.entries, d.cells, d.chainNets], async () => {
    const bySentId = new Map(sent.map((r) => [r.id, r]));
    const present = new Set((await range().primaryKeys()).map(([, seq]) => seq));
    const answered = new Set<number>();
    const rejected: { row: OutboxRow; result: PushResult }[] = [];
    const unsent = new UnsentDelta();
    for (const r of results) {
      const row = bySentId.get(r.id);
      if (!row || !present.has(row.seq) || answered.has(row.seq)) continue;
      answered.add(row.seq);
      if (r.status === "rejected") rejected.push({ row, result: r });
      else counts.synced++;
      unsent.add(row, -row.quantity);
    }
    if (answered.size === 0) return counts;
    // Every row of the range answered (the usual case): one key-range delete.
    if (answered.size === present.size) await range().delete();
    else await d.outbox.bulkDelete([...answered].map((seq): [string, number] => [owner, seq]));
    await unsent.write();
    if (rejected.length > 0) {
      const cells = new CellDelta();
      const nets = new NetDelta();
      const rows = await d.entries.bulkGet(rejected.map((x) => x.row.id));
      const marked: LedgerRow[] = [];
      rejected.forEach(({ row, result }, i) => {
        const stored = rows[i];
        if (!stored) return;
        const flagged: LedgerRow = { ...stored, syncState: "rejected" };
        if (result.reason !== undefined) flagged.rejectReason = result.reason;
        if (result.path !== undefined) flagged.rejectPath = result.path;
        marked.push(flagged);
        cells.add(row, -row.quantity);
        nets.add(stored.rootId, -row.quantity);
        counts.rejected++;
      });
      await d.entries.bulkPut(marked);
      await cells.write();
      await nets.write();
    }
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
  return d.transaction("rw", [d.entries, d.outbox, d.unsent, d.cells, d.chainNets], async () => {
    const existing = await d.entries.bulkGet(pulled.map((e) => e.id));
    const originalIds = pulled.flatMap((e) => (e.correctsId ? [e.correctsId] : []));
    const originals = new Map(
      (await d.entries.bulkGet(originalIds)).filter((e): e is LedgerRow => !!e).map((e) => [e.id, e]),
    );
    const cells = new CellDelta();
    const nets = new NetDelta();
    const toPut: LedgerRow[] = [];
    const mineHere: string[] = [];
    let added = 0;
    pulled.forEach((p, i) => {
      if (existing[i]) {
        // Ours, maybe still in the outbox because the push's answer was lost: the server has it.
        mineHere.push(p.id);
        return;
      }
      const campaign = byId.get(p.campaignId);
      const phase = campaign ? phaseOf(campaign, p.date) : undefined;
      if (!phase) return; // the server checked it; a campaign we lack cannot be shown anyway
      const { authorId, receivedAt, ...entry } = p;
      const rootId = p.correctsId ? (originals.get(p.correctsId)?.rootId ?? p.correctsId) : p.id;
      const local: LedgerRow = {
        ...entry,
        phaseId: phase.id,
        rootId,
        ownerId: authorId,
        syncState: "synced",
        receivedAt,
      };
      originals.set(local.id, local);
      toPut.push(local);
      cells.add(local, local.quantity);
      nets.add(rootId, local.quantity);
      added++;
    });
    if (mineHere.length > 0) {
      // Settled by the pull: no longer unsent (net already counts it).
      const settled = await d.outbox.where("id").anyOf(mineHere).toArray();
      const unsent = new UnsentDelta();
      for (const row of settled) unsent.add(row, -row.quantity);
      await unsent.write();
      await d.outbox.bulkDelete(settled.map((r): [string, number] => [r.ownerId, r.seq]));
    }
    await d.entries.bulkPut(toPut);
    await cells.write();
    await nets.write();
    return added;
  });
}
