/**
 * POST /api/v1/phase-reports: any signed-in user reports a unit of their scope; every reason;
 * idempotency by id; re-submission under a new id is history; pull carries reports of the units
 * in scope, with the author and time received.
 */
import { beforeAll, expect, it } from "vitest";
import { reportingRate } from "../../src/domain/supervision";
import { UnitTree } from "../../src/domain/units";
import { describeEachStore, startTestServer, type TestServer } from "./helpers";
import { makeReport, outcomes, postReports, pullPages, supervisionServer } from "./supervision-support";

describeEachStore("phase reports", () => {
  const ctx = supervisionServer();
  const { cookies } = ctx;
  let s: TestServer;
  beforeAll(() => {
    s = ctx.s;
  });

  it("an officer reports a unit of theirs; again is a duplicate, other content under its id a conflict", async () => {
    const r = makeReport({ note: "Đã nộp bản giấy" });
    expect(outcomes(await postReports(s, cookies.tamduong as string, [r]))).toEqual(["stored"]);
    const again = await postReports(s, cookies.tamduong as string, [r]);
    expect(again.body).toEqual({ results: [{ id: r.id, status: "duplicate" }] });
    const utc = { ...r, id: r.id.toUpperCase(), createdAt: "2023-06-30T10:00:00.000Z" };
    expect(outcomes(await postReports(s, cookies.tamduong as string, [utc]))).toEqual(["duplicate"]);
    const changed = { ...r, note: "khác" };
    expect(outcomes(await postReports(s, cookies.tamduong as string, [changed]))).toEqual(["rejected:conflict"]);
    // The same unit and phase again under a new id: history, stored.
    const resubmitted = makeReport({ createdAt: "2023-07-01T08:00:00.000+07:00" });
    expect(outcomes(await postReports(s, cookies.tamduong as string, [resubmitted]))).toEqual(["stored"]);
  });

  it("carries sections and figures; they are content for duplicate and conflict; 'year' is the year-end report", async () => {
    const r = makeReport({
      phaseId: "year",
      sections: [
        { key: "results", text: "Kết quả nổi bật: phát triển 12 đoàn viên." },
        { key: "proposals", text: "Đề nghị LĐLĐ tỉnh hỗ trợ kinh phí." },
      ],
      figures: [
        { partId: "t1-1", achieved: 12 },
        { partId: "t10-1", achieved: 1 },
      ],
      createdAt: "2023-12-20T09:00:00.000+07:00",
    });
    expect(outcomes(await postReports(s, cookies.tamduong as string, [r], "td-year"))).toEqual(["stored"]);
    expect(outcomes(await postReports(s, cookies.tamduong as string, [r], "td-year"))).toEqual(["duplicate"]);
    const otherText = { ...r, sections: [{ key: "results", text: "khác" }] };
    const otherFigure = { ...r, figures: [{ partId: "t1-1", achieved: 13 }] };
    const noFigures = { ...r, figures: undefined };
    expect(
      outcomes(await postReports(s, cookies.tamduong as string, [otherText, otherFigure, noFigures], "td-year")),
    ).toEqual(["rejected:conflict", "rejected:conflict", "rejected:conflict"]);
    const pulled = (await pullPages(s, cookies.tamduong as string)).flatMap((p) => p.phaseReports);
    expect(pulled.find((x: { id: string }) => x.id === r.id)).toEqual({
      ...r,
      authorId: s.ids.tamduong,
      receivedAt: expect.any(String),
    });
  });

  it("refuses a repeated section key, an over-long section, a repeated or unknown figure part", async () => {
    const cases: [unknown, string][] = [
      [
        makeReport({
          sections: [
            { key: "results", text: "a" },
            { key: "results", text: "b" },
          ],
        }),
        "rejected:invalid",
      ],
      [makeReport({ sections: [{ key: "results", text: "x".repeat(20_001) }] }), "rejected:invalid"],
      [makeReport({ sections: [{ key: "summary" as "results", text: "x" }] }), "rejected:invalid"],
      [
        makeReport({
          figures: [
            { partId: "t1-1", achieved: 1 },
            { partId: "t1-1", achieved: 2 },
          ],
        }),
        "rejected:invalid",
      ],
      [makeReport({ figures: [{ partId: "t1-1", achieved: -1 }] }), "rejected:invalid"],
      [makeReport({ figures: [{ partId: "no-such-part", achieved: 1 }] }), "rejected:unknown-part"],
      [makeReport({ sections: [{ key: "movements", text: "x".repeat(20_000) }] }), "stored"],
    ];
    const r = await postReports(
      s,
      cookies.tamduong as string,
      cases.map(([c]) => c),
      "td-sections",
    );
    expect(outcomes(r)).toEqual(cases.map(([, want]) => want));
    expect(r.body.results.slice(0, 2).map((x: { path: string }) => x.path)).toEqual(["sections", "sections.0.text"]);
  });

  it("answers every reason, in the order checked", async () => {
    const cases: [unknown, string][] = [
      [makeReport({ campaignId: "no-such-campaign" }), "rejected:unknown-campaign"],
      [makeReport({ phaseId: "dot-9" }), "rejected:unknown-phase"],
      [makeReport({ unitId: "phong-tho-01" }), "rejected:forbidden"],
      // An unknown unit is outside an officer's scope: forbidden, the same as another district's.
      [makeReport({ unitId: "no-such-unit" }), "rejected:forbidden"],
      [{ ...makeReport(), createdAt: "hôm qua" }, "rejected:invalid"],
      [{ ...makeReport(), note: "n".repeat(2001) }, "rejected:invalid"],
      [{ ...makeReport(), authorId: "me" }, "rejected:invalid"],
      [makeReport({ unitId: "tam-duong", phaseId: "dot-2" }), "stored"],
    ];
    const r = await postReports(
      s,
      cookies.tamduong as string,
      cases.map(([c]) => c),
    );
    expect(outcomes(r)).toEqual(cases.map(([, want]) => want));
    expect(r.body.results.slice(4, 7).map((x: { path: string }) => x.path)).toEqual(["createdAt", "note", "authorId"]);
    // An admin's scope is everything, so only an admin can meet unknown-unit.
    const admin = await postReports(s, cookies.admin as string, [makeReport({ unitId: "no-such-unit" })], "admin-pr");
    expect(outcomes(admin)).toEqual(["rejected:unknown-unit"]);
  });

  it("a district supervisor reports inside their district only", async () => {
    const r = await postReports(
      s,
      cookies.supTd as string,
      [makeReport({ unitId: "tam-duong-02" }), makeReport({ unitId: "phong-tho-02" })],
      "sup-td-pr",
    );
    expect(outcomes(r)).toEqual(["stored", "rejected:forbidden"]);
  });

  it("checks the envelope: 401, 400 with path, 413 past 500, 403 for another user's client id", async () => {
    expect((await s.call("POST", "/api/v1/phase-reports", { json: { clientId: "x", reports: [] } })).status).toBe(401);
    const bad = await s.call("POST", "/api/v1/phase-reports", {
      cookie: cookies.tamduong,
      json: { clientId: "x", reports: {} },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe("reports");
    const many = Array.from({ length: 501 }, () => makeReport());
    expect((await postReports(s, cookies.tamduong as string, many)).status).toBe(413);
    const owned = await postReports(s, cookies.phongtho as string, [makeReport({ unitId: "phong-tho-01" })]);
    expect(owned.status).toBe(403);
    expect(owned.body.error.code).toBe("client-owned");
  });

  it("pull carries reports of the units in scope, with author and time received", async () => {
    const stored = makeReport({ unitId: "phong-tho-01" });
    expect(outcomes(await postReports(s, cookies.phongtho as string, [stored], "pt-pr"))).toEqual(["stored"]);
    const pt = (await pullPages(s, cookies.phongtho as string)).flatMap((p) => p.phaseReports);
    expect(pt).toEqual([{ ...stored, authorId: s.ids.phongtho, receivedAt: expect.any(String) }]);
    const td = (await pullPages(s, cookies.tamduong as string)).flatMap((p) => p.phaseReports);
    expect(td.map((r: { unitId: string }) => r.unitId)).toEqual([
      "tam-duong-01",
      "tam-duong-01",
      "tam-duong-01",
      "tam-duong-01",
      "tam-duong",
      "tam-duong-02",
    ]);
    const all = (await pullPages(s, cookies.supervisor as string)).flatMap((p) => p.phaseReports);
    expect(all).toHaveLength(7);
    // What a dashboard computes from the pulled reports: the reporting rate of Tam Đường for Đợt 1.
    const tree = new UnitTree((await s.store.catalog.units()).units);
    const rate = reportingRate(tree, "tam-duong", all, "laichau-2023", "dot-1");
    expect(rate).toMatchObject({ expected: 6, submitted: 2 });
  });
});

describeEachStore("supervision batches share the push throttle", () => {
  it("429 with Retry-After once the user's bucket is empty: reviews, phase reports, handover uploads", async () => {
    const s = await startTestServer({ pushBurst: 1, pushPerSecond: 0.001, devicesPerUser: 1 });
    try {
      const sup = await s.login("supervisor");
      expect((await postReports(s, sup, [makeReport()])).status).toBe(200);
      const answers = [
        await postReports(s, sup, [makeReport()]),
        await s.call("POST", "/api/v1/reviews", { cookie: sup, json: { clientId: "pr-phone", reviews: [] } }),
        await s.call("POST", "/api/v1/sync/import", { cookie: sup, body: "{}" }),
      ];
      for (const r of answers) {
        expect(r.status).toBe(429);
        expect(r.body.error.code).toBe("throttled");
        expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      }
    } finally {
      await s.close();
    }
  });
});
