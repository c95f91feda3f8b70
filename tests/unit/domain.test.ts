import { describe, expect, it } from "vitest";
import { chainNets, checkEntryRules, type KnownEntry, type LedgerView, sameContent } from "../../src/domain/ledger";
import { anniversaryYears, defaultEntryDate, phaseOf, upcomingMilestones } from "../../src/domain/phases";
import { entry } from "../../src/domain/schemas";
import { cellsFromEntries, computeTotals, progressRatio } from "../../src/domain/totals";
import { campaign2023, makeEntry, sampleTree } from "../support/fixtures";

describe("phases", () => {
  it("places a date in its phase, boundaries included, and nothing outside", () => {
    expect(phaseOf(campaign2023, "2023-01-01")?.id).toBe("dot-1");
    expect(phaseOf(campaign2023, "2023-06-30")?.id).toBe("dot-1");
    expect(phaseOf(campaign2023, "2023-07-01")?.id).toBe("dot-2");
    expect(phaseOf(campaign2023, "2023-12-31")?.id).toBe("dot-2");
    expect(phaseOf(campaign2023, "2022-12-31")).toBeUndefined();
    expect(phaseOf(campaign2023, "2024-01-01")).toBeUndefined();
  });

  it("computes anniversaries from their dates (the seed's '94 năm Cách mạng tháng Tám' is 78)", () => {
    const august = campaign2023.milestones.find((m) => m.date === "2023-09-02");
    expect(august && anniversaryYears(august)).toBe(78);
    const party = campaign2023.milestones.find((m) => m.date === "2023-02-03");
    expect(party && anniversaryYears(party)).toBe(93);
    const province = campaign2023.milestones.find((m) => m.date === "2024-01-01");
    expect(province && anniversaryYears(province)).toBe(20);
  });

  it("lists the next milestones from a day, and clamps the default entry date into the campaign", () => {
    expect(upcomingMilestones(campaign2023, "2023-05-02", 2).map((m) => m.date)).toEqual(["2023-05-19", "2023-06-11"]);
    expect(defaultEntryDate(campaign2023, "2026-11-25")).toBe("2023-12-31");
    expect(defaultEntryDate(campaign2023, "2023-04-01")).toBe("2023-04-01");
  });
});

