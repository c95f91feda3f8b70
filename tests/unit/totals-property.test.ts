/**
 * Property: the maintained-cell totals equal an independent, naive computation straight over
 * the ledger, for random ledgers with corrections and voids, any phase and any subtree.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { phaseOf } from "../../src/domain/phases";
import type { Entry } from "../../src/domain/schemas";
import { cellsFromEntries, computeTotals } from "../../src/domain/totals";
import { campaign2023, sampleTree, sampleUnits } from "../support/fixtures";

const parts = campaign2023.targets.flatMap((t) => t.parts);
const days = ["2023-01-01", "2023-03-03", "2023-06-30", "2023-07-01", "2023-10-10", "2023-12-31"];

/** Build a ledger from random steps: new entries, or corrections of an earlier entry that keep the net ≥ 0. */
const ledgerArb = fc
  .array(
    fc.record({
      correct: fc.boolean(),
      pick: fc.nat(),
      unit: fc.constantFrom(...sampleUnits.map((u) => u.id)),
      part: fc.constantFrom(...parts.map((p) => p.id)),
      day: fc.constantFrom(...days),
      qty: fc.integer({ min: 0, max: 50 }),
      delta: fc.integer({ min: -60, max: 60 }),
    }),
    { maxLength: 120 },
  )
  .map((steps) => {
    const entries: Entry[] = [];
    const rootOf = new Map<string, string>();
    const net = new Map<string, number>();
    steps.forEach((s, i) => {
      const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
      const target = entries[s.pick % Math.max(1, entries.length)];
      if (s.correct && target) {
        const root = rootOf.get(target.id) ?? target.id;
        const q = Math.max(s.delta, -(net.get(root) ?? 0));
        entries.push({
          ...target,
          id,
          quantity: q,
          correctsId: target.id,
          createdAt: new Date(i * 1000).toISOString(),
        });
        rootOf.set(id, root);
        net.set(root, (net.get(root) ?? 0) + q);
      } else {
        const kind = parts.find((p) => p.id === s.part)?.kind;
        const quantity = kind === "percent" || kind === "distinct" ? 1 : s.qty;
        entries.push({
          id,
          campaignId: campaign2023.id,
          partId: s.part,
          unitId: s.unit,
          date: s.day,
          quantity,
          createdAt: new Date(i * 1000).toISOString(),
        });
        rootOf.set(id, id);
        net.set(id, quantity);
      }
    });
    return entries;
  });

describe("totals property", () => {
  it("cells-based totals equal a direct computation over the ledger", () => {
    fc.assert(
      fc.property(
        ledgerArb,
        fc.constantFrom(undefined, "dot-1", "dot-2"),
        fc.constantFrom("lct", "tam-duong", "cd-y-te", "sin-ho-01"),
        (entries, phaseId, unitId) => {
          const withPhase = entries.map((e) => ({ ...e, phaseId: phaseOf(campaign2023, e.date)?.id ?? "" }));
          const totals = computeTotals({
            campaign: campaign2023,
            tree: sampleTree,
            cells: cellsFromEntries(withPhase),
            phaseId,
            unitId,
            scopeRoots: ["lct"],
          });
          const inTree = new Set(sampleTree.subtreeIds(unitId));
          const selected = withPhase.filter(
            (e) => inTree.has(e.unitId) && (phaseId === undefined || e.phaseId === phaseId),
          );
          for (const p of parts) {
            const mine = selected.filter((e) => e.partId === p.id);
            let expected: number;
            if (p.kind === "percent" || p.kind === "distinct") {
              const perUnit = new Map<string, number>();
              for (const e of mine) perUnit.set(e.unitId, (perUnit.get(e.unitId) ?? 0) + e.quantity);
              expected = [...perUnit.values()].filter((v) => v > 0).length;
            } else {
              expected = mine.reduce((s, e) => s + e.quantity, 0);
            }
            expect(totals.parts.find((t) => t.partId === p.id)?.achieved).toBe(expected);
          }
          // Rows add up to the whole for sum parts (every child subtree is disjoint).
          const children = sampleTree.childrenOf(unitId).map((u) => u.id);
          expect(totals.units.map((u) => u.unitId)).toEqual(children);
        },
      ),
      { numRuns: 200 },
    );
  });
});
