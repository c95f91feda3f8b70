/**
 * The outbox as it is stored (version 9 on): each owner's waiting entries, in save order, in
 * pages of at most `OUTBOX_PAGE` entries, one IndexedDB record a page, each with two small records
 * under the same key: its head (its entries' `[ownerId, id]`, a multi-entry index) and its sums by
 * cell (the unsent part of the totals, read by the overview without the entries or their keys).
 *
 * Why pages: a record per entry paid IndexedDB's per-record price on every read and delete
 * (reading and deleting 10,000 waiting entries: ~330 ms bare against ~90 ms as pages of 100,
 * bench/idb-rows.mjs), and the unsent sums, one row per campaign, were rewritten by every
 * acknowledged batch. Now acknowledging a batch deletes its pages, heads and sums by key, reading
 * only the heads; a save appends to its owner's last page (rewriting up to 100 entries, ~3 ms).
 *
 * A page is keyed by its owner and the save number it was started with (`first`); every entry in
 * it has that number or a later one, and every entry of the owner's later pages a later one still,
 * so pages read in key order give entries in save order. A page whose last entry goes is deleted
 * with its head and sums, so no page is ever empty; heads and sums are always written from their
 * page's rows.
 *
 * Only `LedgerWrite` (ledger-write.ts) writes pages; these functions run inside the caller's
 * transaction when there is one (holding `outboxPages`, `outboxHeads` and `outboxSums`).
 */
import Dexie, { type Table } from "dexie";
import { db, headOf, OUTBOX_PAGE, type OutboxHead, type OutboxPage, type OutboxRow } from "./database";

/** What identifies a waiting entry. */
export type OutboxKey = { ownerId: string; id: string; seq: number };

type Bound = number | typeof Dexie.minKey | typeof Dexie.maxKey;

/** One owner's pages, or their heads, from page key `from` (itself included or not) to `to`. */
function ownerRange<R>(
  table: Table<R, [string, number]>,
  ownerId: string,
  from: Bound,
  to: Bound,
  fromIncluded = true,
) {
  return table.where("[ownerId+first]").between([ownerId, from], [ownerId, to], fromIncluded, true);
}

/** The key of the page that holds save number `seq` of `ownerId`, if any page could. */
async function pageStartAt(ownerId: string, seq: number): Promise<number | undefined> {
  const [key] = await ownerRange(db().outboxHeads, ownerId, Dexie.minKey, seq).reverse().limit(1).primaryKeys();
  return key?.[1];
}

/**
 * The first `limit` waiting entries of `ownerId` after save number `after` (from the start when
 * absent), in save order. Reads only the pages that can hold them, a few at a time.
 */
export async function outboxRows(
  ownerId: string,
  limit = Number.POSITIVE_INFINITY,
  after?: number,
): Promise<OutboxRow[]> {
  const later = (r: OutboxRow) => after === undefined || r.seq > after;
  let from: Bound = after === undefined ? Dexie.minKey : ((await pageStartAt(ownerId, after)) ?? after);
  let fromIncluded = true;
  const out: OutboxRow[] = [];
  while (out.length < limit) {
    const range = ownerRange(db().outboxPages, ownerId, from, Dexie.maxKey, fromIncluded);
    // Enough full pages for what is missing, and one for a first page spent before `after`.
    const count = Number.isFinite(limit)
      ? Math.ceil((limit - out.length) / OUTBOX_PAGE) + (after === undefined ? 0 : 1)
      : undefined;
    const pages: OutboxPage[] = await (count === undefined ? range : range.limit(count)).toArray();
    for (const page of pages) out.push(...page.rows.filter(later));
    const last = pages.at(-1);
    if (!last || count === undefined || pages.length < count) break;
    from = last.first;
    fromIncluded = false;
  }
  return out.slice(0, limit);
}

/** Every waiting entry on this phone (all owners), each owner's in save order. */
export async function allOutboxRows(): Promise<OutboxRow[]> {
  return (await db().outboxPages.toArray()).flatMap((p) => p.rows);
}

/** The ids of every waiting entry on this phone (all owners), read from the index alone. */
export async function outboxIds(): Promise<Set<string>> {
  const keys = (await db().outboxHeads.orderBy("entryKeys").keys()) as unknown as [string, string][];
  return new Set(keys.map(([, id]) => id));
}

/** Which of these entries wait in the outbox, by id (an index lookup). */
export async function waitingAmong(entries: readonly { ownerId: string; id: string }[]): Promise<Set<string>> {
  if (entries.length === 0) return new Set();
  const keys = (await db()
    .outboxHeads.where("entryKeys")
    .anyOf(entries.map((e) => [e.ownerId, e.id]))
    .keys()) as unknown as [string, string][];
  return new Set(keys.map(([, id]) => id));
}

