import "fake-indexeddb/auto";
import Dexie from "dexie";
import { describe, expect, it } from "vitest";
import {
  db,
  LedgerDb,
  outboxRowOf,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_V5,
  useDatabase,
} from "../../src/db/database";
import {
  chainNetOf,
  EntryRuleError,
  entryHistory,
  listEntries,
  StorageFullError,
  saveEntry,
} from "../../src/db/entries";
import { applyPulledEntries, applyPushResults, pendingBatch } from "../../src/db/sync-store";
import { localTotals } from "../../src/db/totals";
import { countPending, unsentOf } from "../../src/db/unsent";
import { cellKey } from "../../src/domain/totals";
import { campaign2023, makeEntry, sampleTree } from "../support/fixtures";
import { freshDatabaseForEachTest } from "../support/fresh-db";

const ctx = {
  campaign: campaign2023,
  tree: sampleTree,
  owner: { id: "u-officer", role: "officer" as const, unitIds: ["lct"] },
};
freshDatabaseForEachTest("test");

async function achieved(partId: string) {
  const t = await localTotals({ campaign: campaign2023, tree: sampleTree, scopeRoots: ["lct"] });
  return {
    synced: t.synced.parts.find((p) => p.partId === partId)?.achieved,
    all: t.all.parts.find((p) => p.partId === partId)?.achieved,
  };
}

