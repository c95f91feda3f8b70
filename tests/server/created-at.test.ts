/**
 * `createdAt` is bounded by the server's clock: an entry, review or phase report said to be made
 * more than a day after the server received it is rejected `invalid` at `createdAt`, in batch
 * order with the others; within a day it is accepted. "Latest" review compares instants.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { latestReviews } from "../../src/domain/supervision";
import { describeEachStore, makeEntry, startTestServer, type TestServer } from "./helpers";
import { handoverFile, makeReport, makeReview, postReports, postReviews } from "./supervision-support";

const NOW = Date.parse("2023-07-10T03:00:00.000Z");
const HOUR = 3600 * 1000;
const at = (ms: number) => new Date(ms).toISOString();

describeEachStore("createdAt after the server's receipt", () => {
  let s: TestServer;
  let officer: string;
  let supervisor: string;
  beforeAll(async () => {
    s = await startTestServer({ now: () => NOW });
    officer = await s.login("tamduong");
    supervisor = await s.login("supervisor");
  });
  afterAll(() => s.close());

  it("an entry made more than a day after receipt is rejected invalid at createdAt; the batch keeps its order", async () => {
    const far = makeEntry({ createdAt: "9999-12-31T23:59:59.000Z" });
    const ok = makeEntry({ createdAt: at(NOW + 23 * HOUR) });
    const late = makeEntry({ createdAt: "2023-07-11T12:00:00.000+07:00" }); // 26 h after receipt
    const malformed = { ...makeEntry({ createdAt: at(NOW + 48 * HOUR) }), quantity: 1.5 };
    const r = await s.push(officer, [far, ok, late, malformed]);
    expect(r.body.results).toEqual([
      { id: far.id, status: "rejected", reason: "invalid", path: "createdAt" },
      { id: ok.id, status: "stored" },
      { id: late.id, status: "rejected", reason: "invalid", path: "createdAt" },
      { id: malformed.id, status: "rejected", reason: "invalid", path: "quantity" },
    ]);
  });

  it("a review or phase report dated 9999 is rejected invalid at createdAt", async () => {
    const e = makeEntry();
    expect((await s.push(officer, [e])).body.results[0].status).toBe("stored");
    const reviews = await postReviews(s, supervisor, [
      makeReview(e.id, { createdAt: "9999-01-01T00:00:00.000Z" }),
      makeReview(e.id, { createdAt: at(NOW) }),
    ]);
    expect(reviews.body.results.map((x: { status: string; path?: string }) => [x.status, x.path])).toEqual([
      ["rejected", "createdAt"],
      ["stored", undefined],
    ]);
    const report = await postReports(s, officer, [makeReport({ createdAt: "9999-01-01T00:00:00.000Z" })]);
    expect(report.body.results[0]).toMatchObject({ status: "rejected", reason: "invalid", path: "createdAt" });
  });

  it("a handover file's entry from the future is rejected invalid at createdAt, the rest stored", async () => {
    const far = makeEntry({ createdAt: "2030-01-01T00:00:00.000Z" });
    const ok = makeEntry();
    const file = await handoverFile([far, ok], s.ids.tamduong as string, "future-phone");
    const r = await s.call("POST", "/api/v1/sync/import", { cookie: supervisor, body: file });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.results).toEqual([
      { id: far.id, status: "rejected", reason: "invalid", path: "createdAt" },
      { id: ok.id, status: "stored" },
    ]);
  });
});

it("the latest review is the latest instant, whatever the offset", () => {
  const early = { entryId: "e", createdAt: "2023-07-10T09:00:00.000+07:00", n: 1 }; // 02:00Z
  const later = { entryId: "e", createdAt: "2023-07-10T03:00:00.000Z", n: 2 };
  expect(latestReviews([early, later]).get("e")?.n).toBe(2);
  expect(latestReviews([later, early]).get("e")?.n).toBe(2);
});
