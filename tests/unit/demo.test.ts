import { describe, expect, it } from "vitest";
import { generateDemo } from "../../src/demo/generate";
import { isEligible } from "../../src/domain/eligibility";
import { checkEntryRules, type KnownEntry } from "../../src/domain/ledger";
import { entry } from "../../src/domain/schemas";
import { cellsFromEntries, computeTotals } from "../../src/domain/totals";
import { campaign2023, sampleTree, sampleUnits } from "../support/fixtures";

describe("demo ledger", () => {
  const demo = generateDemo(campaign2023, sampleUnits, 2023);

  it("is the same for the same seed and different for another", () => {
    expect(generateDemo(campaign2023, sampleUnits, 2023)).toEqual(demo);
    expect(generateDemo(campaign2023, sampleUnits, 7).entries.length).not.toBe(demo.entries.length);
  });

  it("passes every ledger rule, in order, like a real push would", () => {
    const known = new Map<string, KnownEntry>();
    const nets = new Map<string, number>();
    for (const { authorId, receivedAt, ...e } of demo.entries) {
      expect(entry.safeParse(e).success).toBe(true);
      const r = checkEntryRules(e, {
        campaign: (id) => (id === campaign2023.id ? campaign2023 : undefined),
        tree: sampleTree,
        entry: (id) => known.get(id),
        chainNet: (root) => nets.get(root) ?? 0,
      });
      expect(r.ok, `${e.id} ${r.ok ? "" : r.reason}`).toBe(true);
      if (!r.ok) return;
      known.set(e.id, { ...e, rootId: r.rootId });
      nets.set(r.rootId, (nets.get(r.rootId) ?? 0) + e.quantity);
    }
    expect(demo.entries.some((e) => e.correctsId)).toBe(true);
    expect(demo.reviews.some((r) => r.state === "has-issues" && r.comment)).toBe(true);
    expect(demo.phaseReports.length).toBeGreaterThan(20);
  });

  it("shows districts at different paces and allocations that add up to the province's goals", () => {
    const withPhase = demo.entries.map((e) => ({ ...e, phaseId: e.date <= "2023-06-30" ? "dot-1" : "dot-2" }));
    const totals = computeTotals({
      campaign: campaign2023,
      tree: sampleTree,
      cells: cellsFromEntries(withPhase),
      unitId: "lct",
      scopeRoots: ["lct"],
    });
    const members = totals.units.map((u) => u.parts.find((p) => p.partId === "t2-1")?.achieved ?? 0);
    expect(Math.max(...members)).toBeGreaterThan(2 * Math.min(...members));
    const t21 = totals.parts.find((p) => p.partId === "t2-1");
    expect(t21?.percent).toBeGreaterThan(40);
    for (const part of campaign2023.targets.flatMap((t) => t.parts)) {
      if (part.kind !== "count") continue;
      const sum = demo.allocations.filter((a) => a.partId === part.id).reduce((s, a) => s + (a.goal ?? 0), 0);
      expect(sum).toBe(part.goal);
    }
  });

  it("never shows more units than the tree holds, nor a district's share above what it can reach", () => {
    const withPhase = demo.entries.map((e) => ({ ...e, phaseId: e.date <= "2023-06-30" ? "dot-1" : "dot-2" }));
    const totals = computeTotals({
      campaign: campaign2023,
      tree: sampleTree,
      cells: cellsFromEntries(withPhase),
      unitId: "lct",
      scopeRoots: ["lct"],
    });
    const distinct = campaign2023.targets.flatMap((t) => t.parts).filter((p) => p.kind === "distinct");
    expect(distinct.length).toBeGreaterThan(0);
    for (const part of distinct) {
      const eligible = sampleUnits.filter((u) => isEligible(part, u.id, sampleTree));
      const achieved = totals.parts.find((p) => p.partId === part.id)?.achieved ?? 0;
      expect(achieved, part.id).toBeLessThanOrEqual(eligible.length);
      for (const a of demo.allocations.filter((x) => x.partId === part.id)) {
        const reachable = new Set(sampleTree.subtreeIds(a.unitId));
        const can = eligible.filter((u) => reachable.has(u.id)).length;
        expect(a.goal ?? 0, `${part.id} ${a.unitId}`).toBeLessThanOrEqual(can);
      }
    }
  });
});
