/**
 * Handover on the phone: export the entries that have not left it (or all of them) to a file,
 * and import such a file on another device. Import runs the server's planner (`planOnPhone`) in
 * one transaction: an entry already here with the same content is a duplicate, with other
 * content a conflict; the rest are judged by the same rules and stored as pending, so the
 * importing device pushes them on and the server counts each once, whoever delivers it first.
 */
import type { HandoverPayload } from "../domain/handover";
import { type Incoming, preparedEntry, prepareEntry } from "../domain/planner";
import type { Entry, PushResult } from "../domain/schemas";
import { toWireEntry } from "../domain/wire";
import { db } from "./database";
import { isQuotaError, type PlanOnPhoneContext, planOnPhone, StorageFullError } from "./entries";
import { ledgerTables } from "./ledger-write";
import { outboxRows } from "./outbox-pages";

/** Entries to put in a handover file: this user's unsent ones, or every entry of theirs. */
export async function entriesForHandover(ownerId: string, all: boolean): Promise<Entry[]> {
  const d = db();
  if (!all) {
    return (await outboxRows(ownerId)).map(toWireEntry);
  }
  const rows = await d.entries.where("ownerId").equals(ownerId).toArray();
  return rows
    .filter((e) => e.syncState !== "rejected")
    .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0) || a.createdAt.localeCompare(b.createdAt))
    .map(toWireEntry);
}

/** Import entries (each checked against the entry schema first) in one transaction; one result per entry, like a push. */
export async function importEntries(entries: Entry[], ctx: PlanOnPhoneContext): Promise<PushResult[]> {
  return importIncoming(
    entries.map((e) => prepareEntry(e)),
    ctx,
  );
}

/**
 * Import the entries of a handover file that `readHandover` verified, in one transaction. Its
 * parse checked every entry with the entry schema, so they are not parsed again.
 */
export async function importHandover(payload: HandoverPayload, ctx: PlanOnPhoneContext): Promise<PushResult[]> {
  return importIncoming(payload.entries.map(preparedEntry), ctx);
}

/** One transaction: a full disk (`StorageFullError`) or any other failure leaves nothing of the file stored. */
async function importIncoming(incoming: Incoming[], ctx: PlanOnPhoneContext): Promise<PushResult[]> {
  const d = db();
  try {
    return await d.transaction("rw", ledgerTables(d), async () => (await planOnPhone(incoming, ctx)).results);
  } catch (err) {
    if (isQuotaError(err)) throw new StorageFullError();
    throw err;
  }
}
