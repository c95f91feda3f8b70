/**
 * Next year's campaign and the real unions, through the admin API alone (DESIGN §6, §7): a new
 * campaign with a distinct part for non-state enterprises, closing it, replacing it or the unit
 * file in ways that would change what entries count (409 in-use), closing a unit, and an officer
 * moved to another district, whose next pull carries the new profile and units.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import shipped from "../../data/campaign-2023.json";
import sampleFile from "../../data/units-sample.json";
import type { Campaign, Totals, Unit } from "../../src/domain/schemas";
import { correction, describeEachStore, makeEntry, startTestServer, type TestServer } from "./helpers";

/** 2024: one phase for the year, a sum part and a distinct part for non-state enterprises. */
function campaign2024(): Campaign {
  return {
    id: "laichau-2024",
    code: "15/PĐTĐ-LĐLĐ",
    title: "Phát động phong trào thi đua năm 2024",
    year: 2024,
    issuedBy: "Ban Thường vụ Liên đoàn Lao động tỉnh Lai Châu",
    issuedOn: "2024-02-20",
    phases: [
      { id: "nam-2024", name: "Cả năm", theme: "Thi đua lao động giỏi", start: "2024-01-01", end: "2024-12-31" },
    ],
    milestones: [],
    targets: [
      {
        id: "t1",
        number: 1,
        title: "Phát triển đoàn viên",
        parts: [{ id: "t1-1", title: "Kết nạp đoàn viên", kind: "count", goal: 150, unitOfMeasure: "đoàn viên" }],
      },
      {
        id: "t6",
        number: 6,
        title: "Hội nghị người lao động",
        parts: [
          {
            id: "t6-3",
            title: "Hội nghị người lao động tại doanh nghiệp ngoài khu vực nhà nước",
            kind: "distinct",
            goal: 25,
            unitOfMeasure: "doanh nghiệp",
            eligible: { sectors: ["non-state-enterprise"], levels: ["grassroots"] },
          },
        ],
      },
    ],
  };
}

