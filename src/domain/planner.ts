/**
 * The entry planner: what an arriving entry does, decided once for every way an entry arrives
 * (a push, a handover upload on the server; a save, a handover import on the phone).
 *
 * A store reads a snapshot — the entries it already holds under the ids and `correctsId`s the
 * batch names, and the nets of their chains — inside its write transaction, hands it to
 * `planEntries`, and writes what the plan says in that same transaction. The planner is
 * synchronous and does no I/O, so the phone (fake-indexeddb in tests, IndexedDB in Chromium) and
 * the server (SQLite, PostgreSQL) cannot disagree about a result.
 *
 * Each entry, in batch order (DESIGN §2 and §7):
 * 1. its shape was checked before (`prepareEntry`): `invalid` with the zod path;
 * 2. its id already held (or stored earlier in this batch) from the same author with the same
 *    content → `duplicate`, before any scope or rule check, so a retry after a scope change or a
 *    campaign close is still acknowledged;
 * 3. its unit outside the author's scope → `forbidden` (a unit that does not exist is outside
 *    every scope but an admin's);
 * 4. its id already held → `duplicate` when the content matches (another device delivered it
 *    first), else `conflict`;
 * 5. the ledger rules (`checkEntryRules`), seeing the snapshot plus what this batch stored so far,
 *    so a correction may follow its original in one batch. An entry outside the author's scope,
 *    or one the server refused, cannot be corrected: it is unknown.
 * Otherwise `stored`: the plan holds the store's row for it, its cell delta and its chain's new net.
 */
import { issuePath, rawIdOf } from "./api";
import { checkEntryRules, type KnownEntry, type LedgerView, sameContent } from "./ledger";
import { type Campaign, type Entry, entry as entrySchema, type PushResult } from "./schemas";
import { type Cell, cellKey } from "./totals";
import { inScope, type Scope, type UnitTree } from "./units";

/** An entry the store already holds, as the planner needs it. */
export type SnapshotEntry = Entry & {
  rootId: string;
  authorId: string;
  /** Refused by the server and kept on the phone: it counts nowhere and cannot be corrected. */
  rejected?: boolean;
};

/** What the store holds about the ids and chains a batch names. */
export type PlanSnapshot = {
  /** Id → held entry, for every id and `correctsId` of the batch that is held. */
  entries: ReadonlyMap<string, SnapshotEntry>;
  /** Root id → net of its chain, for the root of every entry in `entries`. */
  chainNets: ReadonlyMap<string, number>;
};

/** Who sends the batch, and the catalogue it is judged against. */
export type PlanContext = {
  campaign(id: string): Campaign | undefined;
  tree: UnitTree;
  scope: Scope;
  authorId: string;
};

/** One arriving entry after its shape check: a result already, or a normalised entry. */
export type Incoming = { rawId: string; rejected: PushResult } | { rawId: string; entry: Entry };

/** Builds a store's row for an entry the plan stores (each store keeps its own row shape). */
export type RowMaker<R> = (e: Entry, phaseId: string, rootId: string) => R;

/** What a store writes, all in the transaction it read the snapshot in. */
export type EntryPlan<R> = {
  /** One result per incoming entry, in order. */
  results: PushResult[];
  /** The rows to add, in batch order. */
  rows: R[];
  /** What to add to each touched cell, by `cellKey`. */
  cellDeltas: Map<string, Cell>;
  /** The new net of every chain this batch added to (new roots included). */
  chainNets: Map<string, number>;
  /** The new net of every chain that received a correction in this batch (a subset of `chainNets`). */
  correctedChainNets: Map<string, number>;
};

/** A shape check that behaves like zod's `safeParse` (the server passes a compiled one). */
export type EntryParser = (raw: unknown) => ReturnType<typeof entrySchema.safeParse>;

const parseEntry: EntryParser = (raw) => entrySchema.safeParse(raw);

/** Step 1: one raw entry's shape (`invalid` with the path), its ids lower-cased (UUIDs compare case-insensitively). */
export function prepareEntry(raw: unknown, parse: EntryParser = parseEntry): Incoming {
  const rawId = rawIdOf(raw);
  const parsed = parse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first ? issuePath(first) : "";
    const rejected: PushResult = { id: rawId, status: "rejected", reason: "invalid" };
    if (path !== "") rejected.path = path;
    return { rawId, rejected };
  }
  // The parser's output is an object of its own: lower-case in place rather than copy it.
  const e = parsed.data;
  e.id = e.id.toLowerCase();
  if (e.correctsId !== undefined) e.correctsId = e.correctsId.toLowerCase();
  return { rawId, entry: e };
}

