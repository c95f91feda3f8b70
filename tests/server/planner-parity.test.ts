/**
 * Property: the phone and the server plan alike. The same random ledger is laid down on both
 * (pushed to the server, imported on a phone in fake-indexeddb), then the same random batch —
 * unknown and foreign units, unknown campaigns and parts, dates outside the phases, negative
 * quantities, corrections of held and of batch entries, corrections that would go below zero,
 * retries and reuses of an id with changed content, a malformed entry — arrives from the same
 * user on both sides. Every entry must get the same result. Before the planner was shared, the
 * phone's import answered `unknown-unit` where the server answered `forbidden`.
 */
import "fake-indexeddb/auto";
import Dexie from "dexie";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db, LedgerDb, useDatabase } from "../../src/db/database";
import { importEntries } from "../../src/db/handover";
import type { Entry, UserProfile } from "../../src/domain/schemas";
import { campaign2023, sampleTree } from "../support/fixtures";
import { CAMPAIGN, correction, describeEachStore, makeEntry, startTestServer, type TestServer, USERS } from "./helpers";

type Who = keyof typeof USERS;

/** One entry of a batch, described by how it relates to what came before it. */
type Arrival =
  | { kind: "new"; unit: string; part: string; date: string; quantity: number; campaign: string }
  | { kind: "fix"; of: number; delta: number }
  | { kind: "again"; of: number; changed: boolean }
  | { kind: "malformed" };

const arrivalArb: fc.Arbitrary<Arrival> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("new" as const),
      unit: fc.constantFrom("tam-duong", "tam-duong-01", "tam-duong-02", "phong-tho-01", "no-such-unit"),
      part: fc.constantFrom("t1-1", "t10-1", "t11-1", "no-such-part"),
      date: fc.constantFrom("2023-02-01", "2023-07-01", "2022-12-31"),
      quantity: fc.integer({ min: -2, max: 5 }),
      campaign: fc.constantFrom(CAMPAIGN, CAMPAIGN, CAMPAIGN, "no-such-campaign"),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("fix" as const), of: fc.nat(), delta: fc.integer({ min: -6, max: 3 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("again" as const), of: fc.nat(), changed: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: "malformed" as const }) },
);

/** Turn arrivals into entries; `fix` and `again` name an earlier entry of the held ledger or this batch. */
function materialize(arrivals: readonly Arrival[], held: readonly Entry[]): unknown[] {
  const seen: Entry[] = [...held];
  const out: unknown[] = [];
  for (const a of arrivals) {
    if (a.kind === "malformed") {
      out.push({ ...makeEntry(), quantity: 1.5 });
      continue;
    }
    if (a.kind === "new") {
      const e = makeEntry({
        unitId: a.unit,
        partId: a.part,
        date: a.date,
        quantity: a.quantity,
        campaignId: a.campaign,
      });
      seen.push(e);
      out.push(e);
      continue;
    }
    const target = seen[a.of % seen.length];
    if (!target) continue;
    const e =
      a.kind === "fix"
        ? correction(target, a.delta)
        : a.changed
          ? { ...target, quantity: target.quantity + 1 }
          : target;
    if (a.kind === "fix") seen.push(e);
    out.push(e);
  }
  return out;
}

const heldArb = fc.array(
  fc.record({
    unit: fc.constantFrom("tam-duong-01", "tam-duong-02", "phong-tho-01"),
    part: fc.constantFrom("t1-1", "t11-1"),
    quantity: fc.integer({ min: 0, max: 4 }),
  }),
  { minLength: 1, maxLength: 6 },
);

describeEachStore("property: the phone and the server plan alike", () => {
  let s: TestServer;
  const cookies = new Map<Who, string>();
  beforeAll(async () => {
    s = await startTestServer();
    for (const who of Object.keys(USERS) as Who[]) cookies.set(who, await s.login(who));
  });
  afterAll(() => s.close());

  const profileOf = (who: Who): UserProfile => ({
    id: s.ids[who] as string,
    name: who,
    role: USERS[who].role,
    unitIds: [...USERS[who].unitIds],
  });

  it("gives every arriving entry the same result on both sides", async () => {
    await fc.assert(
      fc.asyncProperty(
        heldArb,
        fc.array(arrivalArb, { minLength: 1, maxLength: 12 }),
        fc.constantFrom<Who>("tamduong", "phongtho", "supervisor", "admin"),
        async (heldSpec, arrivals, who) => {
          const name = `parity-${Math.random()}`;
          useDatabase(new LedgerDb(name));
          try {
            const held = heldSpec.map((h) => makeEntry({ unitId: h.unit, partId: h.part, quantity: h.quantity }));
            const ctx = { campaigns: [campaign2023], tree: sampleTree };
            // The held ledger: laid down by the province's supervisor on both sides.
            const laid = await s.push(cookies.get("supervisor") as string, held, "parity-seed");
            const laidHere = await importEntries(held, { ...ctx, owner: profileOf("supervisor") });
            expect(laidHere).toEqual(laid.body.results);

            const batch = materialize(arrivals, held);
            const there = await s.push(cookies.get(who) as string, batch, `parity-${who}`);
            expect(there.status).toBe(200);
            const here = await importEntries(batch as Entry[], { ...ctx, owner: profileOf(who) });
            expect(here).toEqual(there.body.results);
          } finally {
            db().close();
            await Dexie.delete(name);
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 180_000);
});
