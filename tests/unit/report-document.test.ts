/**
 * The report builder (src/domain/report-document.ts): header per NĐ 30/2020, figures against
 * goals with Đạt / Chưa đạt, sections from the unit's and its children's latest reports,
 * nominations at year end, the signature by level, and "nothing to report".
 */
import { describe, expect, it } from "vitest";
import { goalLookupOf } from "../../src/domain/goals";
import { buildReport, type ReportInput } from "../../src/domain/report-document";
import type { Nomination } from "../../src/domain/reports";
import type { PhaseReport } from "../../src/domain/supervision";
import { type Cell, cellsFromEntries } from "../../src/domain/totals";
import { campaign2023, sampleTree } from "../support/fixtures";

const cell = (partId: string, unitId: string, net: number, phaseId = "dot-1"): Cell => ({
  campaignId: "laichau-2023",
  partId,
  unitId,
  phaseId,
  net,
});

let n = 0;
function report(unitId: string, over: Partial<PhaseReport> = {}): PhaseReport {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    campaignId: "laichau-2023",
    phaseId: "year",
    unitId,
    createdAt: "2023-12-20T09:00:00.000+07:00",
    ...over,
  };
}

function nomination(unitId: string, over: Partial<Nomination> = {}): Nomination {
  n++;
  return {
    id: `00000000-0000-4000-9000-${String(n).padStart(12, "0")}`,
    campaignId: "laichau-2023",
    unitId,
    kind: "individual",
    name: "Nguyễn Thị Hoa",
    achievements: "Vận động 12 đoàn viên mới",
    award: "Bằng khen",
    createdAt: "2023-12-21T09:00:00.000+07:00",
    ...over,
  };
}

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    campaign: campaign2023,
    tree: sampleTree,
    unitId: "tam-duong",
    phaseId: "year",
    cells: [],
    reports: [],
    nominations: [],
    date: "2024-01-05",
    ...over,
  };
}

