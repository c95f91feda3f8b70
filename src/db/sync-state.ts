/**
 * The sync state of ledger rows, derived when they are read (version 5 on): a row stored as
 * "rejected" or "synced" says so itself; any other is pending while the outbox holds its id and
 * synced once the server has answered for it (the answer deletes the outbox row and leaves the
 * ledger row untouched).
 */
import { db, type LedgerRow, type LocalEntry } from "./database";

/** The ids of every entry waiting in the outbox (all users of this phone). */
export async function unsentIds(): Promise<Set<string>> {
  return new Set((await db().outbox.orderBy("id").keys()) as string[]);
}

/** One row as the app sees it, given whether the outbox holds it. */
export function entryOf(row: LedgerRow, unsent: boolean): LocalEntry {
  if (row.syncState === "rejected" || row.syncState === "synced") return row as LocalEntry;
  return { ...row, syncState: unsent ? "pending" : "synced" };
}

/** Rows as the app sees them; looks up in the outbox only the rows that do not say their state. */
export async function withSyncState(rows: readonly LedgerRow[]): Promise<LocalEntry[]> {
  const open = rows.filter((r) => r.syncState === undefined || r.syncState === "pending").map((r) => r.id);
  const unsent =
    open.length === 0 ? new Set<string>() : new Set((await db().outbox.where("id").anyOf(open).keys()) as string[]);
  return rows.map((r) => entryOf(r, unsent.has(r.id)));
}
