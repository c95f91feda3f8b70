/**
 * POST /api/v1/nominations and /api/v1/nomination-reviews: any signed-in user proposes for a unit
 * of their scope; the level above decides; every reason; idempotency by id; pull carries both,
 * limited to the units in scope.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { Nomination, NominationReview } from "../../src/domain/reports";
import type { Campaign } from "../../src/domain/schemas";
import { type Answer, CAMPAIGN, describeEachStore, type TestServer } from "./helpers";
import { makeReport, outcomes, postReports, pullPages, supervisionServer } from "./supervision-support";

function makeNomination(overrides: Partial<Nomination> = {}): Nomination {
  return {
    id: randomUUID(),
    campaignId: CAMPAIGN,
    unitId: "tam-duong-01",
    kind: "individual",
    name: "Nguyễn Thị Hoa",
    achievements: "Vận động 12 đoàn viên mới.",
    award: "Bằng khen của Ban Chấp hành LĐLĐ tỉnh",
    createdAt: "2023-12-20T09:00:00.000+07:00",
    ...overrides,
  };
}

function makeDecision(nominationId: string, overrides: Partial<NominationReview> = {}): NominationReview {
  return {
    id: randomUUID(),
    nominationId,
    state: "accepted",
    createdAt: "2023-12-28T09:00:00.000+07:00",
    ...overrides,
  };
}

const post = (s: TestServer, cookie: string, nominations: unknown[], clientId = "nm-phone"): Promise<Answer> =>
  s.call("POST", "/api/v1/nominations", { cookie, json: { clientId, nominations } });
const decide = (s: TestServer, cookie: string, reviews: unknown[], clientId = "nr-phone"): Promise<Answer> =>
  s.call("POST", "/api/v1/nomination-reviews", { cookie, json: { clientId, reviews } });

describeEachStore("nominations", () => {
  const ctx = supervisionServer();
  const { cookies } = ctx;
  let s: TestServer;
  beforeAll(() => {
    s = ctx.s;
  });

  it("a unit proposes; again is a duplicate, other content under its id a conflict", async () => {
    const n = makeNomination();
    expect(outcomes(await post(s, cookies.tamduong as string, [n], "td-nm"))).toEqual(["stored"]);
    const utc = { ...n, id: n.id.toUpperCase(), createdAt: "2023-12-20T02:00:00.000Z" };
    expect(outcomes(await post(s, cookies.tamduong as string, [n, utc], "td-nm"))).toEqual(["duplicate", "duplicate"]);
    const changed = { ...n, award: "Giấy khen" };
    expect(outcomes(await post(s, cookies.tamduong as string, [changed], "td-nm"))).toEqual(["rejected:conflict"]);
  });

  it("answers every reason, in the order checked", async () => {
    const cases: [unknown, string][] = [
      [{ ...makeNomination(), kind: "group" }, "rejected:invalid"],
      [makeNomination({ name: "   " }), "rejected:invalid"],
      [{ ...makeNomination(), authorId: "me" }, "rejected:invalid"],
      [makeNomination({ unitId: "phong-tho-01" }), "rejected:forbidden"],
      [makeNomination({ unitId: "no-such-unit" }), "rejected:forbidden"],
      [makeNomination({ campaignId: "no-such-campaign" }), "rejected:unknown-campaign"],
      [makeNomination({ unitId: "tam-duong", kind: "collective", name: "Công đoàn cơ sở xã Bình Lư" }), "stored"],
    ];
    const r = await post(
      s,
      cookies.tamduong as string,
      cases.map(([c]) => c),
      "td-nm",
    );
    expect(outcomes(r)).toEqual(cases.map(([, want]) => want));
    expect(r.body.results.slice(0, 3).map((x: { path: string }) => x.path)).toEqual(["kind", "name", "authorId"]);
    const admin = await post(s, cookies.admin as string, [makeNomination({ unitId: "no-such-unit" })], "admin-nm");
    expect(outcomes(admin)).toEqual(["rejected:unknown-unit"]);
  });

  it("refuses a nomination, a decision or a phase report for a closed campaign", async () => {
    const [current] = await s.store.catalog.campaigns();
    if (!current) throw new Error("no campaign");
    const open: Campaign = { ...current, id: "old-2022", status: "active" };
    await s.store.catalog.saveCampaign(open);
    const before = makeNomination({ campaignId: open.id });
    expect(outcomes(await post(s, cookies.admin as string, [before], "admin-nm"))).toEqual(["stored"]);
    await s.store.catalog.saveCampaign({ ...open, status: "closed" });
    const r = await post(s, cookies.admin as string, [makeNomination({ campaignId: open.id }), before], "admin-nm");
    // A retry of what was stored before the close is still acknowledged.
    expect(outcomes(r)).toEqual(["rejected:campaign-closed", "duplicate"]);
    const decision = await decide(s, cookies.supervisor as string, [makeDecision(before.id)], "lct-nr");
    expect(outcomes(decision)).toEqual(["rejected:campaign-closed"]);
    const report = await postReports(s, cookies.admin as string, [makeReport({ campaignId: open.id })], "admin-pr");
    expect(outcomes(report)).toEqual(["rejected:campaign-closed"]);
  });

  it("the level above decides; the unit's own supervisor and officers may not; others' are unknown", async () => {
    const grassroots = makeNomination({ name: "Lò Văn Minh" });
    const district = makeNomination({ unitId: "tam-duong", kind: "collective", name: "LĐLĐ huyện Tam Đường" });
    const elsewhere = makeNomination({ unitId: "phong-tho-01", name: "Nguyễn Văn Phong" });
    expect(outcomes(await post(s, cookies.supTd as string, [grassroots, district], "sup-td-nm"))).toEqual([
      "stored",
      "stored",
    ]);
    expect(outcomes(await post(s, cookies.phongtho as string, [elsewhere], "pt-nm"))).toEqual(["stored"]);

    const returned = makeDecision(grassroots.id, { state: "returned", comment: "Bổ sung minh chứng" });
    const cases: [unknown, string][] = [
      [returned, "stored"],
      [makeDecision(district.id), "rejected:forbidden"],
      [makeDecision(elsewhere.id), "rejected:unknown-nomination"],
      [makeDecision(randomUUID()), "rejected:unknown-nomination"],
      [{ ...makeDecision(grassroots.id), state: "maybe" }, "rejected:invalid"],
      [returned, "duplicate"],
      [{ ...returned, comment: "khác" }, "rejected:conflict"],
    ];
    const r = await decide(
      s,
      cookies.supTd as string,
      cases.map(([c]) => c),
      "sup-td-nr",
    );
    expect(outcomes(r)).toEqual(cases.map(([, want]) => want));
    expect(outcomes(await decide(s, cookies.tamduong as string, [makeDecision(grassroots.id)], "td-nr"))).toEqual([
      "rejected:forbidden",
    ]);
    expect(outcomes(await decide(s, cookies.supervisor as string, [makeDecision(district.id)], "lct-nr"))).toEqual([
      "stored",
    ]);
  });

  it("pull carries nominations and decisions of the units in scope only", async () => {
    const pages = await pullPages(s, cookies.phongtho as string);
    const pt = pages.flatMap((p) => p.nominations);
    expect(pt.map((n: Nomination) => n.unitId)).toEqual(["phong-tho-01"]);
    expect(pt[0]).toEqual({ ...pt[0], authorId: s.ids.phongtho, receivedAt: expect.any(String) });
    expect(pages.flatMap((p) => p.nominationReviews)).toEqual([]);

    const td = await pullPages(s, cookies.tamduong as string);
    const names = td.flatMap((p) => p.nominations).map((n: Nomination) => n.name);
    expect(names).toContain("Lò Văn Minh");
    expect(names).not.toContain("Nguyễn Văn Phong");
    const decisions = td.flatMap((p) => p.nominationReviews);
    expect(decisions.map((d: NominationReview) => d.state).sort()).toEqual(["accepted", "returned"]);
    expect(decisions.find((d: NominationReview) => d.state === "returned")).toEqual({
      id: expect.any(String),
      nominationId: expect.any(String),
      state: "returned",
      comment: "Bổ sung minh chứng",
      createdAt: "2023-12-28T09:00:00.000+07:00",
      reviewerId: s.ids["sup-td"],
      reviewerName: "User sup-td",
      receivedAt: expect.any(String),
    });
  });

  it("checks the envelope like every batch: 401, 400 with path", async () => {
    expect((await s.call("POST", "/api/v1/nominations", { json: { clientId: "x", nominations: [] } })).status).toBe(
      401,
    );
    const bad = await s.call("POST", "/api/v1/nomination-reviews", {
      cookie: cookies.supervisor,
      json: { clientId: "x", nominations: [] },
    });
    expect(bad.status).toBe(400);
  });
});