describe("entry schema", () => {
  it("accepts a valid entry and names the field of a bad one", () => {
    expect(entry.safeParse(makeEntry()).success).toBe(true);
    const bad = entry.safeParse({ ...makeEntry(), quantity: 1.5 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["quantity"]);
    const extra = entry.safeParse({ ...makeEntry(), authorId: "x" });
    expect(extra.success).toBe(false);
    expect(entry.safeParse({ ...makeEntry(), date: "2023-02-30" }).success).toBe(false);
    expect(entry.safeParse({ ...makeEntry(), note: "x".repeat(2001) }).success).toBe(false);
  });
});

/** A ledger view over a list of already accepted entries. */
function viewOf(entries: ReturnType<typeof makeEntry>[]): LedgerView {
  const nets = chainNets(entries);
  const roots = new Map<string, string>();
  for (const e of entries) roots.set(e.id, e.correctsId ? (roots.get(e.correctsId) ?? e.correctsId) : e.id);
  return {
    campaign: (id) => (id === campaign2023.id ? campaign2023 : undefined),
    tree: sampleTree,
    entry: (id) => {
      const e = entries.find((x) => x.id === id);
      return e ? ({ ...e, rootId: roots.get(e.id) ?? e.id } satisfies KnownEntry) : undefined;
    },
    chainNet: (rootId) => nets.get(rootId) ?? 0,
  };
}

describe("ledger rules", () => {
  const original = makeEntry({ quantity: 5 });
  const view = viewOf([original]);
  const reasonOf = (e: ReturnType<typeof makeEntry>) => {
    const r = checkEntryRules(e, view);
    return r.ok ? "ok" : r.reason;
  };

  it("rejects in DESIGN order, each reason for its own fault", () => {
    expect(reasonOf(makeEntry({ campaignId: "nope" }))).toBe("unknown-campaign");
    expect(reasonOf(makeEntry({ partId: "t99-1" }))).toBe("unknown-part");
    expect(reasonOf(makeEntry({ unitId: "atlantis" }))).toBe("unknown-unit");
    expect(reasonOf(makeEntry({ date: "2024-02-01" }))).toBe("outside-phases");
    expect(reasonOf(makeEntry({ quantity: -1 }))).toBe("negative-quantity");
    expect(reasonOf(makeEntry({ quantity: -1, correctsId: makeEntry().id }))).toBe("unknown-corrected-entry");
    expect(reasonOf(makeEntry({ quantity: -1, correctsId: original.id, unitId: "tam-duong-02" }))).toBe(
      "correction-mismatch",
    );
    expect(reasonOf(makeEntry({ quantity: -6, correctsId: original.id }))).toBe("negative-net");
    expect(reasonOf(makeEntry({ quantity: -5, correctsId: original.id }))).toBe("ok");
  });

  it("nets a chain of corrections of corrections, and a void brings it to zero", () => {
    const c1 = makeEntry({ quantity: -2, correctsId: original.id });
    const c2 = makeEntry({ quantity: 4, correctsId: c1.id });
    expect(chainNets([original, c1, c2]).get(original.id)).toBe(7);
    const chain = [original, c1, c2];
    const voidIt = makeEntry({ quantity: -7, correctsId: c2.id });
    const r = checkEntryRules(voidIt, viewOf(chain));
    expect(r.ok && r.rootId).toBe(original.id);
    expect(chainNets([...chain, voidIt]).get(original.id)).toBe(0);
  });

  it("treats a retry with the same content as the same entry, createdAt compared in UTC", () => {
    const a = makeEntry({ createdAt: "2023-03-15T07:00:00+07:00" });
    expect(sameContent(a, { ...a, createdAt: "2023-03-15T00:00:00.000Z" })).toBe(true);
    expect(sameContent(a, { ...a, quantity: 2 })).toBe(false);
  });
});

describe("totals", () => {
  const withPhase = (e: ReturnType<typeof makeEntry>) => ({ ...e, phaseId: phaseOf(campaign2023, e.date)?.id ?? "" });

  it("sums count parts by phase and subtree, with one row per child unit", () => {
    const entries = [
      makeEntry({ unitId: "tam-duong-01", quantity: 10 }),
      makeEntry({ unitId: "tam-duong-02", quantity: 5, date: "2023-08-01" }),
      makeEntry({ unitId: "phong-tho-01", quantity: 7 }),
    ].map(withPhase);
    const cells = cellsFromEntries(entries);
    const year = computeTotals({ campaign: campaign2023, tree: sampleTree, cells, scopeRoots: ["lct"] });
    const t11 = year.parts.find((p) => p.partId === "t1-1");
    expect(t11).toMatchObject({ goal: 134, achieved: 22 });
    expect(t11?.percent).toBeCloseTo((22 / 134) * 100);
    expect(year.units).toHaveLength(1);
    const dot1 = computeTotals({
      campaign: campaign2023,
      tree: sampleTree,
      cells,
      scopeRoots: ["lct"],
      unitId: "lct",
      phaseId: "dot-1",
    });
    expect(dot1.parts.find((p) => p.partId === "t1-1")?.achieved).toBe(17);
    expect(dot1.units).toHaveLength(11);
    expect(dot1.units.find((u) => u.unitId === "tam-duong")?.parts.find((p) => p.partId === "t1-1")?.achieved).toBe(10);
    const district = computeTotals({ campaign: campaign2023, tree: sampleTree, cells, scopeRoots: ["tam-duong"] });
    // Below the root a goal is an allocation: none until a supervisor sets one.
    expect(district.parts.find((p) => p.partId === "t1-1")).toMatchObject({ goal: null, achieved: 15, percent: null });
    const allocated = computeTotals({
      campaign: campaign2023,
      tree: sampleTree,
      cells,
      scopeRoots: ["tam-duong"],
      allocations: (u, p) => (u === "tam-duong" && p === "t1-1" ? 30 : undefined),
    });
    expect(allocated.parts.find((p) => p.partId === "t1-1")).toMatchObject({ goal: 30, percent: 50 });
  });

  it("counts percent parts as units with a positive net, the subtree root included", () => {
    const first = makeEntry({ partId: "t10-1", unitId: "tam-duong" });
    const entries = [
      first,
      makeEntry({ partId: "t10-1", unitId: "tam-duong-01" }),
      makeEntry({ partId: "t10-1", unitId: "tam-duong-01", date: "2023-09-01" }),
      makeEntry({ partId: "t10-1", unitId: "tam-duong-02" }),
      makeEntry({ partId: "t10-1", unitId: "tam-duong-02", quantity: -1, correctsId: "x" }),
    ].map(withPhase);
    const cells = cellsFromEntries(entries);
    const t = computeTotals({ campaign: campaign2023, tree: sampleTree, cells, scopeRoots: ["tam-duong"] });
    const size = sampleTree.subtreeIds("tam-duong").length;
    expect(t.parts.find((p) => p.partId === "t10-1")).toMatchObject({ achieved: 2, unitsInScope: size, goal: 100 });
    expect(t.parts.find((p) => p.partId === "t10-1")?.percent).toBeCloseTo((2 / size) * 100);
    expect(progressRatio(67, 134)).toBe(0.5);
    expect(progressRatio(3, null)).toBeNull();
  });
});

describe("entry ids", () => {
  it("are valid UUIDv7 that sort by creation time", async () => {
    const { newEntryId } = await import("../../src/domain/ids");
    const a = newEntryId(1_700_000_000_000);
    const b = newEntryId(1_700_000_000_001);
    expect(entry.safeParse(makeEntry({ id: a })).success).toBe(true);
    expect(a[14]).toBe("7");
    expect(["8", "9", "a", "b"]).toContain(a[19]);
    expect(a < b).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => newEntryId())).size).toBe(1000);
  });
});
