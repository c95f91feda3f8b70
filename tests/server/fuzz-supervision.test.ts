/**
 * Fuzz of the routes added for supervisor work and handover: reviews, phase reports,
 * allocations and the handover upload. Whatever the body, the answer is a 4xx in the error
 * shape or a 200 with one result per item, nothing invalid is stored, and the server goes on.
 */
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { HANDOVER_FORMAT, writeHandover } from "../../src/domain/handover";
import { anyJson, expectAlive, expectClientError, ledgerSize, RouteCounter } from "./fuzz-support";
import { CAMPAIGN, describeEachStore, makeEntry, startTestServer, type TestServer } from "./helpers";

const counter = new RouteCounter();

/** Records of a kind as they are in the store (not read through the API under test). */
async function stored(s: TestServer) {
  return {
    reviews: (await s.store.supervision.recordsAfter("reviews", 0, null, 1_000_000)).length,
    reports: (await s.store.supervision.recordsAfter("phaseReports", 0, null, 1_000_000)).length,
    allocations: (await s.store.supervision.allocations(null, null)).length,
    entries: await ledgerSize(s),
  };
}

describeEachStore("fuzz: reviews, phase reports, allocations, handover upload", () => {
  let s: TestServer;
  let supervisor: string;
  let officer: string;
  let entryId = "";

  beforeAll(async () => {
    s = await startTestServer();
    supervisor = await s.login("supervisor");
    officer = await s.login("tamduong");
    const e = makeEntry({ quantity: 4 });
    entryId = e.id;
    await s.push(officer, [e], "fuzz-supervision-officer");
  });
  afterAll(async () => {
    counter.print("supervision");
    await s.close();
  });

  const uuidish = fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), anyJson);
  const item = fc.oneof(
    anyJson,
    fc.record(
      {
        id: uuidish,
        entryId: fc.oneof(uuidish, fc.constant("")),
        state: fc.oneof(fc.constantFrom("approved", "has-issues", "APPROVED", ""), anyJson),
        comment: fc.oneof(fc.string({ maxLength: 50 }), fc.string({ minLength: 2001, maxLength: 2100 }), anyJson),
        createdAt: fc.oneof(fc.constant("2023-05-01T00:00:00Z"), fc.string({ maxLength: 30 }), anyJson),
        extra: anyJson,
      },
      { requiredKeys: [] },
    ),
  );

  it("reviews: per-item results or a 4xx; an invalid item is never stored", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { maxLength: 8 }),
        fc.constantFrom("supervisor", "officer"),
        async (reviews, who) => {
          counter.hit("POST /reviews");
          const cookie = who === "supervisor" ? supervisor : officer;
          const r = await s.call("POST", "/api/v1/reviews", { cookie, json: { clientId: `fuzz-${who}`, reviews } });
          if (r.status === 200) {
            expect(r.body.results).toHaveLength(reviews.length);
            for (const x of r.body.results) expect(["stored", "duplicate", "rejected"]).toContain(x.status);
            if (who === "officer") for (const x of r.body.results) expect(x.status).toBe("rejected");
          } else expectClientError(r, "reviews");
        },
      ),
      { numRuns: 250 },
    );
    // Only well-formed reviews, by the supervisor, of the entry in scope can have been stored.
    for (const v of await s.store.supervision.recordsAfter("reviews", 0, null, 1_000_000)) {
      expect(v.entryId).toBe(entryId);
      expect(["approved", "has-issues"]).toContain(v.state);
      if (v.state === "has-issues") expect(v.comment?.trim()).toBeTruthy();
      expect(v.comment?.length ?? 0).toBeLessThanOrEqual(2000);
    }
    await expectAlive(s, supervisor);
  });

  it("phase reports and allocations: any body gives results or a 4xx, and nothing outside scope lands", async () => {
    const report = fc.record(
      {
        id: uuidish,
        campaignId: fc.oneof(fc.constant(CAMPAIGN), fc.string({ maxLength: 20 })),
        phaseId: fc.oneof(fc.constantFrom("dot-1", "dot-2", "dot-3"), anyJson),
        unitId: fc.oneof(fc.constantFrom("tam-duong-01", "phong-tho-01", "lct", "nowhere"), anyJson),
        createdAt: fc.oneof(fc.constant("2023-06-30T00:00:00Z"), anyJson),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(report, anyJson), { maxLength: 8 }), async (reports) => {
        counter.hit("POST /phase-reports");
        const r = await s.call("POST", "/api/v1/phase-reports", {
          cookie: officer,
          json: { clientId: "fuzz-officer", reports },
        });
        if (r.status === 200) expect(r.body.results).toHaveLength(reports.length);
        else expectClientError(r, "phase-reports");
      }),
      { numRuns: 200 },
    );
    for (const p of await s.store.supervision.recordsAfter("phaseReports", 0, null, 1_000_000))
      expect(p.unitId.startsWith("tam-duong")).toBe(true);

    const allocation = fc.record(
      {
        campaignId: fc.oneof(fc.constant(CAMPAIGN), anyJson),
        partId: fc.oneof(fc.constantFrom("t1-1", "t10-1", "t11-1", "t99-1"), anyJson),
        unitId: fc.oneof(fc.constantFrom("tam-duong", "phong-tho", "lct", "tam-duong-01", "nowhere"), anyJson),
        goal: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constant(null), fc.double(), anyJson),
      },
      { requiredKeys: [] },
    );
    const before = (await stored(s)).allocations;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(allocation, anyJson), { maxLength: 6 }), async (allocations) => {
        counter.hit("PUT /allocations (officer)");
        const r = await s.call("PUT", "/api/v1/allocations", { cookie: officer, json: { allocations } });
        expectClientError(r, "allocations by an officer");
      }),
      { numRuns: 150 },
    );
    expect((await stored(s)).allocations).toBe(before);
    await expectAlive(s, officer);
  });

  it("handover upload: an altered or malformed file is refused whole", async () => {
    const text = await writeHandover({
      format: HANDOVER_FORMAT,
      exportedAt: "2023-06-01T00:00:00.000Z",
      exportedBy: { userId: "x", name: "Lò Văn Minh" },
      deviceId: "dev",
      campaignIds: [CAMPAIGN],
      entries: [makeEntry({ quantity: 2 }), makeEntry({ quantity: 3, unitId: "tam-duong-02" })],
    });
    const before = await ledgerSize(s);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: text.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, flip) => {
        counter.hit("POST /sync/import (flipped byte)");
        const bytes = new TextEncoder().encode(text);
        const i = Math.min(at, bytes.length - 1);
        bytes[i] = (bytes[i] ?? 0) ^ flip;
        const r = await s.call("POST", "/api/v1/sync/import", {
          cookie: supervisor,
          body: bytes,
          headers: { "content-type": "application/json" },
        });
        // A flip inside insignificant whitespace may leave the file intact; then it is accepted as it was.
        if (r.status !== 200) expectClientError(r, "import");
      }),
      { numRuns: 200 },
    );
    const grown = (await ledgerSize(s)) - before;
    expect([0, 2]).toContain(grown);
    await expectAlive(s, supervisor);
  });
});
