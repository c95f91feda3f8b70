/**
 * The database side of sync: which entries to push next, and how the server's answers and
 * pulled pages change the phone. Each function is one transaction, so a crash mid-way leaves
 * the phone as before the call, and the next sync simply repeats it (the server is idempotent).
 */
import { phaseOf } from "../domain/phases";
import type { Campaign, PulledEntry, PushResult } from "../domain/schemas";
import { db, type LedgerRow, type OutboxRow } from "./database";
import { LedgerWrite, ledgerTables } from "./ledger-write";
import { findWaiting, type OutboxKey, outboxRows } from "./outbox-pages";

/**
 * The first `limit` entries of one user waiting in the outbox (after save number `after`, when
 * given), in the order they were saved here (corrections after what they correct).
 */
export function pendingBatch(ownerId: string, limit: number, after?: number): Promise<OutboxRow[]> {
  return outboxRows(ownerId, limit, after);
}

export type AppliedCounts = { synced: number; rejected: number };

/**
 * Apply the server's per-entry answers to the batch that was sent (`sent`, as read from the
 * outbox, one owner, in save order). Stored and duplicate mean the server holds the entry: it
 * leaves the outbox and the unsent sums (the ledger row and the cells already count it).
 * Rejected entries stay in the ledger, marked with the reason, and stop counting. An entry no
 * longer waiting (a pull said the server has it) is left alone.
 */
export async function applyPushResults(
  sent: readonly OutboxRow[],
  results: readonly PushResult[],
): Promise<AppliedCounts> {
  const d = db();
  const counts: AppliedCounts = { synced: 0, rejected: 0 };
  if (sent.length === 0) return counts;
  return d.transaction("rw", ledgerTables(d), async () => {
    const found = await findWaiting(sent);
    const bySentId = new Map(sent.map((r) => [r.id, r]));
    const answered: OutboxRow[] = [];
    const rejected: { row: OutboxRow; result: PushResult }[] = [];
    for (const r of results) {
      const row = bySentId.get(r.id);
      if (!row || !found.ids.has(r.id)) continue;
      bySentId.delete(r.id); // answered once
      answered.push(row);
      if (r.status === "rejected") rejected.push({ row, result: r });
      else counts.synced++;
    }
    if (answered.length === 0) return counts;
    const change = new LedgerWrite();
    change.dequeue({ ids: new Set(answered.map((r) => r.id)), heads: found.heads });
    if (rejected.length > 0) {
      const rows = await d.entries.bulkGet(rejected.map((x) => x.row.id));
      rejected.forEach(({ result }, i) => {
        const stored = rows[i];
        if (!stored) return;
        const flagged: LedgerRow = { ...stored, syncState: "rejected" };
        if (result.reason !== undefined) flagged.rejectReason = result.reason;
        if (result.path !== undefined) flagged.rejectPath = result.path;
        change.reject(flagged);
        counts.rejected++;
      });
    }
    await change.write();
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
  return d.transaction("rw", ledgerTables(d), async () => {
    const existing = await d.entries.bulkGet(pulled.map((e) => e.id));
    const originalIds = pulled.flatMap((e) => (e.correctsId ? [e.correctsId] : []));
    const originals = new Map(
      (await d.entries.bulkGet(originalIds)).filter((e): e is LedgerRow => !!e).map((e) => [e.id, e]),
    );
    const toAdd: LedgerRow[] = [];
    const mineHere: OutboxKey[] = [];
    pulled.forEach((p, i) => {
      const here = existing[i];
      if (here) {
        // Ours, maybe still in the outbox because the push's answer was lost: the server has it.
        if (here.seq !== undefined) mineHere.push({ ownerId: here.ownerId, id: here.id, seq: here.seq });
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
      toAdd.push(local);
    });
    const change = new LedgerWrite().addSynced(toAdd);
    // Settled by the pull: no longer unsent (the net already counts it).
    if (mineHere.length > 0) change.dequeue(await findWaiting(mineHere));
    await change.write();
    return toAdd.length;
  });
}
