/**
 * Export files, parsed back: the tables built from a small ledger are written as .xlsx with
 * write-excel-file (the same sheet data the browser writes) and read again with read-excel-file,
 * cell by cell; the CSV keeps its BOM, CRLF, quoting and diacritics.
 */
import readXlsxFile from "read-excel-file/node";
import { beforeAll, describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/node";
import type { LocalEntry, LocalReview } from "../../src/db/database";
import { phaseOf } from "../../src/domain/phases";
import type { Entry } from "../../src/domain/schemas";
import { cellsFromEntries, computeTotals } from "../../src/domain/totals";
import { loadScreenMessages, loadSupervisionMessages } from "../../src/i18n";
import { breakdownRows, partRows } from "../../src/ui/dashboard/model";
import { csvField, headerRowIndex, toCsv, toSheet } from "../../src/ui/export/formats";
import {
  breakdownTable,
  dayValue,
  type ExportContext,
  type ExportTable,
  entriesTable,
  partsTable,
  wallClock,
} from "../../src/ui/export/rows";
import { campaign2023, makeEntry, sampleTree } from "../support/fixtures";

const NOTE = 'Hội nghị "đặc biệt", có dấu phẩy\nvà xuống dòng — Tân Uyên';
const local = (e: Entry): LocalEntry => ({
  ...e,
  phaseId: phaseOf(campaign2023, e.date)?.id ?? "dot-1",
  rootId: e.correctsId ?? e.id,
  ownerId: "u1",
  syncState: "synced",
});
const entries: LocalEntry[] = [
  makeEntry({ unitId: "tam-duong-01", partId: "t1-1", quantity: 12, date: "2023-03-15" }),
  makeEntry({ unitId: "tam-duong-02", partId: "t1-1", quantity: 5, date: "2023-08-01", note: NOTE }),
  makeEntry({ unitId: "than-uyen-01", partId: "t6-1", quantity: 40, date: "2023-05-20", note: "=1+1" }),
  makeEntry({ unitId: "than-uyen-01", partId: "t10-1", quantity: 1, date: "2023-05-01" }),
].map(local);
const firstId = entries[0]?.id ?? "";
const reviews: LocalReview[] = [
  {
    id: "00000000-0000-4000-8000-00000000aaaa",
    entryId: firstId,
    state: "has-issues",
    comment: "Thiếu biên bản",
    createdAt: "2023-04-01T02:00:00.000Z",
    ownerId: "sup",
    reviewerName: "Chị Hoa",
    syncState: "synced",
  },
];
const ctx: ExportContext = {
  campaign: campaign2023,
  unitName: "Liên đoàn Lao động tỉnh Lai Châu",
  phaseName: "Cả năm",
  dataTime: "2024-01-05T03:04:00.000Z",
};

/** A parsed cell's ISO time (read-excel-file types dates loosely). */
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

function tables() {
  const allocations = (unitId: string, partId: string) =>
    unitId === "tam-duong" && partId === "t1-1" ? 20 : undefined;
  const totals = computeTotals({
    campaign: campaign2023,
    tree: sampleTree,
    cells: cellsFromEntries(entries),
    unitId: "lct",
    scopeRoots: ["lct"],
    allocations,
  });
  const parts = partRows(campaign2023, totals, 1);
  const rows = breakdownRows(campaign2023, sampleTree, totals, allocations, 1);
  return {
    parts: partsTable(ctx, parts),
    breakdown: breakdownTable(ctx, campaign2023, rows, parts),
    entries: entriesTable(ctx, sampleTree, entries, reviews, (id) => (id === "u1" ? "Lò Thị Ghi" : "?")),
  };
}

beforeAll(async () => {
  await loadScreenMessages();
  await loadSupervisionMessages();
});

describe("export rows", () => {
  it("reads times as the wall clock in Vietnam and days at midnight UTC", () => {
    expect(wallClock("2023-06-30T17:30:00Z").toISOString()).toBe("2023-07-01T00:30:00.000Z");
    expect(dayValue("2023-03-15").toISOString()).toBe("2023-03-15T00:00:00.000Z");
  });

  it("adds a row for what was recorded at the chosen unit itself, so the rows add up to the total", () => {
    const here = [
      ...entries,
      makeEntry({ unitId: "tam-duong", partId: "t2-1", quantity: 1200, date: "2023-03-20" }),
      makeEntry({ unitId: "tam-duong-01", partId: "t2-1", quantity: 30, date: "2023-03-20" }),
    ].map((e) => ({ ...e, phaseId: phaseOf(campaign2023, e.date)?.id ?? "" }));
    const q = { campaign: campaign2023, tree: sampleTree, cells: cellsFromEntries(here), scopeRoots: ["lct"] };
    const district = computeTotals({ ...q, unitId: "tam-duong" });
    const rows = breakdownRows(campaign2023, sampleTree, district, () => undefined, 1);
    const own = rows.at(-1);
    expect(own?.name).toBe("Trực tiếp tại Liên đoàn Lao động huyện Tam Đường");
    expect(own?.hasChildren).toBe(false);
    for (const part of district.parts) {
      const sum = rows.reduce((n, r) => n + (r.cells.get(part.partId)?.achieved ?? 0), 0);
      expect(sum, part.partId).toBe(part.achieved);
    }
    expect(own?.cells.get("t2-1")?.achieved).toBe(1200);
    // Nothing recorded at the province itself: no such row there.
    const province = computeTotals({ ...q, unitId: "lct" });
    // 1.230 against the province's 785: far above, worth a check; 1.1 is not.
    const checks = partRows(campaign2023, province, 1).filter((r) => r.check);
    expect(checks.map((r) => r.part.id)).toEqual(["t2-1"]);
    expect(breakdownRows(campaign2023, sampleTree, province, () => undefined, 1).some((r) => r.unitId === "lct")).toBe(
      false,
    );
  });

  it("gives each unit its achieved and its own share", () => {
    const { breakdown } = tables();
    const header = breakdown.columns.map((c) => c.header);
    expect(header.slice(0, 3)).toEqual(["Đơn vị", "1.1 Đạt", "1.1 Giao"]);
    const tamDuong = breakdown.rows.find((r) => r[0] === "Liên đoàn Lao động huyện Tam Đường");
    expect(tamDuong?.slice(1, 3)).toEqual([17, 20]);
    expect(breakdown.rows.at(-1)?.slice(0, 3)).toEqual(["Tổng cộng", 17, 134]);
  });
});

describe("xlsx, written and read back", () => {
  it("keeps the label rows, the Vietnamese header, numbers as numbers and dates as dates", async () => {
    const t = tables();
    const buffer = await writeXlsxFile([t.parts, t.breakdown, t.entries].map(toSheet)).toBuffer();
    const sheets = await readXlsxFile(buffer);
    expect(sheets.map((s) => s.sheet)).toEqual(["Chỉ tiêu", "Chi tiết đơn vị", "Danh sách mục"]);

    const list = sheets[2]?.data ?? [];
    expect(list[0]?.slice(0, 2)).toEqual(["Số văn bản phát động", "424/PĐTĐ-LĐLĐ"]);
    expect(list[2]?.slice(0, 2)).toEqual(["Đơn vị", "Liên đoàn Lao động tỉnh Lai Châu"]);
    const dataTime = list[4]?.[1];
    expect(dataTime).toBeInstanceOf(Date);
    expect(iso(dataTime)).toBe("2024-01-05T10:04:00.000Z");

    const h = headerRowIndex(t.entries);
    // read-excel-file pads every row to the sheet's width with nulls.
    expect(list[3]?.slice(2).every((v) => v === null)).toBe(true);
    expect(list[h]?.slice(0, 6)).toEqual(["Ngày", "Đơn vị", "Mã đơn vị", "Mã", "Chỉ tiêu", "Số lượng"]);
    const first = list[h + 1] ?? [];
    expect(first[0]).toBeInstanceOf(Date);
    expect(iso(first[0])).toBe("2023-03-15T00:00:00.000Z");
    expect(first[1]).toBe("Công đoàn cơ sở Trường THCS Bình Lư");
    expect(first[5]).toBe(12);
    expect(typeof first[5]).toBe("number");
    expect(first[8]).toBe("Cần bổ sung");
    expect(first[9]).toBe("Thiếu biên bản");
    expect(first[10]).toBeInstanceOf(Date);
    expect(list[h]?.[11]).toBe("Người ghi");
    expect(first[11]).toBe("Lò Thị Ghi");
    expect(list[h + 2]?.[7]).toBe(NOTE);
    expect(list).toHaveLength(h + 1 + entries.length);

    const parts = sheets[0]?.data ?? [];
    const ph = headerRowIndex(t.parts);
    expect(parts[ph]).toEqual(["Mã", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu giao", "Đạt", "Tỷ lệ (%)", "Tiến độ"]);
    expect(parts[ph + 1]?.slice(0, 1)).toEqual(["1.1"]);
    expect(parts[ph + 1]?.slice(3, 7)).toEqual([134, 17, 12.7, "Chậm tiến độ"]);

    const matrix = sheets[1]?.data ?? [];
    for (const row of matrix.slice(headerRowIndex(t.breakdown) + 1)) {
      expect(typeof row[0]).toBe("string");
      expect(typeof row[1]).toBe("number");
    }
  });
});

describe("csv", () => {
  it("starts with the BOM, ends lines with CRLF and quotes what needs it", () => {
    const text = toCsv(tables().entries);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("Tân Uyên")).toBe("Tân Uyên");
  });

  it("round-trips diacritics, quotes, commas and line breaks, and defuses formulas", () => {
    const table = tables().entries;
    const rows = parseCsv(toCsv(table).slice(1));
    expect(rows[0]).toEqual(["Số văn bản phát động", "424/PĐTĐ-LĐLĐ"]);
    expect(rows[4]).toEqual(["Số liệu tính đến", "2024-01-05 10:04"]);
    const h = headerRowIndex(table);
    expect(rows[h]?.[0]).toBe("Ngày");
    expect(rows[h + 1]?.slice(0, 2)).toEqual(["2023-03-15", "Công đoàn cơ sở Trường THCS Bình Lư"]);
    expect(rows[h + 2]?.[7]).toBe(NOTE);
    expect(rows[h + 3]?.[7]).toBe("'=1+1");
    expect(rows[h + 1]?.[5]).toBe("12");
    expect(rows).toHaveLength(h + 1 + table.rows.length);
  });
});

describe("csv for a spreadsheet set to ';' as its list separator", () => {
  it("quotes a field holding ';' and defuses formulas in every text cell, labels and headers included", () => {
    expect(csvField("Hội nghị; đối thoại")).toBe('"Hội nghị; đối thoại"');
    const table: ExportTable = {
      sheet: "x",
      meta: [["=HYPERLINK(1)", "+84 912"]],
      columns: [
        { header: "@đơn vị", kind: "text", width: 20 },
        { header: "Số lượng", kind: "number", width: 10 },
      ],
      rows: [
        ["Tam Đường; Phong Thổ", -3],
        ["-1 là sửa", 5],
      ],
    };
    const text = toCsv(table);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe("'=HYPERLINK(1),'+84 912");
    expect(lines[2]).toBe("'@đơn vị,Số lượng");
    expect(lines[3]).toBe('"Tam Đường; Phong Thổ",-3');
    expect(lines[4]).toBe("'-1 là sửa,5");
    // Read back, the quoted cell is one cell with its semicolon.
    expect(parseCsv(text.slice(1))[3]).toEqual(["Tam Đường; Phong Thổ", "-3"]);
  });
});

/** A strict RFC 4180 reader (CRLF records, quoted fields with doubled quotes), for the round trip. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
    i++;
  }
  return rows;
}
