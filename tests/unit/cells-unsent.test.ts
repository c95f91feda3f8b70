/**
 * The maintained cells against a recount, after any sequence of what a phone does: save, correct,
 * import a handover file, apply push answers (stored, duplicate, rejected, or none) and pulled
 * pages (other people's entries, and our own whose push answer was lost). Each cell's `net` must
 * equal its ledger entries that are not rejected, and the cell's unsent sum (src/db/unsent.ts) the
 * entries waiting in the outbox: the overview's "sent" figure is the one less the other.
 */
import "fake-indexeddb/auto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "../../src/db/database";
import { listEntries, saveEntry } from "../../src/db/entries";
import { importEntries } from "../../src/db/handover";
import { allOutboxRows } from "../../src/db/outbox-pages";
import { applyPulledEntries, applyPushResults, pendingBatch } from "../../src/db/sync-store";
import { localCells } from "../../src/db/totals";
import { unsentOf } from "../../src/db/unsent";
import { isEligible } from "../../src/domain/eligibility";
import type { PushResult } from "../../src/domain/schemas";
import { cellKey } from "../../src/domain/totals";
import { toWireEntry } from "../../src/domain/wire";
import { campaign2023, makeEntry, sampleTree, sampleUnits } from "../support/fixtures";
import { freshDatabaseForEachTest } from "../support/fresh-db";

const OWNER = "u-officer";
// Two campaigns, so a batch that spans both changes two rows of unsent sums.
const other = { ...campaign2023, id: "other-2023" };
const campaigns = [campaign2023, other];
const ctxFor = (campaignId: string) => ({
  campaign: campaignId === other.id ? other : campaign2023,
  tree: sampleTree,
  owner: { id: OWNER, role: "officer" as const, unitIds: ["lct"] },
});
freshDatabaseForEachTest("cells-unsent");

