import "fake-indexeddb/auto";
import Dexie from "dexie";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DB_NAME, db, LedgerDb, SCHEMA_V1, useDatabase } from "../../src/db/database";
import {
  chainNetOf,
  countPending,
  EntryRuleError,
  entryHistory,
  listEntries,
  StorageFullError,
  saveEntry,
} from "../../src/db/entries";
import { applyPulledEntries, applyPushResults, pendingBatch } from "../../src/db/sync-store";
import { localTotals } from "../../src/db/totals";
import { campaign2023, makeEntry, sampleTree } from "../support/fixtures";

const ctx = { campaign: campaign2023, tree: sampleTree, ownerId: "u-officer" };
let name = DB_NAME;

beforeEach(() => {
  name = `test-${Math.random()}`;
  useDatabase(new LedgerDb(name));
});
afterEach(async () => {
  db().close();
  await Dexie.delete(name);
});

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
    const original = proto.add;
    proto.add = function quotaFull() {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
    try {
      await expect(saveEntry(makeEntry({ quantity: 9 }), ctx)).rejects.toBeInstanceOf(StorageFullError);
    } finally {
      proto.add = original;
    }
    expect(await db().entries.count()).toBe(1);
    expect(await achieved("t1-1")).toEqual({ synced: 0, all: 3 });
    expect((await db().chainNets.get(kept.id))?.net).toBe(3);
  });
});

describe("sync bookkeeping", () => {
  it("moves stored entries to synced, flags rejected ones and keeps them", async () => {
    const a = makeEntry({ quantity: 2 });
    const b = makeEntry({ quantity: 7 });
    await saveEntry(a, ctx);
    await saveEntry(b, ctx);
    expect((await pendingBatch("u-officer", 500)).map((e) => e.id)).toEqual([a.id, b.id]);
    await applyPushResults([
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
    const theirs = makeEntry({ quantity: 10, unitId: "tam-duong-02" });
    const pulled = [mine, theirs].map((e) => ({ ...e, authorId: "u", receivedAt: "2023-03-16T00:00:00.000Z" }));
    await applyPulledEntries(pulled, [campaign2023]);
    await applyPulledEntries(pulled, [campaign2023]);
    expect(await countPending()).toBe(0);
    expect(await achieved("t1-1")).toEqual({ synced: 12, all: 12 });
    // The late push answer changes nothing more.
    await applyPushResults([{ id: mine.id, status: "duplicate" }]);
    expect(await achieved("t1-1")).toEqual({ synced: 12, all: 12 });
  });
});

describe("schema upgrade", () => {
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
