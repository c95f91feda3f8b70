/**
 * Property: any sequence of pushes (entries, corrections, corrections of corrections, voids,
 * duplicates, reorderings, conflicting reuses of an id) gives, entry by entry, the results of a
 * plain sequential model of the ledger, and server totals equal `computeTotals` over the cells of
 * the distinct accepted entries.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { checkEntryRules, type LedgerView, sameContent } from "../../src/domain/ledger";
import { phaseOf } from "../../src/domain/phases";
import type { Campaign, Entry, PushResult } from "../../src/domain/schemas";
import { cellsFromEntries, computeTotals } from "../../src/domain/totals";
import { UnitTree } from "../../src/domain/units";
import { CAMPAIGN, describeEachStore, makeEntry, startTestServer } from "./helpers";

type Op =
  | { kind: "new"; part: string; unit: string; date: string; quantity: number }
  | { kind: "fix"; target: number; delta: number }
  | { kind: "void"; target: number };

const newArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constant("new" as const),
  part: fc.constantFrom("t1-1", "t10-1", "t11-1"),
  unit: fc.constantFrom("tam-duong", "tam-duong-01", "tam-duong-02"),
  date: fc.constantFrom("2023-02-01", "2023-06-30", "2023-07-01", "2023-11-20"),
  quantity: fc.integer({ min: 0, max: 6 }),
});

const opArb: fc.Arbitrary<Op> = fc.oneof(
  newArb,
  fc.record({ kind: fc.constant("fix" as const), target: fc.nat(), delta: fc.integer({ min: -4, max: 3 }) }),
  fc.record({ kind: fc.constant("void" as const), target: fc.nat() }),
);

const pushArb = fc.record({
  picks: fc.array(fc.nat(), { maxLength: 10 }),
  conflictAt: fc.option(fc.nat(), { nil: undefined }),
});

/** Turn ops into entries: corrections name an earlier entry; a void takes its chain to 0 as generated. */
function materialize(ops: readonly Op[]): Entry[] {
  const entries: Entry[] = [];
  const net = (e: Entry): number => {
    let root = e;
    while (root.correctsId !== undefined) root = entries.find((x) => x.id === root.correctsId) as Entry;
    const inChain = (x: Entry): boolean =>
      x.id === root.id || (x.correctsId !== undefined && inChain(entries.find((y) => y.id === x.correctsId) as Entry));
    return entries.filter(inChain).reduce((s, x) => s + x.quantity, 0);
  };
  for (const op of ops) {
    if (op.kind === "new") {
      entries.push(makeEntry({ partId: op.part, unitId: op.unit, date: op.date, quantity: op.quantity }));
      continue;
    }
    const target = entries[op.target % Math.max(1, entries.length)];
    if (!target) continue;
    const quantity = op.kind === "void" ? -net(target) : op.delta;
    const { campaignId, partId, unitId, date } = target;
    entries.push(makeEntry({ campaignId, partId, unitId, date, quantity, correctsId: target.id }));
  }
  return entries;
}

/** The ledger as a plain sequential model: what each pushed entry should get. */
class Model {
  readonly accepted = new Map<string, Entry & { rootId: string; phaseId: string }>();
  private readonly nets = new Map<string, number>();
  private readonly view: LedgerView;
  constructor(campaign: Campaign, tree: UnitTree) {
    this.view = {
      campaign: (id) => (id === campaign.id ? campaign : undefined),
      tree,
      entry: (id) => this.accepted.get(id),
      chainNet: (root) => this.nets.get(root) ?? 0,
    };
  }
  push(e: Entry): PushResult {
    const known = this.accepted.get(e.id);
    if (known)
      return sameContent(known, e)
        ? { id: e.id, status: "duplicate" }
        : { id: e.id, status: "rejected", reason: "conflict" };
    const r = checkEntryRules(e, this.view);
    if (!r.ok) return { id: e.id, status: "rejected", reason: r.reason };
    this.accepted.set(e.id, { ...e, rootId: r.rootId, phaseId: r.phaseId });
    this.nets.set(r.rootId, (this.nets.get(r.rootId) ?? 0) + e.quantity);
    return { id: e.id, status: "stored" };
  }
}

describeEachStore("property: push sequences and totals", () => {
  it("match a sequential model entry by entry, and totals match computeTotals over accepted entries", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(newArb, fc.array(opArb, { maxLength: 25 })).map(([first, rest]) => [first, ...rest]),
        fc.array(pushArb, { minLength: 1, maxLength: 6 }),
        async (ops, pushes) => {
          const s = await startTestServer();
          try {
            const cookie = await s.login("tamduong");
            const [campaign] = (await s.store.catalog.campaigns()) as [Campaign];
            const tree = new UnitTree((await s.store.catalog.units()).units);
            const entries = materialize(ops);
            const model = new Model(campaign, tree);
            // Every push is a random pick (repeats and any order); the last push sends everything in order.
            const batches = pushes.map((p) => {
              const picked = p.picks.map((i) => entries[i % entries.length] as Entry);
              if (p.conflictAt !== undefined && picked.length > 0) {
                const k = p.conflictAt % picked.length;
                const victim = picked[k] as Entry;
                picked[k] = { ...victim, quantity: victim.quantity + 1 };
              }
              return picked;
            });
            batches.push(entries);
            for (const batch of batches) {
              const r = await s.push(cookie, batch, "prop-device");
              expect(r.status).toBe(200);
              expect(r.body.results).toEqual(batch.map((e) => model.push(e)));
            }
            const accepted = [...model.accepted.values()];
            const cells = cellsFromEntries(
              accepted.map((e) => ({ ...e, phaseId: phaseOf(campaign, e.date)?.id ?? "" })),
            );
            const queries: { phaseId?: string; unitId?: string }[] = [
              {},
              { phaseId: "dot-1" },
              { phaseId: "dot-2", unitId: "tam-duong" },
              { unitId: "tam-duong-01" },
            ];
            for (const q of queries) {
              const params = new URLSearchParams({ campaignId: CAMPAIGN, ...q });
              const r = await s.call("GET", `/api/v1/totals?${params}`, { cookie });
              expect(r.body).toEqual(computeTotals({ campaign, tree, cells, scopeRoots: ["tam-duong"], ...q }));
            }
            const pulled = await s.call("GET", "/api/v1/sync/pull", { cookie });
            expect(pulled.body.entries.map((e: Entry) => e.id).sort()).toEqual([...model.accepted.keys()].sort());
          } finally {
            await s.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
