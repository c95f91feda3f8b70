import { afterAll, beforeAll, expect, it } from "vitest";
import { phaseOf } from "../../src/domain/phases";
import type { Campaign, Entry } from "../../src/domain/schemas";
import { cellsFromEntries, computeTotals } from "../../src/domain/totals";
import { UnitTree } from "../../src/domain/units";
import { CAMPAIGN, correction, describeEachStore, makeEntry, startTestServer, type TestServer } from "./helpers";

describeEachStore("totals", () => {
  let s: TestServer;
  let sup: string;
  let officer: string;
  const stored: Entry[] = [];
  beforeAll(async () => {
    s = await startTestServer();
    sup = await s.login("supervisor");
    officer = await s.login("tamduong");
    const a = makeEntry({ quantity: 10 });
    const entries = [
      a,
      correction(a, -4),
      makeEntry({ unitId: "tam-duong-02", date: "2023-08-01", quantity: 7 }),
      makeEntry({ partId: "t10-1", quantity: 1 }),
      makeEntry({ partId: "t10-1", unitId: "tam-duong", quantity: 1, date: "2023-10-10" }),
      makeEntry({ partId: "t11-1", quantity: 12 }),
    ];
    const r = await s.push(officer, entries);
    expect(r.body.results.every((x: { status: string }) => x.status === "stored")).toBe(true);
    const b = makeEntry({ unitId: "phong-tho-01", quantity: 5 });
    await s.push(await s.login("phongtho"), [b]);
    stored.push(...entries, b);
  });
  afterAll(() => s.close());

  const get = (query: string, cookie = sup) => s.call("GET", `/api/v1/totals?${query}`, { cookie });

  it("400 without campaignId, 404 for an unknown campaign, 400 for a phase not in it, 403 outside scope", async () => {
    const missing = await get("");
    expect(missing.status).toBe(400);
    expect(missing.body.error.path).toBe("campaignId");
    expect((await get("campaignId=nope")).status).toBe(404);
    const phase = await get(`campaignId=${CAMPAIGN}&phaseId=dot-9`);
    expect(phase.status).toBe(400);
    expect(phase.body.error.path).toBe("phaseId");
    expect((await get(`campaignId=${CAMPAIGN}&unitId=phong-tho`, officer)).status).toBe(403);
    expect((await get(`campaignId=${CAMPAIGN}&unitId=no-such-unit`, officer)).status).toBe(403);
    expect((await s.call("GET", `/api/v1/totals?campaignId=${CAMPAIGN}`)).status).toBe(401);
  });

  it("equal computeTotals over the accepted entries, for the year, a phase and a subtree", async () => {
    const campaign = (await s.call("GET", "/api/v1/sync/pull", { cookie: sup })).body.campaigns[0] as Campaign;
    const tree = new UnitTree((await s.store.catalog.units()).units);
    const cells = cellsFromEntries(stored.map((e) => ({ ...e, phaseId: phaseOf(campaign, e.date)?.id as string })));
    const queries: { phaseId?: string; unitId?: string }[] = [
      {},
      { phaseId: "dot-1" },
      { phaseId: "dot-2" },
      { unitId: "tam-duong" },
      { unitId: "tam-duong", phaseId: "dot-2" },
      { unitId: "lct" },
    ];
    for (const q of queries) {
      const params = new URLSearchParams({ campaignId: CAMPAIGN, ...q });
      const r = await get(params.toString());
      expect(r.status).toBe(200);
      expect(r.body).toEqual(computeTotals({ campaign, tree, cells, scopeRoots: ["lct"], ...q }));
    }
    const year = (await get(`campaignId=${CAMPAIGN}`)).body;
    const t11 = year.parts.find((p: { partId: string }) => p.partId === "t1-1");
    expect(t11).toMatchObject({ achieved: 18, goal: 134 });
  });

  it("an officer's totals cover only their district", async () => {
    const r = await get(`campaignId=${CAMPAIGN}`, officer);
    const t11 = r.body.parts.find((p: { partId: string }) => p.partId === "t1-1");
    expect(t11.achieved).toBe(13);
  });
});