const where = fc.record({
  campaignId: fc.constantFrom(campaign2023.id, other.id),
  unitId: fc.constantFrom("tam-duong-01", "tam-duong-02"),
  partId: fc.constantFrom("t1-1", "t2-1"),
  date: fc.constantFrom("2023-03-15", "2023-09-09"),
});
const op = fc.oneof(
  fc.record({ kind: fc.constant("save" as const), where, quantity: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant("correct" as const), pick: fc.nat(), quantity: fc.integer({ min: -9, max: 9 }) }),
  fc.record({
    kind: fc.constant("import" as const),
    entries: fc.array(fc.record({ where, quantity: fc.integer({ min: 1, max: 9 }) }), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant("answer" as const),
    size: fc.integer({ min: 1, max: 6 }),
    answers: fc.array(fc.constantFrom("stored", "duplicate", "rejected", "none"), { minLength: 6, maxLength: 6 }),
  }),
  fc.record({
    kind: fc.constant("pull" as const),
    settle: fc.integer({ min: 0, max: 3 }),
    theirs: fc.option(fc.record({ where, quantity: fc.integer({ min: 1, max: 9 }) }), { nil: undefined }),
  }),
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

async function apply(o: Op) {
  switch (o.kind) {
    case "save":
      await saveEntry(makeEntry({ ...o.where, quantity: o.quantity }), ctxFor(o.where.campaignId));
      return;
    case "correct": {
      const ledger = (await listEntries()).filter((e) => e.syncState !== "rejected");
      const target = ledger[o.pick % Math.max(1, ledger.length)];
      if (!target || o.quantity === 0) return;
      const { campaignId, partId, unitId, date } = target;
      const fix = makeEntry({ campaignId, partId, unitId, date, quantity: o.quantity, correctsId: target.id });
      // A correction taking the chain below zero is refused and must change nothing.
      await saveEntry(fix, ctxFor(campaignId)).catch(() => undefined);
      return;
    }
    case "import":
      await importEntries(
        o.entries.map((e) => makeEntry({ ...e.where, quantity: e.quantity })),
        {
          campaigns,
          tree: sampleTree,
          owner: { id: OWNER, role: "officer", unitIds: ["lct"] },
        },
      );
      return;
    case "answer": {
      const sent = await pendingBatch(OWNER, o.size);
      const results: PushResult[] = [];
      sent.forEach((row, i) => {
        const a = o.answers[i];
        if (a === "rejected") results.push({ id: row.id, status: "rejected", reason: "forbidden" });
        else if (a === "stored" || a === "duplicate") results.push({ id: row.id, status: a });
      });
      await applyPushResults(sent, results);
      return;
    }
    case "pull": {
      const mine = await pendingBatch(OWNER, o.settle);
      const theirs = o.theirs ? [makeEntry({ ...o.theirs.where, quantity: o.theirs.quantity })] : [];
      const pulled = [...mine.map(toWireEntry), ...theirs].map((e) => ({
        ...e,
        authorId: "someone",
        receivedAt: "2023-10-01T00:00:00.000Z",
      }));
      await applyPulledEntries(pulled, campaigns);
      return;
    }
  }
}

/** Cells recounted from the ledger (net) and the outbox (unsent), keyed like the maintained ones. */
async function recount(): Promise<Map<string, { net: number; unsent: number }>> {
  const out = new Map<string, { net: number; unsent: number }>();
  const at = (e: { campaignId: string; partId: string; unitId: string; phaseId: string }) => {
    const k = cellKey(e.campaignId, e.partId, e.unitId, e.phaseId);
    const c = out.get(k) ?? { net: 0, unsent: 0 };
    out.set(k, c);
    return c;
  };
  for (const e of await db().entries.toArray()) if (e.syncState !== "rejected") at(e).net += e.quantity;
  for (const e of await allOutboxRows()) at(e).unsent += e.quantity;
  return out;
}

describe("maintained cells", () => {
  it("net and unsent equal a recount of the ledger and the outbox after any sequence of saves and syncs", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        await db().delete();
        await db().open();
        for (const o of ops) {
          await apply(o);
          const expected = await recount();
          const cells = await db().cells.toArray();
          const unsent = { ...(await unsentOf(campaign2023.id)), ...(await unsentOf(other.id)) };
          for (const c of cells) {
            const k = cellKey(c.campaignId, c.partId, c.unitId, c.phaseId);
            const want = expected.get(k) ?? { net: 0, unsent: 0 };
            expect({ net: c.net, unsent: unsent[k] ?? 0 }, `${o.kind}: ${c.unitId} ${c.partId} ${c.phaseId}`).toEqual(
              want,
            );
          }
          for (const [k, want] of expected) {
            if (want.net !== 0) {
              expect(
                cells.some((c) => cellKey(c.campaignId, c.partId, c.unitId, c.phaseId) === k),
                k,
              ).toBe(true);
            }
            // Only cells with something unsent are kept in the row.
            expect(unsent[k], k).toBe(want.unsent === 0 ? undefined : want.unsent);
          }
          expect(Object.keys(unsent).every((k) => expected.has(k))).toBe(true);
          // What the overview shows as sent: everything counted, less what still waits.
          const synced = [...(await localCells(campaign2023.id)).synced, ...(await localCells(other.id)).synced];
          for (const c of synced) {
            const want = expected.get(cellKey(c.campaignId, c.partId, c.unitId, c.phaseId));
            expect(c.net).toBe((want?.net ?? 0) - (want?.unsent ?? 0));
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("an import over hundreds of cells adds to what each cell already held, in its campaign only", async () => {
    const places = campaign2023.targets
      .flatMap((t) => t.parts)
      .filter((p) => p.kind === "count")
      .flatMap((p) =>
        sampleUnits.filter((u) => isEligible(p, u.id, sampleTree)).map((u) => ({ partId: p.id, unitId: u.id })),
      );
    const entries = places.flatMap((at) =>
      ["2023-03-15", "2023-09-09"].map((date) => makeEntry({ ...at, date, quantity: 2 })),
    );
    expect(entries.length).toBeGreaterThan(200); // past the point where the cells are read all at once
    for (const at of places.slice(0, 5)) await saveEntry(makeEntry({ ...at, quantity: 3 }), ctxFor(campaign2023.id));
    await saveEntry(makeEntry({ ...places[0], campaignId: other.id, quantity: 7 }), ctxFor(other.id));
    const results = await importEntries(entries, {
      campaigns,
      tree: sampleTree,
      owner: { id: OWNER, role: "officer", unitIds: ["lct"] },
    });
    expect(results.filter((r) => r.status === "stored").length).toBe(entries.length);
    const expected = await recount();
    const cells = await db().cells.toArray();
    expect(cells.length).toBe(expected.size);
    for (const c of cells) expect(c.net).toBe(expected.get(cellKey(c.campaignId, c.partId, c.unitId, c.phaseId))?.net);
    expect(cells.find((c) => c.campaignId === other.id)?.net).toBe(7);
  });
});
