/**
 * The outbox kept in pages (version 9): entries wait in save order per owner, whatever is taken
 * out of a page and wherever, and the upgrade from version 8 carries every waiting entry across.
 */
import "fake-indexeddb/auto";
import Dexie from "dexie";
import { describe, expect, it } from "vitest";
import { db, LedgerDb, OUTBOX_PAGE, outboxRowOf, useDatabase } from "../../src/db/database";
import { saveEntry } from "../../src/db/entries";
import { allOutboxRows, outboxIds } from "../../src/db/outbox-pages";
import { withSyncState } from "../../src/db/sync-state";
import { applyPulledEntries, applyPushResults, pendingBatch } from "../../src/db/sync-store";
import { countPending, unsentOf } from "../../src/db/unsent";
import type { Entry } from "../../src/domain/schemas";
import { cellKey } from "../../src/domain/totals";
import { campaign2023, makeEntry, sampleTree } from "../support/fixtures";
import { freshDatabaseForEachTest, shippedDatabase } from "../support/fresh-db";

const owner = (id: string) => ({
  campaign: campaign2023,
  tree: sampleTree,
  owner: { id, role: "officer" as const, unitIds: ["lct"] },
});
freshDatabaseForEachTest("pages");

/** Save `n` entries for `ownerId`; returns them in save order. */
async function save(n: number, ownerId: string): Promise<Entry[]> {
  const out: Entry[] = [];
  for (let i = 0; i < n; i++) {
    const e = makeEntry({ quantity: 1 + (i % 3) });
    await saveEntry(e, owner(ownerId));
    out.push(e);
  }
  return out;
}

const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id);
const stored = (xs: readonly { id: string }[]) => xs.map((x) => ({ id: x.id, status: "stored" as const }));

/** The unsent sums recounted from what waits, to compare with the maintained ones. */
async function recountUnsent(): Promise<Record<string, number>> {
  const sums: Record<string, number> = {};
  for (const r of await allOutboxRows()) {
    const key = cellKey(r.campaignId, r.partId, r.unitId, r.phaseId);
    sums[key] = (sums[key] ?? 0) + r.quantity;
  }
  return sums;
}