describe("saving entries", () => {
  it("stores an entry as pending and counts it in the maintained totals", async () => {
    const e = makeEntry({ quantity: 4 });
    await saveEntry(e, ctx);
    expect(await countPending("u-officer")).toBe(1);
    expect(await achieved("t1-1")).toEqual({ synced: 0, all: 4 });
    expect((await listEntries())[0]?.id).toBe(e.id);
  });

  it("refuses a date outside the campaign and stores nothing", async () => {
    await expect(saveEntry(makeEntry({ date: "2024-03-01" }), ctx)).rejects.toMatchObject({ reason: "outside-phases" });
    expect(await db().entries.count()).toBe(0);
    expect(await db().cells.count()).toBe(0);
  });

  it("keeps a correction chain and its history, and refuses a net below zero", async () => {
    const e = makeEntry({ quantity: 5 });
    await saveEntry(e, ctx);
    const fix = makeEntry({ quantity: -2, correctsId: e.id });
    await saveEntry(fix, ctx);
    await expect(saveEntry(makeEntry({ quantity: -4, correctsId: fix.id }), ctx)).rejects.toBeInstanceOf(
      EntryRuleError,
    );
    const voidIt = makeEntry({ quantity: -3, correctsId: fix.id });
    await saveEntry(voidIt, ctx);
    expect(await chainNetOf(e.id)).toBe(0);
    expect((await entryHistory(voidIt.id)).map((h) => h.id)).toEqual([e.id, fix.id, voidIt.id]);
    expect(await achieved("t1-1")).toEqual({ synced: 0, all: 0 });
  });

  it("refuses the new entry on a full disk and leaves everything else untouched", async () => {
    const kept = makeEntry({ quantity: 3 });
    await saveEntry(kept, ctx);
    const proto = IDBObjectStore.prototype;
    const { add, put } = proto;
    proto.add = proto.put = function quotaFull() {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
    try {
      await expect(saveEntry(makeEntry({ quantity: 9 }), ctx)).rejects.toBeInstanceOf(StorageFullError);
    } finally {
      Object.assign(proto, { add, put });
    }
    expect(await db().entries.count()).toBe(1);
    expect(await achieved("t1-1")).toEqual({ synced: 0, all: 3 });
    expect(await chainNetOf(kept.id)).toBe(3);
  });
});

describe("sync bookkeeping", () => {
  it("moves stored entries to synced, flags rejected ones and keeps them", async () => {
    const a = makeEntry({ quantity: 2 });
    const b = makeEntry({ quantity: 7 });
    await saveEntry(a, ctx);
    await saveEntry(b, ctx);
    const batch = await pendingBatch("u-officer", 500);
    expect(batch.map((e) => e.id)).toEqual([a.id, b.id]);
    await applyPushResults(batch, [
      { id: a.id, status: "stored" },
      { id: b.id, status: "rejected", reason: "forbidden" },
    ]);
    expect(await countPending()).toBe(0);
    expect((await db().entries.get(b.id))?.rejectReason).toBe("forbidden");
    expect(await achieved("t1-1")).toEqual({ synced: 2, all: 2 });
  });

  it("never counts a pulled entry twice, and a pull settles a push whose answer was lost", async () => {
    const mine = makeEntry({ quantity: 2 });
    await saveEntry(mine, ctx);
    const sent = await pendingBatch("u-officer", 500);
    const theirs = makeEntry({ quantity: 10, unitId: "tam-duong-02" });
    const pulled = [mine, theirs].map((e) => ({ ...e, authorId: "u", receivedAt: "2023-03-16T00:00:00.000Z" }));
    await applyPulledEntries(pulled, [campaign2023]);
    await applyPulledEntries(pulled, [campaign2023]);
    expect(await countPending()).toBe(0);
    expect(await achieved("t1-1")).toEqual({ synced: 12, all: 12 });
    // The late push answer changes nothing more.
    expect(await applyPushResults(sent, [{ id: mine.id, status: "duplicate" }])).toEqual({ synced: 0, rejected: 0 });
    expect(await achieved("t1-1")).toEqual({ synced: 12, all: 12 });
  });
});

describe("chain nets", () => {
  const pulledOf = (e: ReturnType<typeof makeEntry>) => ({
    ...e,
    authorId: "u",
    receivedAt: "2023-03-16T00:00:00.000Z",
  });

  it("keeps a row only for a chain with a correction; an original alone counts its own quantity", async () => {
    const original = makeEntry({ quantity: 5 });
    await saveEntry(original, ctx);
    expect(await db().chainNets.count()).toBe(0);
    expect(await chainNetOf(original.id)).toBe(5);
    const fix = makeEntry({ quantity: -2, correctsId: original.id });
    await saveEntry(fix, ctx);
    expect(await db().chainNets.get(original.id)).toEqual({ rootId: original.id, net: 3 });
    expect(await chainNetOf(fix.id)).toBe(3);
    // The planner reads the row, not the original: a net below zero is still refused.
    await expect(saveEntry(makeEntry({ quantity: -4, correctsId: fix.id }), ctx)).rejects.toBeInstanceOf(
      EntryRuleError,
    );
  });

  it("counts a pulled original with its correction, and a correction made here of a pulled original", async () => {
    const root = makeEntry({ quantity: 4 });
    const fix = makeEntry({ quantity: -1, correctsId: root.id });
    const alone = makeEntry({ quantity: 6 });
    await applyPulledEntries([root, fix, alone].map(pulledOf), [campaign2023]);
    expect(await chainNetOf(fix.id)).toBe(3);
    expect(await chainNetOf(alone.id)).toBe(6);
    expect(await db().chainNets.get(alone.id)).toBeUndefined();
    // A correction saved here starts the pulled original's row from its quantity.
    const mine = makeEntry({ quantity: -6, correctsId: alone.id });
    await saveEntry(mine, ctx);
    expect(await chainNetOf(alone.id)).toBe(0);
    // The server refuses the correction: the chain is back at its original's quantity.
    await applyPushResults(await pendingBatch("u-officer", 500), [
      { id: mine.id, status: "rejected", reason: "conflict" },
    ]);
    expect(await chainNetOf(alone.id)).toBe(6);
    expect(await achieved("t1-1")).toEqual({ synced: 9, all: 9 });
  });

  it("counts a refused original as zero, with or without a row written by an earlier version", async () => {
    const [a, b] = [makeEntry({ quantity: 2 }), makeEntry({ quantity: 7 })];
    await saveEntry(a, ctx);
    await saveEntry(b, ctx);
    // Versions before kept a row for every chain; such a row stays and is kept up to date.
    await db().chainNets.put({ rootId: b.id, net: 7 });
    await applyPushResults(await pendingBatch("u-officer", 500), [
      { id: a.id, status: "rejected", reason: "forbidden" },
      { id: b.id, status: "rejected", reason: "forbidden" },
    ]);
    expect(await chainNetOf(a.id)).toBe(0);
    expect(await chainNetOf(b.id)).toBe(0);
    expect(await db().chainNets.get(a.id)).toBeUndefined();
  });
});

describe("the outbox", () => {
  it("acknowledges what the server answered for and nothing else, leaving the ledger rows as saved", async () => {
    const [a, b, c] = [makeEntry({ quantity: 1 }), makeEntry({ quantity: 2 }), makeEntry({ quantity: 3 })];
    for (const e of [a, b, c]) await saveEntry(e, ctx);
    const rowsBefore = await db().entries.bulkGet([a.id, b.id, c.id]);
    const batch = await pendingBatch("u-officer", 500);
    // The answer for b is missing (a server must answer for each entry; if one does not, b waits).
    const applied = await applyPushResults(batch, [
      { id: a.id, status: "stored" },
      { id: c.id, status: "duplicate" },
    ]);
    expect(applied).toEqual({ synced: 2, rejected: 0 });
    expect((await pendingBatch("u-officer", 500)).map((e) => e.id)).toEqual([b.id]);
    expect(await db().entries.bulkGet([a.id, b.id, c.id])).toEqual(rowsBefore);
    const states = new Map((await listEntries()).map((e) => [e.id, e.syncState]));
    expect([states.get(a.id), states.get(b.id), states.get(c.id)]).toEqual(["synced", "pending", "synced"]);
    expect(await achieved("t1-1")).toEqual({ synced: 4, all: 6 });
  });

  it("reads one user's batch in save order, at most the limit", async () => {
    const entries = Array.from({ length: 5 }, (_, i) => makeEntry({ quantity: i + 1 }));
    for (const e of entries) await saveEntry(e, ctx);
    expect((await pendingBatch("u-officer", 4)).map((e) => e.id)).toEqual(entries.slice(0, 4).map((e) => e.id));
    expect(await pendingBatch("someone-else", 10)).toEqual([]);
  });
});

describe("schema upgrade", () => {
  it("moves the unsent entries of version 4 into the outbox, in save order, and merges the cells", async () => {
    const upgradeName = `upgrade-v4-${Math.random()}`;
    const v4 = new Dexie(upgradeName);
    v4.version(1).stores(SCHEMA_V1);
    v4.version(2).stores(SCHEMA_V2);
    v4.version(3).stores(SCHEMA_V3);
    v4.version(4).stores(SCHEMA_V4);
    const first = { ...makeEntry({ quantity: 4 }), phaseId: "dot-1", ownerId: "u", syncState: "pending", seq: 2 };
    const fix = {
      ...makeEntry({ quantity: -1, correctsId: first.id }),
      phaseId: "dot-1",
      ownerId: "u",
      syncState: "pending",
      seq: 3,
    };
    const synced = { ...makeEntry({ quantity: 6 }), phaseId: "dot-1", ownerId: "u", syncState: "synced", seq: 1 };
    const rejected = { ...makeEntry({ quantity: 50 }), phaseId: "dot-1", ownerId: "u", syncState: "rejected", seq: 4 };
    await v4.table("entries").bulkAdd([fix, first, synced, rejected].map((r) => ({ ...r, rootId: first.id })));
    await v4.table("cells").put({
      campaignId: first.campaignId,
      partId: first.partId,
      unitId: first.unitId,
      phaseId: "dot-1",
      net: 6,
      pending: 3,
    });
    v4.close();

    const v5 = new LedgerDb(upgradeName);
    useDatabase(v5);
    expect((await pendingBatch("u", 500)).map((e) => e.id)).toEqual([first.id, fix.id]);
    expect(await countPending()).toBe(2);
    expect(await achieved("t1-1")).toEqual({ synced: 6, all: 9 });
    expect((await v5.entries.get(first.id))?.syncState).toBeUndefined();
    expect((await listEntries()).map((e) => e.syncState).sort()).toEqual(["pending", "pending", "rejected", "synced"]);
    v5.close();
    await Dexie.delete(upgradeName);
  });

  it("sums the unsent part of each cell of version 5 from its outbox", async () => {
    const upgradeName = `upgrade-v5-${Math.random()}`;
    const v5 = new Dexie(upgradeName);
    v5.version(1).stores(SCHEMA_V1);
    v5.version(2).stores(SCHEMA_V2);
    v5.version(3).stores(SCHEMA_V3);
    v5.version(4).stores(SCHEMA_V4);
    v5.version(5).stores(SCHEMA_V5);
    const row = (e: ReturnType<typeof makeEntry>, seq: number) => ({
      ...e,
      phaseId: "dot-1",
      ownerId: "u",
      rootId: e.id,
      seq,
    });
    const sent = row(makeEntry({ quantity: 6 }), 1);
    const unsentA = row(makeEntry({ quantity: 4 }), 2);
    const unsentB = row(makeEntry({ quantity: 3 }), 3);
    const otherUnit = row(makeEntry({ quantity: 2, unitId: "tam-duong-02" }), 4);
    await v5.table("entries").bulkAdd([sent, unsentA, unsentB, otherUnit]);
    await v5.table("outbox").bulkAdd([unsentA, unsentB, otherUnit].map(outboxRowOf));
    const cell = { campaignId: sent.campaignId, partId: "t1-1", unitId: "tam-duong-01", phaseId: "dot-1" };
    // Version 5 counts sent and unsent together in net.
    await v5.table("cells").bulkPut([
      { ...cell, net: 13 },
      { ...cell, unitId: "tam-duong-02", net: 2 },
      { ...cell, partId: "t1-2", net: 9 },
    ]);
    v5.close();

    const v6 = new LedgerDb(upgradeName);
    useDatabase(v6);
    const key = (unitId: string) => cellKey(sent.campaignId, "t1-1", unitId, "dot-1");
    expect(await unsentOf(sent.campaignId)).toEqual({ [key("tam-duong-01")]: 7, [key("tam-duong-02")]: 2 });
    expect(await v6.cells.count()).toBe(3);
    expect(await achieved("t1-1")).toEqual({ synced: 6, all: 15 });
    expect(await countPending("u")).toBe(3);
    v6.close();
    await Dexie.delete(upgradeName);
  });

  it("carries every entry from version 1 to the latest version and builds the totals from them", async () => {
    const upgradeName = `upgrade-${Math.random()}`;
    const v1 = new Dexie(upgradeName);
    v1.version(1).stores(SCHEMA_V1);
    const rows = [
      { ...makeEntry({ quantity: 4 }), phaseId: "dot-1", ownerId: "u", syncState: "pending" },
      { ...makeEntry({ quantity: 6, date: "2023-09-09" }), phaseId: "dot-2", ownerId: "u", syncState: "synced" },
      { ...makeEntry({ quantity: 50 }), phaseId: "dot-1", ownerId: "u", syncState: "rejected" },
    ].map((r) => ({ ...r, rootId: r.id }));
    await v1.table("entries").bulkAdd(rows);
    v1.close();

    const v2 = new LedgerDb(upgradeName);
    useDatabase(v2);
    expect(await v2.entries.count()).toBe(3);
    expect(await countPending("u")).toBe(1);
    expect(await achieved("t1-1")).toEqual({ synced: 6, all: 10 });
    // Version 3's ledger indexes were built over the entries carried across.
    expect((await listEntries({ unitId: rows[0]?.unitId })).length).toBe(3);
    expect((await listEntries({ partId: "t1-1", unitId: "nowhere" })).length).toBe(0);
    v2.close();
    await Dexie.delete(upgradeName);
  });
});
