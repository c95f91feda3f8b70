/**
 * Writing and reading the ledger on the phone. A new entry is judged by the planner the server
 * uses (`planEntries`, src/domain/planner.ts) and written by `LedgerWrite` in one strict
 * IndexedDB transaction with its cell, its chain net, its outbox row and the unsent sums, so the
 * totals can never disagree with the ledger, and a full disk aborts the whole write leaving
 * everything else untouched.
 */
import Dexie from "dexie";
import { type Incoming, idsToLoad, type PlanSnapshot, planEntries, type SnapshotEntry } from "../domain/planner";
import type { Campaign, Entry, PushResult, RejectReason, UserProfile } from "../domain/schemas";
import { scopeOf, type UnitTree } from "../domain/units";
import { toWireEntry } from "../domain/wire";
import { readChainNets } from "./chain-nets";
import { db, type LedgerRow, type LocalEntry } from "./database";
import { LedgerWrite, ledgerTables, nextSeq } from "./ledger-write";
import { withSyncState } from "./sync-state";

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

/** What the phone plans an arriving entry against: the campaigns it knows, its tree, and who adds the entry. */
export type PlanOnPhoneContext = {
  campaigns: readonly Campaign[];
  tree: UnitTree;
  owner: Pick<UserProfile, "id" | "role" | "unitIds">;
};

/** Everything `saveEntry` needs to check an entry offline. */
export type SaveContext = { campaign: Campaign; tree: UnitTree; owner: Pick<UserProfile, "id" | "role" | "unitIds"> };

/** Whether an IndexedDB failure (or Dexie's wrapper of one) says the phone's storage is full. */
export function isQuotaError(err: unknown): boolean {
  const names = [err instanceof Error ? err.name : "", (err as { inner?: Error })?.inner?.name ?? ""];
  return names.some((n) => n === "QuotaExceededError" || n === "QuotaExceeded");
}

/**
 * What the phone holds about the ids a batch names, as the planner reads it: the wire form of each
 * row (so content compares as the server compares it), its chain, its author, whether the server
 * refused it; and the nets of those chains.
 */
async function readSnapshot(ids: readonly string[]): Promise<PlanSnapshot> {
  const d = db();
  const entries = new Map<string, SnapshotEntry>();
  for (const row of await d.entries.bulkGet(await heldAmong(ids))) {
    if (!row) continue;
    const held: SnapshotEntry = { ...toWireEntry(row), rootId: row.rootId, authorId: row.ownerId };
    if (row.syncState === "rejected") held.rejected = true;
    entries.set(row.id, held);
  }
  return { entries, chainNets: await readChainNets([...entries.values()].map((e) => e.rootId)) };
}

/** From this many ids on, the ledger's keys may be read at once rather than one request per id. */
const MANY_IDS = 200;

/**
 * The ids the ledger may hold. A batch of a few ids (a save) is looked up as it is; a large one (a
 * handover file of thousands) is first matched against every key of the ledger, read in one
 * request, unless the ledger is much larger than the batch: each lookup by id is an IndexedDB
 * request of its own, and 6,000 of them cost an import more than writing its entries.
 */
async function heldAmong(ids: readonly string[]): Promise<string[]> {
  if (ids.length < MANY_IDS) return [...ids];
  const d = db();
  if ((await d.entries.count()) > ids.length * 20) return [...ids];
  const held = new Set(await d.entries.toCollection().primaryKeys());
  return ids.filter((id) => held.has(id));
}

/**
 * Plan a batch of arriving entries with the server's planner and write what it decides: stored
 * entries join the ledger and the outbox. Call inside a transaction over `ledgerTables()`.
 */
export async function planOnPhone(
  incoming: readonly Incoming[],
  ctx: PlanOnPhoneContext,
): Promise<{ results: PushResult[]; rows: LedgerRow[] }> {
  const snapshot = await readSnapshot(idsToLoad(incoming));
  const campaigns = new Map(ctx.campaigns.map((c) => [c.id, c]));
  const ownerId = ctx.owner.id;
  let seq = await nextSeq(incoming.length);
  const plan = planEntries(
    snapshot,
    incoming,
    { campaign: (id) => campaigns.get(id), tree: ctx.tree, scope: scopeOf(ctx.owner, ctx.tree), authorId: ownerId },
    (e, phaseId, rootId): LedgerRow => ({ ...toWireEntry(e), phaseId, rootId, ownerId, seq: seq++ }),
  );
  await new LedgerWrite().applyPlan(plan).write();
  return { results: plan.results, rows: plan.rows };
}