describe("the outbox in pages", () => {
  it("keeps each owner's entries in save order, a page holding at most 100, and counts them", async () => {
    const a1 = await save(150, "a");
    const b = await save(3, "b");
    const a2 = await save(100, "a");
    const pages = await db().outboxPages.toArray();
    expect(pages.map((p) => [p.ownerId, p.rows.length])).toEqual([
      ["a", OUTBOX_PAGE],
      ["a", OUTBOX_PAGE],
      ["a", 50],
      ["b", 3],
    ]);
    expect(ids(await pendingBatch("a", 1000))).toEqual(ids([...a1, ...a2]));
    expect(ids(await pendingBatch("b", 1000))).toEqual(ids(b));
    expect(await countPending("a")).toBe(250);
    expect(await countPending("b")).toBe(3);
    expect(await countPending()).toBe(253);
    expect((await outboxIds()).size).toBe(253);
  });

  it("reads a batch of any size from after any save number, across pages", async () => {
    const a = await save(260, "a");
    const firstBatch = await pendingBatch("a", 7);
    expect(ids(firstBatch)).toEqual(ids(a.slice(0, 7)));
    const after = firstBatch.at(-1)?.seq ?? 0;
    expect(ids(await pendingBatch("a", 150, after))).toEqual(ids(a.slice(7, 157)));
    // From the end of a page: the next page on.
    const hundredth = (await pendingBatch("a", 100)).at(-1)?.seq ?? 0;
    expect(ids(await pendingBatch("a", 120, hundredth))).toEqual(ids(a.slice(100, 220)));
    const last = (await pendingBatch("a", 1000)).at(-1)?.seq ?? 0;
    expect(await pendingBatch("a", 10, last)).toEqual([]);
    expect(await pendingBatch("nobody", 10)).toEqual([]);
  });

  it("takes out whatever the server answered, even scattered through pages, and keeps the rest in order", async () => {
    const a = await save(230, "a");
    const batch = await pendingBatch("a", 230);
    // The server answers every third entry only (as a server that lost part of a batch might).
    const answered = batch.filter((_, i) => i % 3 === 0);
    expect(await applyPushResults(batch, stored(answered))).toEqual({ synced: answered.length, rejected: 0 });
    const left = a.filter((_, i) => i % 3 !== 0);
    expect(ids(await pendingBatch("a", 1000))).toEqual(ids(left));
    expect(await countPending("a")).toBe(left.length);
    expect(await unsentOf(campaign2023.id)).toEqual(await recountUnsent());
    // Answering again changes nothing (the entries are no longer waiting).
    expect(await applyPushResults(batch, stored(answered))).toEqual({ synced: 0, rejected: 0 });
    // A save after that still comes last.
    const [later] = await save(1, "a");
    expect((await pendingBatch("a", 1000)).at(-1)?.id).toBe(later?.id);
    // Every page left holds something; answering the rest empties the outbox and its pages.
    expect((await db().outboxPages.toArray()).every((p) => p.rows.length > 0)).toBe(true);
    const rest = await pendingBatch("a", 1000);
    await applyPushResults(rest, stored(rest));
    expect(await db().outboxPages.count()).toBe(0);
    expect(await unsentOf(campaign2023.id)).toEqual({});
  });

  it("settles a waiting entry a pull shows the server holds, from the middle of a page", async () => {
    const a = await save(120, "a");
    const middle = a[42] as Entry;
    const pulled = { ...middle, authorId: "a", receivedAt: "2023-03-16T00:00:00.000Z" };
    await applyPulledEntries([pulled], [campaign2023]);
    expect(await countPending("a")).toBe(119);
    expect((await pendingBatch("a", 1000)).some((r) => r.id === middle.id)).toBe(false);
    const rows = await db().entries.bulkGet([middle.id, a[43]?.id ?? ""]);
    const states = await withSyncState(rows.filter((r) => r !== undefined));
    expect(states.map((s) => s.syncState)).toEqual(["synced", "pending"]);
    expect(await unsentOf(campaign2023.id)).toEqual(await recountUnsent());
  });
});

describe("schema upgrade to version 9", () => {
  it("moves every waiting entry of version 8 into its owner's pages, in save order", async () => {
    const upgradeName = `upgrade-v8-${Math.random()}`;
    // Version 8 as shipped: its schema and every one before it.
    const v8 = shippedDatabase(upgradeName, 8);
    // 230 of "a" and 2 of "b", saved interleaved; the outbox table holds them in key order.
    const rows = Array.from({ length: 232 }, (_, i) => {
      const e = makeEntry({ quantity: 2 });
      return { ...e, phaseId: "dot-1", ownerId: i === 7 || i === 100 ? "b" : "a", rootId: e.id, seq: i + 1 };
    });
    await v8.table("entries").bulkAdd(rows);
    await v8.table("outbox").bulkAdd(rows.map(outboxRowOf));
    const key = cellKey(campaign2023.id, "t1-1", "tam-duong-01", "dot-1");
    await v8.table("unsent").put({ campaignId: campaign2023.id, byCell: { [key]: 464 } });
    v8.close();

    const v9 = new LedgerDb(upgradeName);
    useDatabase(v9);
    const mine = (o: string) => ids(rows.filter((r) => r.ownerId === o));
    expect(ids(await pendingBatch("a", 1000))).toEqual(mine("a"));
    expect(ids(await pendingBatch("b", 1000))).toEqual(mine("b"));
    expect((await v9.outboxPages.toArray()).map((p) => p.rows.length)).toEqual([100, 100, 30, 2]);
    expect(await countPending()).toBe(232);
    expect(v9.tables.map((t) => t.name)).not.toContain("outbox");
    expect(await unsentOf(campaign2023.id)).toEqual({ [key]: 464 });
    // Pushing them works as before: the sums come back to nothing.
    for (const o of ["a", "b"]) {
      const batch = await pendingBatch(o, 500);
      await applyPushResults(batch, stored(batch));
    }
    expect(await countPending()).toBe(0);
    expect(await unsentOf(campaign2023.id)).toEqual({});
    v9.close();
    await Dexie.delete(upgradeName);
  });
});
