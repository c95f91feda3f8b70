/**
 * `npm run admin -- report-docx`: after two grassroots unions and their district submit year-end
 * reports with sections through the API, and a nomination is pushed, the command writes a .docx
 * whose text holds the national title and motto, the number line, the recipients, the signer's
 * title, each part's goal and achieved figure with its verdict, the children's sections and the
 * nominee; and exits 2 when there is nothing to report.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runAdminCommand } from "../../server/admin-commands";
import { docxParagraphs } from "../support/docx-text";
import { campaign2023 } from "../support/fixtures";
import { CAMPAIGN, describeEachStore, makeEntry, startTestServer, TEST_SCRYPT, type TestServer } from "./helpers";
import { addUser, makeReport, outcomes, postReports } from "./supervision-support";

describeEachStore("report-docx", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    const officer = await s.login("tamduong");
    const district = await addUser(s, "sup-td", "supervisor", ["tam-duong"]);
    const province = await s.login("supervisor");
    const entries = [
      makeEntry({ partId: "t1-1", unitId: "tam-duong-01", quantity: 7 }),
      makeEntry({ partId: "t1-1", unitId: "tam-duong-02", quantity: 5, date: "2023-08-01" }),
      makeEntry({ partId: "t2-1", unitId: "tam-duong-01", quantity: 3 }),
      makeEntry({ partId: "t11-1", unitId: "tam-duong-02", quantity: 40 }),
    ];
    expect(outcomes(await s.push(officer, entries))).toEqual(["stored", "stored", "stored", "stored"]);
    const goals = [
      { campaignId: CAMPAIGN, partId: "t1-1", unitId: "tam-duong", goal: 12 },
      { campaignId: CAMPAIGN, partId: "t2-1", unitId: "tam-duong", goal: 60 },
    ];
    expect(
      (await s.call("PUT", "/api/v1/allocations", { cookie: province, json: { allocations: goals } })).status,
    ).toBe(200);
    const year = { phaseId: "year", createdAt: "2023-12-20T09:00:00.000+07:00" };
    const grassroots = [
      makeReport({
        ...year,
        unitId: "tam-duong-01",
        sections: [{ key: "results", text: "Trường THCS Bình Lư kết nạp 7 đoàn viên mới." }],
      }),
      makeReport({
        ...year,
        unitId: "tam-duong-02",
        sections: [{ key: "difficulties", text: "Xã Bản Giang địa bàn rộng, đi lại khó khăn." }],
      }),
    ];
    expect(outcomes(await postReports(s, officer, grassroots, "td-phone"))).toEqual(["stored", "stored"]);
    const own = makeReport({
      ...year,
      unitId: "tam-duong",
      sections: [
        { key: "results", text: "Toàn huyện hoàn thành chỉ tiêu phát triển đoàn viên." },
        { key: "proposals", text: "Đề nghị LĐLĐ tỉnh hỗ trợ kinh phí hoạt động." },
      ],
    });
    expect(outcomes(await postReports(s, district, [own], "sup-td-phone"))).toEqual(["stored"]);
    const nomination = {
      id: randomUUID(),
      campaignId: CAMPAIGN,
      unitId: "tam-duong-01",
      kind: "individual",
      name: "Lò Văn Minh",
      achievements: "Vận động 7 đoàn viên mới",
      award: "Bằng khen của Ban Chấp hành LĐLĐ tỉnh",
      createdAt: "2023-12-21T09:00:00.000+07:00",
    };
    const pushed = await s.call("POST", "/api/v1/nominations", {
      cookie: officer,
      json: { clientId: "td-phone", nominations: [nomination] },
    });
    expect(outcomes(pushed)).toEqual(["stored"]);
  });
  afterAll(() => s.close());

  async function run(...args: string[]): Promise<{ code: number; out: string[] }> {
    const out: string[] = [];
    const code = await runAdminCommand(["report-docx", ...args], s.store, TEST_SCRYPT, (line) => out.push(line));
    return { code, out };
  }

  it("writes the district's year-end report in the official format", async () => {
    const file = join(s.dir, "r.docx");
    const r = await run("--campaign", CAMPAIGN, "--phase", "year", "--unit", "tam-duong", "--out", file);
    expect(r.code, r.out.join("\n")).toBe(0);
    const paragraphs = docxParagraphs(readFileSync(file));
    const text = paragraphs.join("\n");
    for (const phrase of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU",
      "LIÊN ĐOÀN LAO ĐỘNG HUYỆN TAM ĐƯỜNG",
      "/BC-LĐLĐ",
      "Nơi nhận:",
      "TM. BAN THƯỜNG VỤ",
      "CHỦ TỊCH",
      "Tổng kết phong trào thi đua năm 2023",
      "Toàn huyện hoàn thành chỉ tiêu phát triển đoàn viên.",
      "Trường THCS Bình Lư kết nạp 7 đoàn viên mới.",
      "Xã Bản Giang địa bàn rộng, đi lại khó khăn.",
      "Lò Văn Minh",
      "Bằng khen của Ban Chấp hành LĐLĐ tỉnh",
    ]) {
      expect(text).toContain(phrase);
    }
    expect(paragraphs.some((p) => p.startsWith("Số:"))).toBe(true);
    expect(paragraphs.some((p) => /^Tam Đường, ngày \d{2} tháng \d{1,2} năm \d{4}$/.test(p))).toBe(true);
    expect(text).not.toContain("TM. BAN CHẤP HÀNH");

    // The figures table: after each part's title, its unit of measure, goal, achieved and verdict.
    const row = (title: string) => {
      const at = paragraphs.indexOf(title);
      expect(at, title).toBeGreaterThan(0);
      return paragraphs.slice(at + 2, at + 5);
    };
    const parts = campaign2023.targets.flatMap((t) => t.parts);
    expect(parts).toHaveLength(16);
    for (const part of parts) {
      const [goal, achieved, verdict] = row(part.title);
      expect(achieved, part.id).toMatch(/^\d+(\/\d+ \(\d+%\))?$/);
      if (part.kind === "open") expect([goal, verdict], part.id).toEqual(["—", ""]);
      else if (part.kind === "percent") expect(verdict, part.id).toMatch(/^(Đạt|Chưa đạt)$/);
      else if (goal !== "—") expect(verdict, part.id).toMatch(/^(Đạt|Chưa đạt)$/);
    }
    expect(row("Phát triển tăng thêm đoàn viên công đoàn")).toEqual(["12", "12", "Đạt"]);
    const t2 = parts.find((p) => p.id === "t2-1")?.title ?? "";
    expect(row(t2)).toEqual(["60", "3", "Chưa đạt"]);
    const t11 = parts.find((p) => p.id === "t11-1")?.title ?? "";
    expect(row(t11)).toEqual(["—", "40", ""]);
  });

  it("a grassroots union signs for its executive committee", async () => {
    const file = join(s.dir, "g.docx");
    const r = await run("--campaign", CAMPAIGN, "--phase", "year", "--unit", "tam-duong-01", "--out", file);
    expect(r.code, r.out.join("\n")).toBe(0);
    const text = docxParagraphs(readFileSync(file)).join("\n");
    expect(text).toContain("TM. BAN CHẤP HÀNH");
    expect(text).toContain("/BC-CĐCS");
  });

  it("exits 2 with a message when there is nothing to report, or the arguments name nothing", async () => {
    const file = join(s.dir, "none.docx");
    const nothing = await run("--campaign", CAMPAIGN, "--phase", "dot-2", "--unit", "phong-tho", "--out", file);
    expect(nothing.code).toBe(2);
    expect(nothing.out.join("\n")).toContain("nothing to report");
    for (const args of [
      ["--campaign", "nope", "--phase", "year", "--unit", "tam-duong"],
      ["--campaign", CAMPAIGN, "--phase", "dot-9", "--unit", "tam-duong"],
      ["--campaign", CAMPAIGN, "--phase", "year", "--unit", "nowhere"],
      ["--campaign", CAMPAIGN, "--phase", "year", "--unit", "tam-duong", "--date", "2024-02-30"],
    ]) {
      const r = await run(...args, "--out", file);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.out[0]).toMatch(/^error: /);
    }
    expect((await run("--campaign", CAMPAIGN)).code).toBe(2);
  });
});
