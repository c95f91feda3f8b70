/** The numbers behind the dashboard, the print view and the export: pace, series, sorting, reporting, choices. */
import { describe, expect, it } from "vitest";
import { campaignEnded } from "../../src/domain/supervision";
import { cellsFromEntries, computeTotals } from "../../src/domain/totals";
import { loadSupervisionMessages } from "../../src/i18n";
import { fmtStamp } from "../../src/ui/dashboard/data-time";
import {
  type BreakdownRow,
  type PartRow,
  paceShare,
  partRows,
  reportingByPhase,
  shortUnitName,
  sortRows,
} from "../../src/ui/dashboard/model";
import { resolveParams } from "../../src/ui/dashboard/params";
import { cumulativeSeries, monthEnds } from "../../src/ui/dashboard/series";
import { remarkOf } from "../../src/ui/export/rows";
import { campaign2023, sampleTree } from "../support/fixtures";

describe("pace", () => {
  it("expects the full goal once the campaign is over, and a phase's share of it within the phase", () => {
    expect(paceShare(campaign2023, undefined, "2026-11-25")).toBe(1);
    expect(paceShare(campaign2023, undefined, "2022-12-31")).toBe(0);
    expect(paceShare(campaign2023, undefined, "2023-07-02")).toBeCloseTo(183 / 365, 5);
    // Đợt 1 is 181 of the year's 365 days: by its end it should hold that share of the year's goal.
    expect(paceShare(campaign2023, "dot-1", "2023-06-30")).toBeCloseTo(181 / 365, 5);
    expect(paceShare(campaign2023, "dot-2", "2023-06-30")).toBe(0);
  });
});

describe("cumulative series", () => {
  it("adds net quantities day by day for count parts", () => {
    const s = cumulativeSeries(
      [
        { date: "2023-03-02", quantity: 5, unitId: "a" },
        { date: "2023-01-10", quantity: 2, unitId: "b" },
        { date: "2023-03-02", quantity: -1, unitId: "a" },
      ],
      "count",
    );
    expect(s).toEqual([
      { date: "2023-01-10", value: 2 },
      { date: "2023-03-02", value: 6 },
    ]);
  });

  it("counts units above 0 for percent parts, a correction taking one back out", () => {
    const s = cumulativeSeries(
      [
        { date: "2023-04-01", quantity: 1, unitId: "a" },
        { date: "2023-04-02", quantity: 1, unitId: "b" },
        { date: "2023-04-03", quantity: -1, unitId: "a" },
        { date: "2023-04-04", quantity: 1, unitId: "b" },
      ],
      "percent",
    );
    expect(s.map((p) => p.value)).toEqual([1, 2, 1, 1]);
  });

  it("gives the value at each month's end for the table fallback", () => {
    const s = [
      { date: "2023-01-10", value: 2 },
      { date: "2023-03-02", value: 6 },
    ];
    expect(monthEnds(s, "2023-01-01", "2023-03-15")).toEqual([
      { date: "2023-01-31", value: 2 },
      { date: "2023-02-28", value: 2 },
      { date: "2023-03-15", value: 6 },
    ]);
  });
});

describe("breakdown sorting", () => {
  const row = (name: string, achieved: number, percent: number | null): BreakdownRow => ({
    unitId: name,
    name,
    hasChildren: false,
    cells: new Map([["p", { achieved, target: percent === null ? null : 10, percent, behind: false, check: false }]]),
  });
  const rows = [row("Sìn Hồ", 3, 30), row("Tam Đường", 9, null), row("Mường Tè", 5, 50)];

  it("keeps the tree's order without a key, sorts names the Vietnamese way", () => {
    expect(sortRows(rows, undefined, "ascending").map((r) => r.name)).toEqual(["Sìn Hồ", "Tam Đường", "Mường Tè"]);
    expect(sortRows(rows, { by: "unit" }, "ascending").map((r) => r.name)).toEqual(["Mường Tè", "Sìn Hồ", "Tam Đường"]);
  });

  it("sorts by achieved, and by percent with units without a share last either way", () => {
    expect(sortRows(rows, { by: "achieved", partId: "p" }, "descending").map((r) => r.name)).toEqual([
      "Tam Đường",
      "Mường Tè",
      "Sìn Hồ",
    ]);
    expect(sortRows(rows, { by: "percent", partId: "p" }, "ascending").map((r) => r.name)).toEqual([
      "Sìn Hồ",
      "Mường Tè",
      "Tam Đường",
    ]);
    expect(sortRows(rows, { by: "percent", partId: "p" }, "descending").at(-1)?.name).toBe("Tam Đường");
  });

  it("prints the usual abbreviations", () => {
    expect(shortUnitName("Liên đoàn Lao động huyện Sìn Hồ")).toBe("LĐLĐ huyện Sìn Hồ");
    expect(shortUnitName("Công đoàn cơ sở Trường THCS Bình Lư")).toBe("CĐCS Trường THCS Bình Lư");
    expect(shortUnitName("Công đoàn ngành Y tế tỉnh")).toBe("Công đoàn ngành Y tế tỉnh");
  });
});

