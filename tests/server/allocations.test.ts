/**
 * PUT /api/v1/allocations: who may set a unit's share (admin, or a supervisor whose scope holds
 * the unit's parent), all or nothing with the first bad item named, `goal: null` removing; pull
 * carrying the allocations of the scope; totals using them as the goals below the root.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Campaign } from "../../src/domain/schemas";
import type { Allocation } from "../../src/domain/supervision";
import { cellsFromEntries, computeTotals } from "../../src/domain/totals";
import { UnitTree } from "../../src/domain/units";
import { type Answer, CAMPAIGN, describeEachStore, makeEntry, startTestServer, type TestServer } from "./helpers";
import { addUser, pullPages } from "./supervision-support";

const share = (unitId: string, goal: number | null, partId = "t1-1"): Allocation => ({
  campaignId: CAMPAIGN,
  partId,
  unitId,
  goal,
});

describeEachStore("allocations", () => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  const put = (who: string, allocations: unknown): Promise<Answer> =>
    s.call("PUT", "/api/v1/allocations", { cookie: cookies[who] as string, json: { allocations } });
  const stored = () => s.store.supervision.allocations(null, null);

  beforeAll(async () => {
    s = await startTestServer();
    for (const u of ["admin", "supervisor", "tamduong"]) cookies[u] = await s.login(u);
    cookies.supTd = await addUser(s, "sup-td", "supervisor", ["tam-duong"]);
  });
  afterAll(() => s.close());

  it("the provincial supervisor splits a goal among districts; the answer holds the touched units' shares", async () => {
    const r = await put("supervisor", [share("tam-duong", 40), share("phong-tho", 30), share("tam-duong", 2, "t1-2")]);
    expect(r.status).toBe(200);
    expect(r.body.allocations).toEqual([share("phong-tho", 30), share("tam-duong", 40), share("tam-duong", 2, "t1-2")]);
    const again = await put("supervisor", [share("tam-duong", 45)]);
    expect(again.body.allocations).toEqual([share("tam-duong", 45), share("tam-duong", 2, "t1-2")]);
  });

  it("a district supervisor splits their district's share among its grassroots unions, and nothing above", async () => {
    const ok = await put("supTd", [share("tam-duong-01", 20), share("tam-duong-02", 25)]);
    expect(ok.status).toBe(200);
    for (const unitId of ["tam-duong", "phong-tho-01", "lct", "no-such-unit"]) {
      const r = await put("supTd", [share(unitId, 1)]);
      expect(r.status, unitId).toBe(403);
      expect(r.body.error).toMatchObject({ code: "forbidden", path: "allocations.0.unitId" });
    }
  });

  it("officers may not allocate, not even in their own district", async () => {
    const r = await put("tamduong", [share("tam-duong-01", 1)]);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("forbidden");
  });

  it("400 names the first bad item; nothing of the request is stored", async () => {
    const before = await stored();
    const cases: [unknown[], string, string][] = [
      [
        [share("tam-duong-03", 5), { ...share("tam-duong-04", 5), partId: "t99-1" }],
        "unknown-part",
        "allocations.1.partId",
      ],
      [[{ ...share("tam-duong-03", 5), campaignId: "nope" }], "unknown-campaign", "allocations.0.campaignId"],
      [[share("tam-duong-03", 5, "t10-1")], "not-count-part", "allocations.0.partId"],
      [[share("tam-duong-03", 5, "t11-1")], "not-count-part", "allocations.0.partId"],
      [[share("tam-duong-03", -1)], "invalid", "allocations.0.goal"],
      [[share("tam-duong-03", 1.5)], "invalid", "allocations.0.goal"],
      [[{ ...share("tam-duong-03", 1), note: "x" }], "invalid", "allocations.0.note"],
      [[share("tam-duong-03", 1), share("tam-duong-03", 2)], "invalid", "allocations.1"],
      [[share("lct", 1)], "invalid", "allocations.0.unitId"],
      [[share("no-such-unit", 1)], "unknown-unit", "allocations.0.unitId"],
    ];
    for (const [items, code, path] of cases) {
      const r = await put("admin", items);
      expect(r.status, `${code} ${path}`).toBe(400);
      expect(r.body.error, `${code} ${path}`).toMatchObject({ code, path });
    }
    // A forbidden item after good ones refuses the whole request too.
    const mixed = await put("supTd", [share("tam-duong-03", 5), share("phong-tho-01", 5)]);
    expect(mixed.status).toBe(403);
    expect(mixed.body.error.path).toBe("allocations.1.unitId");
    expect(await stored()).toEqual(before);
  });

  it("checks the envelope: 401, 400 without a list, 413 past 1000 items", async () => {
    expect((await s.call("PUT", "/api/v1/allocations", { json: { allocations: [] } })).status).toBe(401);
    const missing = await s.call("PUT", "/api/v1/allocations", { cookie: cookies.admin, json: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.path).toBe("allocations");
    const many = Array.from({ length: 1001 }, (_, i) => share("tam-duong-01", i));
    expect((await put("admin", many)).status).toBe(413);
  });

  it("goal null removes an allocation; the answer says so, so a device can apply it as is", async () => {
    await put("admin", [share("tam-duong-05", 9)]);
    const r = await put("admin", [share("tam-duong-05", null)]);
    expect(r.status).toBe(200);
    expect(r.body.allocations).toEqual([share("tam-duong-05", null)]);
    expect((await stored()).some((a) => a.unitId === "tam-duong-05")).toBe(false);
    const again = await put("admin", [share("tam-duong-05", null)]);
    expect(again.status).toBe(200);
  });

  it("pull carries every allocation of the caller's scope on every page", async () => {
    const units = (who: string) =>
      pullPages(s, cookies[who] as string).then((pages) =>
        pages[0].allocations.map((a: Allocation) => `${a.unitId}/${a.partId}=${a.goal}`).sort(),
      );
    const district = ["tam-duong-01/t1-1=20", "tam-duong-02/t1-1=25", "tam-duong/t1-1=45", "tam-duong/t1-2=2"].sort();
    expect(await units("tamduong")).toEqual(district);
    expect(await units("supTd")).toEqual(district);
    expect(await units("supervisor")).toEqual([...district, "phong-tho/t1-1=30"].sort());
    expect(await units("admin")).toEqual(await units("supervisor"));
  });

  it("totals take the goals below the root from the allocations", async () => {
    const officer = cookies.tamduong as string;
    const entries = [
      makeEntry({ unitId: "tam-duong-01", quantity: 9 }),
      makeEntry({ unitId: "tam-duong-03", quantity: 4 }),
    ];
    await s.push(officer, entries);
    const goals = async (query: string, who = "supervisor") => {
      const r = await s.call("GET", `/api/v1/totals?campaignId=${CAMPAIGN}${query}`, {
        cookie: cookies[who] as string,
      });
      expect(r.status).toBe(200);
      const part = (id: string) => r.body.parts.find((p: { partId: string }) => p.partId === id);
      return { t11: part("t1-1"), t12: part("t1-2"), t21: part("t2-1") };
    };
    const root = await goals("");
    expect(root.t11).toMatchObject({ goal: 134, achieved: 13 });
    const district = await goals("&unitId=tam-duong");
    expect(district.t11).toMatchObject({ goal: 45, achieved: 13 });
    expect(district.t11.percent).toBeCloseTo((13 / 45) * 100);
    expect(district.t12.goal).toBe(2);
    expect(district.t21.goal).toBeNull(); // nothing allocated yet
    expect((await goals("&unitId=tam-duong-01")).t11).toMatchObject({ goal: 20, achieved: 9 });
    expect((await goals("&unitId=tam-duong-03")).t11).toMatchObject({ goal: null, achieved: 4 });
    // A district supervisor's own totals (their scope root) use the district's share.
    expect((await goals("", "supTd")).t11).toMatchObject({ goal: 45, achieved: 13 });
    // The same numbers as the domain function over the same cells and allocations.
    const view = (await pullPages(s, cookies.supervisor as string))[0];
    const campaign = view.campaigns[0] as Campaign;
    const tree = new UnitTree((await s.store.catalog.units()).units);
    const cells = cellsFromEntries(entries.map((e) => ({ ...e, phaseId: "dot-1" })));
    const map = new Map((await stored()).map((a) => [`${a.unitId}/${a.partId}`, a.goal]));
    const r = await s.call("GET", `/api/v1/totals?campaignId=${CAMPAIGN}&unitId=tam-duong`, {
      cookie: cookies.supervisor,
    });
    expect(r.body).toEqual(
      computeTotals({
        campaign,
        tree,
        cells,
        scopeRoots: ["lct"],
        unitId: "tam-duong",
        allocations: (u, p) => map.get(`${u}/${p}`),
      }),
    );
  });
});
