/**
 * "Sửa đơn vị / chỉ tiêu / ngày" stores a void and the entry that replaces it together or not at
 * all, and the ledger then lists one row per entry (the correction lives in the history).
 */
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { chainNetOf, EntryRuleError, listEntries, saveEntriesTogether, saveEntry } from "../../src/db/entries";
import { applyPushResults, pendingBatch } from "../../src/db/sync-store";
import { unitPartNet } from "../../src/db/ui-queries";
import { countPending } from "../../src/db/unsent";
import { belowOnTop, ledgerItems } from "../../src/ui/ledger/ledger-query";
import { campaign2023, makeEntry, sampleTree } from "../support/fixtures";
import { freshDatabaseForEachTest } from "../support/fresh-db";

const ctx = {
  campaign: campaign2023,
  tree: sampleTree,
  owner: { id: "u-officer", role: "officer" as const, unitIds: ["lct"] },
};
freshDatabaseForEachTest("test");

describe("moving an entry to another unit", () => {
  it("voids the old entry and records the new one in one step", async () => {
    const original = await saveEntry(makeEntry({ unitId: "tam-duong-01", quantity: 12 }), ctx);
    const voiding = makeEntry({ unitId: "tam-duong-01", quantity: -12, correctsId: original.id });
    const moved = makeEntry({ unitId: "tam-duong-02", quantity: 12 });
    await saveEntriesTogether([voiding, moved], ctx);
    expect(await chainNetOf(original.id)).toBe(0);
    expect(await unitPartNet("laichau-2023", "t1-1", "tam-duong-01")).toBe(0);
    expect(await unitPartNet("laichau-2023", "t1-1", "tam-duong-02")).toBe(12);
    // One row per entry: the voided original and the new one, not the void itself.
    const items = await ledgerItems({ campaignId: "laichau-2023" }, "all");
    expect(items.map((i) => [i.entry.id, i.net])).toEqual([
      [moved.id, 12],
      [original.id, 0],
    ]);
    expect(await listEntries({ campaignId: "laichau-2023" })).toHaveLength(3);
  });

  it("stores neither when the new entry is refused (a date outside every phase)", async () => {
    const original = await saveEntry(makeEntry({ quantity: 12 }), ctx);
    const pending = await countPending();
    const voiding = makeEntry({ quantity: -12, correctsId: original.id });
    const moved = makeEntry({ unitId: "tam-duong-02", quantity: 12, date: "2024-03-01" });
    await expect(saveEntriesTogether([voiding, moved], ctx)).rejects.toBeInstanceOf(EntryRuleError);
    expect(await chainNetOf(original.id)).toBe(12);
    expect(await countPending()).toEqual(pending);
    expect(await listEntries({})).toHaveLength(1);
  });
});

describe("the list below the entries waiting on top", () => {
  it("keeps a refused correction's own row while its original waits on top for an answer", async () => {
    const original = makeEntry({ quantity: 5 });
    await saveEntry(original, ctx);
    const fix = makeEntry({ quantity: -1, correctsId: original.id });
    await saveEntry(fix, ctx);
    const other = makeEntry({ quantity: 2 });
    await saveEntry(other, ctx);
    await applyPushResults(await pendingBatch("u-officer", 500), [
      { id: original.id, status: "stored" },
      { id: fix.id, status: "rejected", reason: "conflict" },
      { id: other.id, status: "stored" },
    ]);
    const items = await ledgerItems({ campaignId: campaign2023.id }, "all");
    expect(items.map((i) => i.entry.id).sort()).toEqual([original.id, fix.id, other.id].sort());
    // The supervisor returned the original "Cần bổ sung": its row stands on top, once.
    const onTop = items.filter((i) => i.entry.id === original.id);
    expect(
      belowOnTop(items, onTop)
        .map((i) => i.entry.id)
        .sort(),
    ).toEqual([fix.id, other.id].sort());
  });
});