/**
 * Check and store a new entry (or correction) as pending, with its cell and chain net, in one
 * strict transaction. Resolves only once the write is durable: only then may the UI say saved.
 */
export async function saveEntry(e: Entry, ctx: SaveContext): Promise<LocalEntry> {
  const d = db();
  try {
    return await d.transaction("rw", ledgerTables(d), async () => {
      const plan = await planOnPhone([{ rawId: e.id, entry: e }], { ...ctx, campaigns: [ctx.campaign] });
      const [result] = plan.results;
      if (result?.status === "rejected") throw new EntryRuleError(result.reason ?? "invalid");
      const [row] = plan.rows;
      if (row) return { ...row, syncState: "pending" };
      // Saved before (the same entry twice): what the ledger holds.
      const [held] = await withSyncState((await d.entries.bulkGet([e.id])).filter((r) => r !== undefined));
      if (!held) throw new EntryRuleError("conflict");
      return held;
    });
  } catch (err) {
    if (isQuotaError(err)) throw new StorageFullError();
    throw err;
  }
}

/**
 * Store several entries together or none of them: one strict transaction, one plan (so a later
 * entry sees the earlier ones, as in a push). A refusal of any one throws `EntryRuleError` and
 * the transaction is rolled back, so e.g. a void never stands without the entry that replaces it.
 */
export async function saveEntriesTogether(entries: readonly Entry[], ctx: SaveContext): Promise<void> {
  const d = db();
  try {
    await d.transaction("rw", ledgerTables(d), async () => {
      const incoming = entries.map((e) => ({ rawId: e.id, entry: e }));
      const plan = await planOnPhone(incoming, { ...ctx, campaigns: [ctx.campaign] });
      const refused = plan.results.find((r) => r.status !== "stored");
      if (refused) throw new EntryRuleError(refused.reason ?? "conflict");
    });
  } catch (err) {
    if (isQuotaError(err)) throw new StorageFullError();
    throw err;
  }
}

export type LedgerFilter = {
  unitId?: string | undefined;
  partId?: string | undefined;
  campaignId?: string | undefined;
  limit?: number;
  /**
   * One row per entry: only the entries that head a ledger row — originals, and corrections the
   * server refused (they joined no chain, so no original stands for them).
   */
  headsOnly?: boolean;
  /** A further test on each row (e.g. "not reviewed yet"), applied before the limit. */
  only?: (e: LedgerRow) => boolean;
  /**
   * Who looks: entries another user made on this phone that never reached the server (waiting,
   * or refused) are theirs alone and hidden from everyone else (a shared phone).
   */
  viewerId?: string;
};

/** Whether an entry heads its own ledger row: an original, or a correction the server refused. */
export function isLedgerHead(e: Pick<LedgerRow, "correctsId" | "syncState">): boolean {
  return e.correctsId === undefined || e.syncState === "rejected";
}

/** The id of the ledger row an entry is shown by: its own if it heads one, else its original's. */
export function ledgerRowId(e: Pick<LedgerRow, "id" | "rootId" | "correctsId" | "syncState">): string {
  return isLedgerHead(e) ? e.id : e.rootId;
}

/** Whether a row passes the filter's unit, part, campaign and further test (not its limit). */
export function ledgerMatcher(f: LedgerFilter): (e: LedgerRow) => boolean {
  return (e) =>
    (f.unitId === undefined || e.unitId === f.unitId) &&
    (f.partId === undefined || e.partId === f.partId) &&
    (f.campaignId === undefined || e.campaignId === f.campaignId) &&
    (!f.headsOnly || isLedgerHead(e)) &&
    (f.viewerId === undefined || e.ownerId === f.viewerId || e.syncState === "synced") &&
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
  return d.transaction("r", [d.entries, d.outboxHeads], async () =>
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
  return (await readChainNets([e.rootId])).get(e.rootId) ?? 0;
}