/**
 * Step 1 for an entry the entry schema has already parsed (each entry of a handover file that
 * `readHandover` verified): what `prepareEntry` gives for it, without parsing it a second time
 * (5,000 entries: ~25 ms on a desktop, four times that on a cheap phone). A copy, ids lower-cased.
 */
export function preparedEntry(e: Entry): Incoming {
  const entry = { ...e, id: e.id.toLowerCase() };
  if (e.correctsId !== undefined) entry.correctsId = e.correctsId.toLowerCase();
  return { rawId: e.id, entry };
}

/** The ids a snapshot must hold for a batch: every entry's id and `correctsId` (repeats are harmless). */
export function idsToLoad(incoming: readonly Incoming[]): string[] {
  const ids: string[] = [];
  for (const p of incoming) {
    if (!("entry" in p)) continue;
    ids.push(p.entry.id);
    if (p.entry.correctsId !== undefined) ids.push(p.entry.correctsId);
  }
  return ids;
}

/** The ids a plan cannot do without: the entries the batch's corrections correct. */
export function correctedIds(incoming: readonly Incoming[]): string[] {
  const ids: string[] = [];
  for (const p of incoming) if ("entry" in p && p.entry.correctsId !== undefined) ids.push(p.entry.correctsId);
  return ids;
}

/** Steps 2 to 5 for a batch: every result, and what the store must write. */
export function planEntries<R>(
  snapshot: PlanSnapshot,
  incoming: readonly Incoming[],
  ctx: PlanContext,
  makeRow: RowMaker<R>,
): EntryPlan<R> {
  const accepted = new Map<string, { entry: Entry; rootId: string }>();
  const chainNets = new Map<string, number>();
  const correctedChainNets = new Map<string, number>();
  const cellDeltas = new Map<string, Cell>();
  const rows: R[] = [];
  const view: LedgerView = {
    campaign: (id) => ctx.campaign(id),
    tree: ctx.tree,
    entry: (id): KnownEntry | undefined => {
      const a = accepted.get(id);
      if (a) return { ...a.entry, rootId: a.rootId };
      const held = snapshot.entries.get(id);
      return held && !held.rejected && inScope(ctx.scope, held.unitId) ? held : undefined;
    },
    chainNet: (rootId) => chainNets.get(rootId) ?? snapshot.chainNets.get(rootId) ?? 0,
  };
  const results = incoming.map((p): PushResult => {
    if ("rejected" in p) return p.rejected;
    const e = p.entry;
    const id = p.rawId;
    const a = accepted.get(e.id);
    const previous = a?.entry ?? snapshot.entries.get(e.id);
    const previousAuthor = a ? ctx.authorId : snapshot.entries.get(e.id)?.authorId;
    if (previous && previousAuthor === ctx.authorId && sameContent(previous, e)) return { id, status: "duplicate" };
    if (!inScope(ctx.scope, e.unitId)) return { id, status: "rejected", reason: "forbidden" };
    if (previous) {
      return sameContent(previous, e) ? { id, status: "duplicate" } : { id, status: "rejected", reason: "conflict" };
    }
    const outcome = checkEntryRules(e, view);
    if (!outcome.ok) return { id, status: "rejected", reason: outcome.reason };
    const { phaseId, rootId } = outcome;
    rows.push(makeRow(e, phaseId, rootId));
    accepted.set(e.id, { entry: e, rootId });
    if (e.correctsId === undefined) chainNets.set(rootId, e.quantity);
    else {
      const net = view.chainNet(rootId) + e.quantity;
      chainNets.set(rootId, net);
      correctedChainNets.set(rootId, net);
    }
    const key = cellKey(e.campaignId, e.partId, e.unitId, phaseId);
    const cell = cellDeltas.get(key);
    if (cell) cell.net += e.quantity;
    else
      cellDeltas.set(key, { campaignId: e.campaignId, partId: e.partId, unitId: e.unitId, phaseId, net: e.quantity });
    return { id, status: "stored" };
  });
  return { results, rows, cellDeltas, chainNets, correctedChainNets };
}