describe("buildReport", () => {
  it("a district's header: the province above, its own place, Số …/BC-, Quốc hiệu and Tiêu ngữ", () => {
    const doc = buildReport(input({ cells: [cell("t1-1", "tam-duong-01", 5)] }));
    expect(doc?.header).toEqual({
      issuer: "LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU",
      unit: "LIÊN ĐOÀN LAO ĐỘNG HUYỆN TAM ĐƯỜNG",
      number: "Số:      /BC-LĐLĐ",
      nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      motto: "Độc lập - Tự do - Hạnh phúc",
      placeDate: "Tam Đường, ngày 05 tháng 01 năm 2024",
    });
    expect(doc?.subtitle).toBe("Tổng kết phong trào thi đua năm 2023");
    expect(doc?.intro).toContain("số 424/PĐTĐ-LĐLĐ ngày 03/3/2023");
    expect(doc?.signature).toEqual({ onBehalf: "TM. BAN THƯỜNG VỤ", title: "CHỦ TỊCH" });
    expect(doc?.recipients.lines[0]).toBe("Liên đoàn Lao động tỉnh Lai Châu (b/c);");
  });

  it("the root signs for its standing committee under the national federation; a grassroots union for its executive committee", () => {
    const cells = [cell("t1-1", "tam-duong-01", 5)];
    const root = buildReport(input({ unitId: "lct", cells }));
    expect(root?.header.issuer).toBe("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM");
    expect(root?.header.placeDate).toBe("Lai Châu, ngày 05 tháng 01 năm 2024");
    expect(root?.signature.onBehalf).toBe("TM. BAN THƯỜNG VỤ");
    const grassroots = buildReport(input({ unitId: "tam-duong-01", cells, date: "2023-07-10" }));
    expect(grassroots?.signature).toEqual({ onBehalf: "TM. BAN CHẤP HÀNH", title: "CHỦ TỊCH" });
    expect(grassroots?.header.number).toBe("Số:      /BC-CĐCS");
    // No place of its own: the district's.
    expect(grassroots?.header.placeDate).toBe("Tam Đường, ngày 10 tháng 7 năm 2023");
  });

  it("figures: the subtree's totals against allocated goals, Đạt / Chưa đạt; open parts and unallocated ones get no verdict", () => {
    const cells = [
      cell("t1-1", "tam-duong-01", 7),
      cell("t1-1", "tam-duong-02", 5, "dot-2"),
      cell("t2-1", "tam-duong-01", 3),
      cell("t10-1", "tam-duong-01", 1),
      cell("t11-1", "tam-duong-02", 40),
    ];
    const allocations = goalLookupOf([
      { unitId: "tam-duong", partId: "t1-1", goal: 12 },
      { unitId: "tam-duong", partId: "t2-1", goal: 60 },
    ]);
    const rows = buildReport(input({ cells, allocations }))?.figures.rows ?? [];
    const byNumber = new Map(rows.map((r) => [r.number, r]));
    expect(byNumber.get("1.1")).toMatchObject({ goal: "12", achieved: "12", verdictText: "Đạt" });
    expect(byNumber.get("2")).toMatchObject({ goal: "60", achieved: "3", verdictText: "Chưa đạt" });
    expect(byNumber.get("1.2")).toMatchObject({ goal: "—", achieved: "0", verdict: null, verdictText: "" });
    expect(byNumber.get("11")).toMatchObject({ goal: "—", achieved: "40", verdict: null });
    expect(byNumber.get("10")).toMatchObject({ goal: "100%", achieved: "1/6 (17%)", verdictText: "Chưa đạt" });
    // A phase report counts that phase only.
    const phase = buildReport(input({ cells, allocations, phaseId: "dot-1" }));
    expect(phase?.subtitle).toBe("Sơ kết Đợt 1 phong trào thi đua năm 2023");
    expect(phase?.figures.rows.find((r) => r.number === "1.1")?.achieved).toBe("7");
  });

  it("sections: the unit's own latest report, then each child's, led by its name; a newer report replaces an older", () => {
    const reports = [
      report("tam-duong", { sections: [{ key: "results", text: "Huyện hoàn thành 12 đoàn viên." }] }),
      report("tam-duong-01", { sections: [{ key: "results", text: "Bản cũ." }], createdAt: "2023-12-20T09:00:00Z" }),
      report("tam-duong-01", {
        sections: [
          { key: "results", text: "Kết nạp 7 đoàn viên.\n\nTổ chức Tháng Công nhân." },
          { key: "proposals", text: "Đề nghị hỗ trợ kinh phí." },
        ],
        // Earlier on the clock face, later as an instant.
        createdAt: "2023-12-20T17:00:00+07:00",
      }),
      report("tam-duong-02", { sections: [{ key: "difficulties", text: "Địa bàn rộng." }] }),
      report("tam-duong-03", { phaseId: "dot-1", sections: [{ key: "results", text: "Của đợt 1." }] }),
      report("phong-tho-01", { sections: [{ key: "results", text: "Không thuộc huyện." }] }),
    ];
    const doc = buildReport(input({ reports }));
    expect(doc?.sections.map((s) => s.heading)).toEqual([
      "II. KẾT QUẢ NỔI BẬT",
      "III. KHÓ KHĂN, VƯỚNG MẮC",
      "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]);
    expect(doc?.sections[0]?.paragraphs).toEqual([
      { text: "Huyện hoàn thành 12 đoàn viên." },
      { lead: "Công đoàn cơ sở Trường THCS Bình Lư:", text: "Kết nạp 7 đoàn viên." },
      { text: "Tổ chức Tháng Công nhân." },
    ]);
    expect(doc?.sections[1]?.paragraphs).toEqual([
      { lead: "Công đoàn cơ sở UBND xã Bản Giang:", text: "Địa bàn rộng." },
    ]);
  });

  it("marks a child whose report reached the server after the deadline (10 January for 2023's year) as late", () => {
    const reports = [
      report("tam-duong-01", {
        sections: [{ key: "results", text: "Đúng hạn." }],
        receivedAt: "2024-01-10T16:59:00.000Z", // 23:59 in Vietnam, the last day
      } as Partial<PhaseReport>),
      report("tam-duong-02", {
        sections: [{ key: "results", text: "Gửi muộn." }],
        receivedAt: "2024-01-10T17:00:00.000Z", // 00:00 on the 11th in Vietnam
      } as Partial<PhaseReport>),
      // Not yet received: judged on the document's day, still before the deadline.
      report("tam-duong-03", { sections: [{ key: "results", text: "Chưa tới máy chủ." }] }),
    ];
    const leads = (date: string) => buildReport(input({ reports, date }))?.sections[0]?.paragraphs.map((p) => p.lead);
    expect(leads("2024-01-05")).toEqual([
      "Công đoàn cơ sở Trường THCS Bình Lư:",
      "Công đoàn cơ sở UBND xã Bản Giang (nộp muộn):",
      expect.stringMatching(/^Công đoàn cơ sở .*[^)]:$/),
    ]);
    // Printed after the deadline, the report still not received counts as late too.
    expect(leads("2024-01-12")?.[2]).toMatch(/\(nộp muộn\):$/);
  });

  it("nominations at year end only: collectives then individuals, the returned ones left out", () => {
    const kept = nomination("tam-duong-01", { name: "Lò Văn Minh" });
    const returned = nomination("tam-duong-02", { name: "Trả lại" });
    const collective = nomination("tam-duong", { kind: "collective", name: "Công đoàn cơ sở xã Bản Giang" });
    const outside = nomination("phong-tho-01", { name: "Ngoài huyện" });
    const decisions = [
      { id: "d1", nominationId: returned.id, state: "returned" as const, createdAt: "2023-12-28T09:00:00Z" },
      { id: "d2", nominationId: kept.id, state: "returned" as const, createdAt: "2023-12-27T09:00:00Z" },
      { id: "d3", nominationId: kept.id, state: "accepted" as const, createdAt: "2023-12-28T09:00:00Z" },
    ];
    const nominations = [kept, returned, collective, outside];
    const doc = buildReport(input({ nominations, nominationReviews: decisions }));
    expect(doc?.nominations?.heading).toBe("II. ĐỀ NGHỊ KHEN THƯỞNG");
    expect(doc?.nominations?.groups.map((g) => [g.heading, g.items.map((i) => i.name)])).toEqual([
      ["Tập thể", ["Công đoàn cơ sở xã Bản Giang"]],
      ["Cá nhân", ["Lò Văn Minh"]],
    ]);
    expect(buildReport(input({ nominations, phaseId: "dot-2" }))).toBeUndefined();
  });

  it("nothing to report: undefined; an unknown unit or phase throws", () => {
    expect(buildReport(input())).toBeUndefined();
    const cells = cellsFromEntries([
      { campaignId: "laichau-2023", partId: "t1-1", unitId: "phong-tho-01", quantity: 4, phaseId: "dot-1" },
    ]);
    expect(buildReport(input({ cells }))).toBeUndefined();
    expect(() => buildReport(input({ unitId: "nowhere" }))).toThrow(RangeError);
    expect(() => buildReport(input({ phaseId: "dot-9" }))).toThrow(RangeError);
  });
});
