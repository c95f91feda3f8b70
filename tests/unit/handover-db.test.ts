import "fake-indexeddb/auto";
import Dexie from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { db, LedgerDb, useDatabase } from "../../src/db/database";
import { StorageFullError, saveEntry } from "../../src/db/entries";
import { entriesForHandover, importEntries, importHandover } from "../../src/db/handover";
import { applyPushResults, pendingBatch } from "../../src/db/sync-store";
import { localTotals } from "../../src/db/totals";
import { countPending } from "../../src/db/unsent";
import { HANDOVER_FORMAT, type HandoverPayload, readHandover, writeHandover } from "../../src/domain/handover";
import type { Entry } from "../../src/domain/schemas";
import { campaign2023, makeEntry, sampleTree } from "../support/fixtures";

const names: string[] = [];
function open(): LedgerDb {
  const name = `handover-${Math.random()}`;
  names.push(name);
  const d = new LedgerDb(name);
  useDatabase(d);
  return d;
}
afterEach(async () => {
  db().close();
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const totalsOf = async () =>
  (await localTotals({ campaign: campaign2023, tree: sampleTree, scopeRoots: ["lct"] })).all.parts.map(
    (p) => p.achieved,
  );

/** A handover file of these entries, as an officer's phone writes it, read back and verified. */
async function fileOf(entries: Entry[]): Promise<HandoverPayload> {
  const read = await readHandover(
    await writeHandover({
      format: HANDOVER_FORMAT,
      exportedAt: new Date().toISOString(),
      exportedBy: { userId: "officer", name: "Lò Văn Minh" },
      deviceId: "device-1",
      campaignIds: [campaign2023.id],
      entries,
    }),
  );
  if (!read.ok) throw new Error(read.problem);
  return read.payload;
}

describe("handover between devices", () => {
  it("carries the unsent entries to another device exactly once, and refuses other districts", async () => {
    const officer = open();
    const ctx = {
      campaign: campaign2023,
      tree: sampleTree,
      owner: { id: "officer", role: "officer" as const, unitIds: ["lct"] },
    };
    const sent = makeEntry({ quantity: 9 });
    await saveEntry(sent, ctx);
    await applyPushResults(await pendingBatch("officer", 500), [{ id: sent.id, status: "stored" }]);
    const first = makeEntry({ quantity: 4 });
    await saveEntry(first, ctx);
    await saveEntry(makeEntry({ quantity: -1, correctsId: first.id }), ctx);
    await saveEntry(makeEntry({ quantity: 6, partId: "t6-1", unitId: "tam-duong-02" }), ctx);
    const unsent = await entriesForHandover("officer", false);
    expect(unsent).toHaveLength(3);
    expect(await entriesForHandover("officer", true)).toHaveLength(4);
    const payload = await fileOf(unsent);
    officer.close();

    open();
    const importCtx = {
      campaigns: [campaign2023],
      tree: sampleTree,
      owner: { id: "supervisor", role: "supervisor" as const, unitIds: ["tam-duong"] },
    };
    const results = await importHandover(payload, importCtx);
    expect(results.map((r) => r.status)).toEqual(["stored", "stored", "stored"]);
    const after = await totalsOf();
    expect(await countPending("supervisor")).toBe(3);

    const again = await importHandover(payload, importCtx);
    expect(again.map((r) => r.status)).toEqual(["duplicate", "duplicate", "duplicate"]);
    expect(await totalsOf()).toEqual(after);

    const other = await importEntries([makeEntry({ unitId: "phong-tho-01" })], importCtx);
    expect(other[0]).toMatchObject({ status: "rejected", reason: "forbidden" });
    const changed = await importEntries([{ ...payload.entries[0]!, quantity: 99 }], importCtx);
    expect(changed[0]).toMatchObject({ status: "rejected", reason: "conflict" });
    expect(await totalsOf()).toEqual(after);
  });

  it("imports a read file's entries as the entry schema left them, not parsed again: the same results and rows as a parse would give", async () => {
    const owner = { id: "supervisor", role: "supervisor" as const, unitIds: ["tam-duong"] };
    const ctx = { campaigns: [campaign2023], tree: sampleTree, owner };
    const first = makeEntry({ quantity: 5 });
    // Ids in capitals (UUIDs compare case-insensitively): both paths store them lower-cased.
    const entries = [
      { ...first, id: first.id.toUpperCase() },
      makeEntry({ quantity: -2, correctsId: first.id.toUpperCase() }),
      makeEntry({ quantity: 3, partId: "t6-1", unitId: "tam-duong-02" }),
      makeEntry({ unitId: "phong-tho-01" }),
    ];
    const payload = await fileOf(entries);
    const kept = structuredClone(payload);

    open();
    const viaFile = await importHandover(payload, ctx);
    const rowsViaFile = await db().entries.orderBy("id").toArray();
    const totalsViaFile = await totalsOf();
    db().close();
    open();
    const viaParse = await importEntries(payload.entries, ctx);
    const rowsViaParse = await db().entries.orderBy("id").toArray();

    expect(viaFile.map((r) => r.status)).toEqual(["stored", "stored", "stored", "rejected"]);
    expect(viaFile).toEqual(viaParse);
    expect(viaFile[0]?.id).toBe(first.id.toUpperCase()); // answered by the id as sent
    expect(rowsViaFile.map((r) => r.id)).toContain(first.id.toLowerCase());
    expect(rowsViaFile.find((r) => r.correctsId !== undefined)?.correctsId).toBe(first.id.toLowerCase());
    expect(rowsViaFile).toEqual(rowsViaParse);
    expect(await totalsOf()).toEqual(totalsViaFile);
    expect(payload).toEqual(kept); // the file read is left as it was
  });

  it("takes nothing of a file on a full disk, and says so (StorageFullError)", async () => {
    open();
    const owner = { id: "supervisor", role: "supervisor" as const, unitIds: ["tam-duong"] };
    const ctx = { campaigns: [campaign2023], tree: sampleTree, owner };
    const held = makeEntry({ quantity: 2 });
    await importEntries([held], ctx);
    const before = await totalsOf();
    const payload = await fileOf(Array.from({ length: 300 }, () => makeEntry({ quantity: 1 })));
    const proto = IDBObjectStore.prototype;
    const { add, put } = proto;
    proto.add = proto.put = function quotaFull() {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
    try {
      await expect(importHandover(payload, ctx)).rejects.toBeInstanceOf(StorageFullError);
    } finally {
      Object.assign(proto, { add, put });
    }
    expect(await db().entries.count()).toBe(1);
    expect(await countPending("supervisor")).toBe(1);
    expect(await totalsOf()).toEqual(before);
    // The same file taken in once there is room: every entry, once.
    expect((await importHandover(payload, ctx)).every((r) => r.status === "stored")).toBe(true);
    expect(await countPending("supervisor")).toBe(301);
  });

  it("judges a large file against what the phone holds (held ids read at once): duplicates, conflicts, corrections", async () => {
    open();
    const owner = { id: "supervisor", role: "supervisor" as const, unitIds: ["tam-duong"] };
    const ctx = { campaigns: [campaign2023], tree: sampleTree, owner };
    const held = Array.from({ length: 40 }, () => makeEntry({ quantity: 2 }));
    expect((await importEntries(held, ctx)).every((r) => r.status === "stored")).toBe(true);
    const before = await totalsOf();
    // 300 entries: 40 already held (one of them changed), 200 new, 60 corrections of held ones.
    const fresh = Array.from({ length: 200 }, () => makeEntry({ quantity: 1 }));
    const corrections = held
      .slice(0, 30)
      .flatMap((e) => [makeEntry({ quantity: -1, correctsId: e.id }), makeEntry({ quantity: -1, correctsId: e.id })]);
    const file = [...held.slice(0, 39), { ...held[39]!, quantity: 7 }, ...fresh, ...corrections];
    const results = await importEntries(file, ctx);
    expect(results.slice(0, 39).every((r) => r.status === "duplicate")).toBe(true);
    expect(results[39]).toMatchObject({ status: "rejected", reason: "conflict" });
    expect(results.slice(40).every((r) => r.status === "stored")).toBe(true);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(await totalsOf())).toBe(sum(before) + 200 - 60);
    // A third correction of a chain already at 0 would take it below zero.
    const third = await importEntries(
      [...Array.from({ length: 250 }, () => makeEntry()), makeEntry({ quantity: -1, correctsId: held[0]!.id })],
      ctx,
    );
    expect(third.at(-1)).toMatchObject({ status: "rejected", reason: "negative-net" });
  });
});