describeEachStore("campaigns and units through the admin API", () => {
  let s: TestServer;
  let admin: string;
  beforeEach(async () => {
    s = await startTestServer();
    admin = await s.login("admin");
  });
  afterEach(() => s.close());

  const put = (path: string, json: unknown, cookie = admin) => s.call("PUT", path, { cookie, json });
  const statuses = (r: { body: { results: { status: string; reason?: string }[] } }) =>
    r.body.results.map((x) => x.reason ?? x.status);

  it("creates a campaign, counts a distinct part once per unit, refuses ineligible units and in-use changes, closes it", async () => {
    const c = campaign2024();
    expect((await put("/api/v1/admin/campaigns/laichau-2024", c, await s.login("tamduong"))).status).toBe(403);
    expect((await s.call("PUT", "/api/v1/admin/campaigns/laichau-2024", { json: c })).status).toBe(401);
    const mismatch = await put("/api/v1/admin/campaigns/laichau-2025", c);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.path).toBe("id");
    const bad = await put("/api/v1/admin/campaigns/laichau-2024", { ...c, year: "2024" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "invalid", path: "year" });

    const created = await put("/api/v1/admin/campaigns/laichau-2024", c);
    expect(created.status).toBe(201);
    expect(created.body.campaign).toEqual(c);
    expect((await put("/api/v1/admin/campaigns/laichau-2024", c)).status).toBe(200);

    const officer = await s.login("tamduong");
    const pulled = await s.call("GET", "/api/v1/sync/pull", { cookie: officer });
    expect(pulled.body.campaigns.map((x: Campaign) => x.id)).toContain("laichau-2024");

    const mark = (unitId: string, date: string) =>
      makeEntry({ campaignId: "laichau-2024", partId: "t6-3", unitId, date, quantity: 1 });
    const first = mark("tam-duong-04", "2024-03-01");
    const pushed = await s.push(officer, [
      first,
      mark("tam-duong-04", "2024-09-01"),
      mark("tam-duong-01", "2024-03-01"),
    ]);
    expect(statuses(pushed)).toEqual(["stored", "stored", "ineligible-unit"]);
    // The province's view (the goal is the campaign's; a district's is its allocated share).
    const totals = await s.call("GET", "/api/v1/totals?campaignId=laichau-2024", { cookie: admin });
    expect((totals.body as Totals).parts.find((p) => p.partId === "t6-3")).toMatchObject({ achieved: 1, goal: 25 });

    const withoutPart = { ...c, targets: c.targets.filter((t) => t.id !== "t6") };
    const inUse = await put("/api/v1/admin/campaigns/laichau-2024", withoutPart);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe("in-use");
    expect(inUse.body.error.problems.join(" ")).toMatch(/t6-3/);
    const narrowed = structuredClone(c);
    const part = narrowed.targets[1]?.parts[0];
    if (part) part.eligible = { sectors: ["state-enterprise"] };
    expect((await put("/api/v1/admin/campaigns/laichau-2024", narrowed)).status).toBe(409);

    expect((await put("/api/v1/admin/campaigns/laichau-2024", { ...c, status: "closed" })).status).toBe(200);
    const late = await s.push(officer, [mark("tam-duong-05", "2024-10-01"), first, correction(first, -1)]);
    // A retry of what was stored before the close is still acknowledged; nothing new is taken.
    expect(statuses(late)).toEqual(["campaign-closed", "duplicate", "campaign-closed"]);
  });

  it("refuses a unit file that drops a unit in use, closes a unit, and moves an officer without a sign-out", async () => {
    const officer = await s.login("phongtho");
    const entry = makeEntry({ unitId: "phong-tho-01" });
    expect(statuses(await s.push(officer, [entry]))).toEqual(["stored"]);

    const units = sampleFile.units as Unit[];
    const dropped = await put("/api/v1/admin/units", {
      ...sampleFile,
      units: units.filter((u) => u.id !== "phong-tho-01"),
    });
    expect(dropped.status).toBe(409);
    expect(dropped.body.error.code).toBe("in-use");

    const closedWithOpenChild = units.map((u) => (u.id === "phong-tho" ? { ...u, closed: true } : u));
    expect((await put("/api/v1/admin/units", { ...sampleFile, units: closedWithOpenChild })).status).toBe(400);

    const closing = units.map((u) => (u.id === "phong-tho-01" ? { ...u, closed: true } : u));
    const closed = await put("/api/v1/admin/units", { ...sampleFile, units: closing });
    expect(closed.status).toBe(200);
    expect(closed.body.units.find((u: Unit) => u.id === "phong-tho-01")).toMatchObject({ closed: true });
    // A closed unit takes nothing new, but a correction of its history still goes through.
    expect(statuses(await s.push(officer, [makeEntry({ unitId: "phong-tho-01" }), correction(entry, -1)]))).toEqual([
      "ineligible-unit",
      "stored",
    ]);

    const before = await s.call("GET", "/api/v1/sync/pull", { cookie: officer });
    expect(before.body.profile.unitIds).toEqual(["phong-tho"]);
    expect(before.body.unitsSample).toBe(true);
    const users = await s.call("GET", "/api/v1/admin/users", { cookie: admin });
    const id = users.body.users.find((u: { username: string }) => u.username === "phongtho").id;
    expect(
      (await s.call("PATCH", `/api/v1/admin/users/${id}`, { cookie: admin, json: { unitIds: ["tam-duong"] } })).status,
    ).toBe(200);

    const after = await s.call("GET", `/api/v1/sync/pull?since=${encodeURIComponent(before.body.cursor)}`, {
      cookie: officer,
    });
    expect(after.body.reset).toBe(true);
    expect(after.body.profile.unitIds).toEqual(["tam-duong"]);
    expect(after.body.units.map((u: Unit) => u.id)).toContain("tam-duong-01");
    expect(after.body.units.map((u: Unit) => u.id)).not.toContain("phong-tho-02");
    expect(
      statuses(await s.push(officer, [makeEntry({ unitId: "phong-tho-02" }), makeEntry({ unitId: "tam-duong-02" })])),
    ).toEqual(["forbidden", "stored"]);
  });

  it("keeps the old catalogue routes and answers the admin reads", async () => {
    const a = await s.call("GET", "/api/v1/admin/campaigns", { cookie: admin });
    const b = await s.call("GET", "/api/v1/campaigns", { cookie: admin });
    expect(a.body).toEqual(b.body);
    expect(a.body.campaigns[0]).toEqual(shipped);
    const u = await s.call("GET", "/api/v1/admin/units", { cookie: admin });
    expect(u.body).toEqual((await s.call("GET", "/api/v1/units", { cookie: admin })).body);
    expect(u.body.sample).toBe(true);
  });
});
