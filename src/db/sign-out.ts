/**
 * What a shared phone forgets when its user signs out (DESIGN §7 "Shared phones"; sign-out is
 * allowed only when nothing of that user's waits): every record the server holds — the ledger's
 * synced entries, reviews and the replies to them, phase reports, nominations and their decisions, allocations — so the
 * next user never sees the previous user's entries, notes or reviews; theirs are pulled again,
 * within their own scope. Kept: what has not reached the server, which must never be lost —
 * other users' waiting records, and refused entries (the signed-out user's stay, hidden from the
 * next user's ledger, until their owner signs in again or exports them). One transaction: a crash
 * forgets nothing or everything it should.
 */

import { cellsFromEntries } from "../domain/totals";
import type { LedgerRow } from "./database";
import { db } from "./database";
import { ledgerTables } from "./ledger-write";
import { outboxIds } from "./outbox-pages";

/** Forget what the server holds; keep what has not reached it. Cells and chain nets are rebuilt from what stays. */
export async function forgetSyncedRecords(): Promise<void> {
  const d = db();
  const tables = [
    ...ledgerTables(d),
    d.reviews,
    d.phaseReports,
    d.nominations,
    d.nominationReviews,
    d.replies,
    d.allocations,
  ];
  await d.transaction("rw", tables, async () => {
    const waiting = await outboxIds();
    const rows = await d.entries.toArray();
    const keep = (e: LedgerRow) => waiting.has(e.id) || e.syncState === "rejected";
    await d.entries.bulkDelete(rows.filter((e) => !keep(e)).map((e) => e.id));
    // What stays counts as before: the waiting entries (refused ones never count).
    const counted = rows.filter((e) => waiting.has(e.id));
    const nets = new Map<string, number>();
    for (const e of counted) nets.set(e.rootId, (nets.get(e.rootId) ?? 0) + e.quantity);
    await d.cells.clear();
    await d.cells.bulkPut(cellsFromEntries(counted));
    await d.chainNets.clear();
    await d.chainNets.bulkPut([...nets].map(([rootId, net]) => ({ rootId, net })));
    for (const table of [d.reviews, d.phaseReports, d.nominations, d.nominationReviews, d.replies]) {
      await table.where("syncState").equals("synced").delete();
    }
    await d.allocations.clear();
  });
}