describe("reporting rate", () => {
  it("counts only reports the server holds, per phase and the year, on time, late, and lists who is missing", () => {
    const reports = [
      {
        campaignId: "laichau-2023",
        phaseId: "dot-1",
        unitId: "tam-duong",
        syncState: "synced",
        receivedAt: "2023-07-02T03:00:00Z",
      },
      { campaignId: "laichau-2023", phaseId: "dot-1", unitId: "tam-duong-01", syncState: "pending" },
      { campaignId: "laichau-2023", phaseId: "dot-2", unitId: "tam-duong-02", receivedAt: "2024-02-01T03:00:00Z" },
    ];
    const [d1, d2, year] = reportingByPhase(campaign2023, sampleTree, ["tam-duong"], reports, "2024-03-01");
    const size = sampleTree.subtreeIds("tam-duong").length;
    expect(d1).toMatchObject({ phaseId: "dot-1", expected: size, submitted: 1, onTime: ["tam-duong"], late: [] });
    expect(d1?.missing).toContain("tam-duong-01");
    expect(d2).toMatchObject({ phaseId: "dot-2", submitted: 1, onTime: [], late: ["tam-duong-02"], due: "2024-01-10" });
    expect(year).toMatchObject({ phaseId: "year", submitted: 0, due: "2024-01-10" });
    expect(year?.missing).toHaveLength(size);
  });
});

describe("dashboard choices", () => {
  it("keeps a unit inside the scope, defaults to the top unit and today's phase (or the year)", () => {
    const r = resolveParams({ unit: "tam-duong", phase: "dot-2" }, campaign2023, sampleTree, ["lct"], "2026-01-01");
    expect(r).toEqual({ phaseId: "dot-2", unitId: "tam-duong", roots: ["tam-duong"] });
    const outside = resolveParams({ unit: "lct" }, campaign2023, sampleTree, ["tam-duong"], "2023-05-01");
    expect(outside).toEqual({ phaseId: "dot-1", unitId: "tam-duong", roots: ["tam-duong"] });
    const two = resolveParams({ phase: "all" }, campaign2023, sampleTree, ["tam-duong", "sin-ho"], "2023-05-01");
    expect(two).toEqual({ phaseId: undefined, unitId: undefined, roots: ["tam-duong", "sin-ho"] });
  });
});

describe("as-of time", () => {
  it("reads in Vietnam's time whatever the device's zone, like the print date and the export", () => {
    // 17:30 UTC on 30 June is already 1 July in Lai Châu: the day a phase ends matters.
    expect(fmtStamp("2023-06-30T17:30:00Z")).toBe("00:30 01/07/2023");
    expect(fmtStamp("2023-06-30T09:05:00Z")).toBe("16:05 30/06/2023");
    expect(fmtStamp("not a time")).toBe("not a time");
  });
});

describe("an ended campaign", () => {
  it("judges each part Đạt or Chưa đạt against its target instead of its pace, and open parts not at all", async () => {
    await loadSupervisionMessages();
    const cells = cellsFromEntries([
      { campaignId: campaign2023.id, partId: "t1-1", unitId: "tam-duong-01", phaseId: "dot-1", quantity: 134 },
      { campaignId: campaign2023.id, partId: "t2-1", unitId: "tam-duong-01", phaseId: "dot-2", quantity: 700 },
      { campaignId: campaign2023.id, partId: "t11-1", unitId: "tam-duong-01", phaseId: "dot-2", quantity: 9 },
    ]);
    const totals = computeTotals({
      campaign: campaign2023,
      tree: sampleTree,
      cells,
      scopeRoots: ["lct"],
      unitId: "lct",
    });
    expect(campaignEnded(campaign2023, "2024-01-01")).toBe(true);
    expect(campaignEnded(campaign2023, "2023-12-31")).toBe(false);
    const rows = partRows(campaign2023, totals, 1, true);
    const byId = new Map(rows.map((r) => [r.part.id, r]));
    expect(byId.get("t1-1")).toMatchObject({ verdict: "met", behind: false });
    expect(byId.get("t2-1")).toMatchObject({ verdict: "not-met", behind: false });
    expect(byId.get("t11-1")?.verdict).toBeUndefined();
    expect(rows.some((r) => r.behind)).toBe(false);
    expect(remarkOf(byId.get("t2-1") as PartRow)).toBe("Chưa đạt");
    // While it runs, the same figures are paced.
    expect(partRows(campaign2023, totals, 1).find((r) => r.part.id === "t2-1")).toMatchObject({ behind: true });
  });
});
