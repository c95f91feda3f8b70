/**
 * Writing and reading the ledger on the phone. Each write is one strict IndexedDB transaction
 * over the entry, its cell and its chain net, so the totals can never disagree with the
 * ledger, and a full disk aborts the whole write leaving everything else untouched.
 */
import Dexie from "dexie";
import { checkEntryRules, type LedgerView } from "../domain/ledger";
import type { Campaign, Entry, RejectReason } from "../domain/schemas";
import type { CellPlace } from "../domain/totals";
import type { UnitTree } from "../domain/units";
import { db, ENTRY_SEQ, type LedgerRow, type LocalEntry, outboxRowOf, pickCell } from "./database";
import { withSyncState } from "./sync-state";
import { UnsentDelta } from "./unsent";

/** The phone is out of storage: the new entry was refused and nothing else changed. */
export class StorageFullError extends Error {
  constructor() {
    super("storage-full");
    this.name = "StorageFullError";
  }
}

/** The entry breaks a ledger rule (the same rules the server applies). */
export class EntryRuleError extends Error {
  constructor(readonly reason: RejectReason) {
    super(reason);
    this.name = "EntryRuleError";
  }
}

/** Everything `saveEntry` needs to check an entry offline. */
export type SaveContext = { campaign: Campaign; tree: UnitTree; ownerId: string };

function isQuotaError(err: unknown): boolean {
  const names = [err instanceof Error ? err.name : "", (err as { inner?: Error })?.inner?.name ?? ""];
  return names.some((n) => n === "QuotaExceededError" || n === "QuotaExceeded");
}

/**
 * Check and store a new entry (or correction) as pending, with its cell and chain net, in one
 * strict transaction. Resolves only once the write is durable: only then may the UI say saved.
 */
export async function saveEntry(e: Entry, ctx: SaveContext): Promise<LocalEntry> {
  const d = db();
  try {
    return await d.transaction("rw", [d.entries, d.outbox, d.unsent, d.cells, d.chainNets, d.meta], async () => {
      const corrected = e.correctsId === undefined ? undefined : await d.entries.get(e.correctsId);
      const rootNet = corrected ? ((await d.chainNets.get(corrected.rootId))?.net ?? 0) : 0;
      const view: LedgerView = {
        campaign: (id) => (id === ctx.campaign.id ? ctx.campaign : undefined),
        unitExists: (id) => ctx.tree.get(id) !== undefined,
        // A rejected entry never reached the ledger: it cannot be corrected, only replaced.
        entry: (id) => (corrected && corrected.id === id && corrected.syncState !== "rejected" ? corrected : undefined),
        chainNet: () => rootNet,
      };
      const outcome = checkEntryRules(e, view);
      if (!outcome.ok) throw new EntryRuleError(outcome.reason);
      if (await d.entries.get(e.id)) throw new EntryRuleError("conflict");
      const row: LedgerRow = {
        ...e,
        phaseId: outcome.phaseId,
        rootId: outcome.rootId,
        ownerId: ctx.ownerId,
        seq: await nextSeq(1),
      };
      await d.entries.add(row);
      await d.outbox.add(outboxRowOf(row));
      await addToCell(row, e.quantity);
      const unsent = new UnsentDelta();
      unsent.add(row, e.quantity);
      await unsent.write();
      await d.chainNets.put({ rootId: outcome.rootId, net: rootNet + e.quantity });
      return { ...row, syncState: "pending" };
    });
  } catch (err) {
    if (isQuotaError(err)) throw new StorageFullError();
    throw err;
  }
}

/** Reserve `count` numbers of the save order; returns the first. Call inside a transaction holding `meta`. */
export async function nextSeq(count: number): Promise<number> {
  const d = db();
  const last = (await d.meta.get(ENTRY_SEQ))?.value ?? 0;
  await d.meta.put({ key: ENTRY_SEQ, value: last + count });
  return last + 1;
}

/** Add to a cell's net, creating the cell when new. Call inside a transaction. */
export async function addToCell(e: CellPlace, net: number): Promise<void> {
  const d = db();
  const cell = await d.cells.get([e.campaignId, e.partId, e.unitId, e.phaseId]);
  await d.cells.put({ ...pickCell(e), net: (cell?.net ?? 0) + net });
}

export type LedgerFilter = {
  unitId?: string | undefined;
  partId?: string | undefined;
  campaignId?: string | undefined;
  limit?: number;
  /** A further test on each row (e.g. "not reviewed yet"), applied before the limit. */
  only?: (e: LedgerRow) => boolean;
};

/** Whether a row passes the filter's unit, part, campaign and further test (not its limit). */
export function ledgerMatcher(f: LedgerFilter): (e: LedgerRow) => boolean {
  return (e) =>
    (f.unitId === undefined || e.unitId === f.unitId) &&
    (f.partId === undefined || e.partId === f.partId) &&
    (f.campaignId === undefined || e.campaignId === f.campaignId) &&
    (f.only === undefined || f.only(e));
}

/** The ledger, newest first, filtered by unit and part (reading only that unit's or part's entries). */
export async function listEntries(f: LedgerFilter = {}): Promise<LocalEntry[]> {
  const entries = db().entries;
  const matches = ledgerMatcher(f);
  const byIndex = (index: string, key: string) =>
    entries.where(index).between([key, Dexie.minKey], [key, Dexie.maxKey]).reverse();
  const collection =
    f.unitId !== undefined
      ? byIndex("[unitId+createdAt]", f.unitId)
      : f.partId !== undefined
        ? byIndex("[partId+createdAt]", f.partId)
        : entries.orderBy("createdAt").reverse();
  const d = db();
  return d.transaction("r", [d.entries, d.outbox], async () =>
    withSyncState(
      await collection
        .filter(matches)
        .limit(f.limit ?? 100)
        .toArray(),
    ),
  );
}

/** One entry's whole chain (the original and every correction), oldest first. */
export async function entryHistory(entryId: string): Promise<LocalEntry[]> {
  const d = db();
  const e = await d.entries.get(entryId);
  if (!e) return [];
  const all: LedgerRow[] = [];
  // Corrections are found by walking down `correctsId` from the root.
  let frontier = [e.rootId];
  const root = await d.entries.get(e.rootId);
  if (root) all.push(root);
  while (frontier.length > 0) {
    const next = await d.entries.where("correctsId").anyOf(frontier).toArray();
    all.push(...next);
    frontier = next.map((n) => n.id);
  }
  return withSyncState(all.sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
}

/** Net of the chain an entry belongs to (what the entry counts for now, after corrections). */
export async function chainNetOf(entryId: string): Promise<number> {
  const e = await db().entries.get(entryId);
  if (!e) return 0;
  return (await db().chainNets.get(e.rootId))?.net ?? 0;
}