/** How many entries wait, in all or for one owner (an index count, no page read). */
export async function countOutbox(ownerId?: string): Promise<number> {
  const heads = db().outboxHeads;
  if (ownerId === undefined) return heads.orderBy("entryKeys").count();
  return heads.where("entryKeys").between([ownerId, Dexie.minKey], [ownerId, Dexie.maxKey], true, true).count();
}

/** A campaign's unsent sums by `cellKey`: the pages' sums added up (empty when nothing waits). */
export async function unsentSums(campaignId: string): Promise<Record<string, number>> {
  const prefix = `${campaignId}\u0000`;
  const sums: Record<string, number> = {};
  for (const page of await db().outboxSums.toArray()) {
    for (const [key, q] of Object.entries(page.byCell)) if (key.startsWith(prefix)) sums[key] = (sums[key] ?? 0) + q;
  }
  for (const [key, q] of Object.entries(sums)) if (q === 0) delete sums[key];
  return sums;
}

/** Append entries to their owners' outboxes (each owner's rows in save order, after what waits). */
export async function appendToOutbox(rows: readonly OutboxRow[]): Promise<void> {
  const pages: OutboxPage[] = [];
  for (const [ownerId, mine] of byOwner(rows)) {
    const lastHead = await ownerRange(db().outboxHeads, ownerId, Dexie.minKey, Dexie.maxKey).last();
    let page =
      lastHead && lastHead.entryKeys.length < OUTBOX_PAGE
        ? await db().outboxPages.get([ownerId, lastHead.first])
        : undefined;
    if (page) pages.push(page);
    for (const row of mine) {
      if (!page || page.rows.length >= OUTBOX_PAGE) {
        page = { ownerId, first: row.seq, rows: [] };
        pages.push(page);
      }
      page.rows.push(row);
    }
  }
  await writePages(pages);
}

/** Entries found waiting (their ids) and the heads of the pages that hold them. */
export type Waiting = { ids: Set<string>; heads: OutboxHead[] };

/**
 * Which of these entries still wait, reading only the heads of the pages between each owner's
 * first and last save number given. Pass the answer to `removeFromOutbox` in the same transaction.
 */
export async function findWaiting(keys: readonly OutboxKey[]): Promise<Waiting> {
  const wanted = new Set(keys.map((k) => k.id));
  const ids = new Set<string>();
  const heads: OutboxHead[] = [];
  for (const [ownerId, mine] of byOwner(keys)) {
    const seqs = mine.map((k) => k.seq);
    const lo = Math.min(...seqs);
    const start = (await pageStartAt(ownerId, lo)) ?? lo;
    for (const head of await ownerRange(db().outboxHeads, ownerId, start, Math.max(...seqs)).toArray()) {
      const held = head.entryKeys.filter(([, id]) => wanted.has(id));
      if (held.length === 0) continue;
      heads.push(head);
      for (const [, id] of held) ids.add(id);
    }
  }
  return { ids, heads };
}

/**
 * Take entries out of the outbox (`ids`, found in the pages of `heads`: the server has answered
 * for them, or a pull showed it holds them). A page left empty goes with its head and sums, by
 * key, unread; any other is read and rewritten without them.
 */
export async function removeFromOutbox(heads: readonly OutboxHead[], ids: ReadonlySet<string>): Promise<void> {
  const gone: [string, number][] = [];
  const partly: [string, number][] = [];
  for (const head of heads) {
    const key: [string, number] = [head.ownerId, head.first];
    if (head.entryKeys.every(([, id]) => ids.has(id))) gone.push(key);
    else if (head.entryKeys.some(([, id]) => ids.has(id))) partly.push(key);
  }
  const d = db();
  if (gone.length > 0) {
    await Promise.all([d.outboxPages.bulkDelete(gone), d.outboxHeads.bulkDelete(gone), d.outboxSums.bulkDelete(gone)]);
  }
  if (partly.length === 0) return;
  const pages = (await d.outboxPages.bulkGet(partly)).flatMap((p) => (p ? [p] : []));
  await writePages(pages.map((p) => ({ ...p, rows: p.rows.filter((r) => !ids.has(r.id)) })));
}

/** Write pages with their heads and sums (none of them empty). */
async function writePages(pages: readonly OutboxPage[]): Promise<void> {
  if (pages.length === 0) return;
  const d = db();
  const derived = pages.map(headOf);
  await Promise.all([
    d.outboxPages.bulkPut([...pages]),
    d.outboxHeads.bulkPut(derived.map((x) => x.head)),
    d.outboxSums.bulkPut(derived.map((x) => x.sums)),
  ]);
}

function byOwner<T extends { ownerId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const mine = out.get(r.ownerId);
    if (mine) mine.push(r);
    else out.set(r.ownerId, [r]);
  }
  return out;
}
