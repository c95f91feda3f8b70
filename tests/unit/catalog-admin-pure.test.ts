/**
 * The admin catalogue screens' pure parts: next year's copy of a campaign, the form's problems by
 * field, the server's in-use sentences in Vietnamese words, the federation's unit list read into
 * units (refused rows with their row numbers), and the diff an import's preview shows.
 */
import readXlsxFile from "read-excel-file/node";
import { describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/node";
import shipped from "../../data/campaign-2023.json";
import sampleFile from "../../data/units-sample.json";
import type { Campaign, Unit } from "../../src/domain/schemas";
import { draftProblems, inUseMsg } from "../../src/ui/campaigns/campaign-problems";
import { copyToNextYear, nextYearId, shiftDay } from "../../src/ui/campaigns/next-year";
import { toSheet } from "../../src/ui/export/formats";
import { sectorFromText } from "../../src/ui/units/sector-names";
import { diffUnits } from "../../src/ui/units/unit-diff";
import { closeBlock, possibleParents, setClosed, setFacts } from "../../src/ui/units/unit-edits";
import { csvRows, type RawCell, readUnitRows } from "../../src/ui/units/unit-import";
import { unitsTable } from "../../src/ui/units/units-table";

const c2023 = shipped as Campaign;
const sample = sampleFile.units as Unit[];

describe("next year's campaign", () => {
  it("moves ids and every date on a year and blanks the count and distinct goals", () => {
    const next = copyToNextYear(c2023);
    expect(next).toMatchObject({ id: "laichau-2024", year: 2024, code: "", status: "active", issuedOn: "2024-03-03" });
    expect(next.phases.map((p) => [p.start, p.end])).toEqual([
      ["2024-01-01", "2024-06-30"],
      ["2024-07-01", "2024-12-31"],
    ]);
    expect(next.milestones[0]).toMatchObject({ date: "2024-02-03", since: "1930-02-03" });
    const parts = next.targets.flatMap((t) => t.parts);
    expect(parts.filter((p) => p.kind === "count" || p.kind === "distinct").every((p) => p.goal === null)).toBe(true);
    expect(parts.find((p) => p.id === "t10-1")).toMatchObject({ goal: 100, dueBy: "2024-05-31" });
    expect(parts.find((p) => p.id === "t6-3")?.eligible).toEqual({
      sectors: ["non-state-enterprise"],
      levels: ["grassroots"],
    });
    // The original is untouched.
    expect(c2023.targets[0]?.parts[0]?.goal).toBe(134);
  });

  it("keeps 29 February real and names ids without a year", () => {
    expect(shiftDay("2024-02-29")).toBe("2025-02-28");
    expect(shiftDay("2023-02-28")).toBe("2024-02-28");
    expect(nextYearId("thi-dua", 2023)).toBe("thi-dua-2024");
  });

  it("refuses a count part without a goal next to its goal field, and accepts it once filled", () => {
    const next = copyToNextYear(c2023);
    const problems = draftProblems(next);
    expect(problems["targets.0.parts.0.goal"]).toEqual({ key: "cv.err.goal" });
    expect(problems.code).toEqual({ key: "cv.err.required" });
    for (const t of next.targets) for (const p of t.parts) if (p.goal === null && p.kind !== "open") p.goal = 10;
    next.code = "12/PĐTĐ-LĐLĐ";
    expect(draftProblems(next)).toEqual({});
  });

  it("ties rule problems to their fields", () => {
    const bad = structuredClone(c2023);
    const [p1, p2] = bad.phases;
    if (!p1 || !p2) throw new Error("phases");
    p2.start = "2023-06-01";
    p1.end = "2022-12-31";
    bad.issuedOn = "2023-02-30";
    const problems = draftProblems(bad);
    expect(problems["phases.0.end"]).toEqual({ key: "cv.err.phaseOrder" });
    expect(problems.issuedOn).toEqual({ key: "cv.err.date" });
  });
});

describe("the server's in-use sentences", () => {
  it("are put in Vietnamese words by pattern", () => {
    expect(inUseMsg("part t6-3 has entries and cannot be removed")).toEqual({
      key: "cv.inUse.partRemoved",
      params: { id: "t6-3" },
    });
    expect(
      inUseMsg("part t1-1 has entries: it cannot change from count to distinct", undefined, (k) => `«${k}»`),
    ).toMatchObject({ key: "cv.inUse.partKind", params: { from: "«cv.kind.count»", to: "«cv.kind.distinct»" } });
    expect(
      inUseMsg("unit phong-tho-01 is used by entries or users and cannot be removed (close it instead)", (id) =>
        id.toUpperCase(),
      ),
    ).toEqual({ key: "un.inUse.unit", params: { unit: "PHONG-THO-01" } });
    expect(inUseMsg("something new")).toEqual({ key: "cv.err.server", params: { text: "something new" } });
  });
});

describe("the federation's unit list", () => {
  const header = ["Mã đơn vị", "Tên", "Mã đơn vị cấp trên", "Khu vực"];

  it("reads sectors forgivingly", () => {
    expect(sectorFromText("Khu vực Công")).toBe("public");
    expect(sectorFromText("doanh nghiep NHA NUOC")).toBe("state-enterprise");
    expect(sectorFromText(" Doanh nghiệp ngoài nhà nước ")).toBe("non-state-enterprise");
    expect(sectorFromText("ngoài nhà nước")).toBe("non-state-enterprise");
    expect(sectorFromText("")).toBeNull();
    expect(sectorFromText("tư nhân")).toBeUndefined();
  });

  it("finds the header below a title, reads units and refuses bad rows with their numbers", () => {
    const rows = [
      ["DANH SÁCH CÔNG ĐOÀN CƠ SỞ"],
      ["MÃ ĐƠN VỊ", "tên", "mã đơn vị cấp trên", "KHU VUC"],
      ["lct", "Liên đoàn Lao động tỉnh Lai Châu", "", ""],
      ["sin-ho", "LĐLĐ huyện Sìn Hồ", "lct", null],
      ["sin-ho-01", "CĐCS Trường Tiểu học Sìn Hồ", "sin-ho", "công"],
      ["bad id", "Tên", "lct", ""],
      ["sin-ho-02", "CĐCS Công ty X", "sin-ho", "tư nhân"],
      ["ghost-01", "CĐCS ma", "ghost", "công"],
      ["ghost-02", "CĐCS con của ma", "ghost-01", "công"],
      ["sin-ho-01", "Lặp", "sin-ho", "công"],
      ["other-root", "Gốc thứ hai", "", ""],
      [],
    ];
    const read = readUnitRows(rows);
    if (!read.ok) throw new Error("header not found");
    expect(read.units).toEqual([
      { id: "lct", name: "Liên đoàn Lao động tỉnh Lai Châu" },
      { id: "sin-ho", name: "LĐLĐ huyện Sìn Hồ", parentId: "lct" },
      { id: "sin-ho-01", name: "CĐCS Trường Tiểu học Sìn Hồ", parentId: "sin-ho", sector: "public" },
    ]);
    expect(read.refused.map((r) => [r.row, r.reason])).toEqual([
      [6, "bad-id"],
      [7, "bad-sector"],
      [8, "unknown-parent"],
      [9, "unknown-parent"],
      [10, "duplicate-id"],
      [11, "second-root"],
    ]);
  });

  it("says which columns are missing", () => {
    expect(readUnitRows([["Mã đơn vị", "Tên"]])).toEqual({ ok: false, missing: ["mã đơn vị cấp trên"] });
  });

  it("keeps closed units the list no longer names, and reads CSV with quotes and a BOM", () => {
    const current: Unit[] = [
      { id: "lct", name: "LĐLĐ tỉnh" },
      { id: "old", name: "CĐCS đã giải thể", parentId: "lct", closed: true },
    ];
    const rows = csvRows(`\uFEFF${header.join(",")}\r\nlct,"LĐLĐ tỉnh, Lai Châu",,\r\nnew,CĐCS mới,lct,Công\r\n`);
    const read = readUnitRows(rows, current);
    if (!read.ok) throw new Error("header not found");
    expect(read.units.map((u) => u.name)).toEqual(["LĐLĐ tỉnh, Lai Châu", "CĐCS mới"]);
    expect(read.keptClosed.map((u) => u.id)).toEqual(["old"]);
    expect(csvRows("a;b\n1;2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("diffs the sample tree against an edited one", () => {
    const after = sample
      .filter((u) => u.id !== "tp-laichau-02")
      .map((u) => (u.id === "tp-laichau-01" ? { ...u, name: "Đổi tên", parentId: "lct" } : u));
    after.push({ id: "moi", name: "Mới", parentId: "lct" });
    const d = diffUnits(sample, after);
    expect(d.added.map((u) => u.id)).toEqual(["moi"]);
    expect(d.renamed).toEqual([{ unit: expect.objectContaining({ id: "tp-laichau-01" }), from: expect.any(String) }]);
    expect(d.moved.map((m) => [m.unit.id, m.from])).toEqual([["tp-laichau-01", "tp-laichau"]]);
    expect(d.removed.map((u) => u.id)).toEqual(["tp-laichau-02"]);
  });
});

describe("the registry's edits", () => {
  it("closes a unit only when its children are closed, and reopens one only under an open parent", () => {
    expect(closeBlock(sample, "sin-ho", true)).toEqual({ key: "un.closeBlocked", n: 4 });
    let units = sample;
    for (const id of ["sin-ho-01", "sin-ho-02", "sin-ho-03", "sin-ho-04"]) units = setClosed(units, id, true);
    expect(closeBlock(units, "sin-ho", true)).toBeUndefined();
    units = setClosed(units, "sin-ho", true);
    expect(closeBlock(units, "sin-ho-01", false)).toMatchObject({ key: "un.reopenBlocked" });
    expect(setClosed(units, "sin-ho", false).find((u) => u.id === "sin-ho")).not.toHaveProperty("closed");
  });

  it("moves, renames and sets the sector; a unit cannot move under itself or a closed unit", () => {
    const moved = setFacts(sample, "sin-ho-01", { name: "Mới", parentId: "lct" });
    expect(moved.find((u) => u.id === "sin-ho-01")).toEqual({ id: "sin-ho-01", name: "Mới", parentId: "lct" });
    const ids = possibleParents(setClosed(sample, "tam-duong-01", true), "sin-ho").map((u) => u.id);
    expect(ids).toContain("lct");
    expect(ids).not.toContain("sin-ho");
    expect(ids).not.toContain("sin-ho-01");
    expect(ids).not.toContain("tam-duong-01");
  });
});

describe("the exported tree", () => {
  it("reads back as the same units, closed ones included", async () => {
    let units = sample;
    for (const id of ["muong-te-01", "muong-te-02", "muong-te-03", "muong-te-04"]) units = setClosed(units, id, true);
    units = setClosed(units, "muong-te", true);
    const sheet = toSheet(unitsTable(units));
    const buffer = await writeXlsxFile([sheet]).toBuffer();
    const [first] = await readXlsxFile(buffer);
    const read = readUnitRows((first?.data ?? []) as RawCell[][], units);
    if (!read.ok) throw new Error("header not found");
    expect(read.refused).toEqual([]);
    const byId = (list: Unit[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(read.units)).toEqual(byId(units));
  });
});
