/**
 * The sync state of ledger rows, derived when they are read (version 5 on): a row stored as
 * "rejected" or "synced" says so itself; any other is pending while the outbox holds its id and
 * synced once the server has answered for it (the answer deletes the outbox row and leaves the
 * ledger row untouched).
 */
import type { LedgerRow, LocalEntry } from "./database";
import { waitingAmong } from "./outbox-pages";

/** Whether the row says its final state itself (rejected, or synced), so the outbox need not be asked. */
function settled(row: LedgerRow): row is LocalEntry {
  return row.syncState === "rejected" || row.syncState === "synced";
}

/** One row as the app sees it, given whether the outbox holds it. */
export function entryOf(row: LedgerRow, unsent: boolean): LocalEntry {
  return settled(row) ? row : { ...row, syncState: unsent ? "pending" : "synced" };
}

/** Rows as the app sees them; looks up in the outbox only the rows that do not say their state. */
export async function withSyncState(rows: readonly LedgerRow[]): Promise<LocalEntry[]> {
  const unsent = await waitingAmong(rows.filter((r) => !settled(r)));
  return rows.map((r) => entryOf(r, unsent.has(r.id)));
}
