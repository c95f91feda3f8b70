/**
 * An export table as CSV text or as write-excel-file sheet data (pure: the writing is in
 * download.ts). CSV follows RFC 4180 with a UTF-8 BOM so Excel reads the diacritics, CRLF line
 * ends, and text that would start a formula (= + - @) prefixed with ' so a note typed in the
 * field can never run as a formula on a supervisor's computer: every text cell, labels and
 * headers too (a unit's or a part's name is typed by someone as well). A field holding `;` is
 * quoted like one holding `,`: Excel set to `;` as its list separator (common where the decimal
 * mark is a comma, as in Vietnam) would otherwise split the cell there.
 */
import type { Cell, Row, SheetData } from "write-excel-file/browser";
import type { CellValue, ColumnKind, ExportTable } from "./rows";

/** Excel number formats by column kind. */
export const FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  number: "#,##0",
  percent: "0.0",
  date: "dd/mm/yyyy",
  datetime: "dd/mm/yyyy hh:mm",
};

const pad = (n: number) => String(n).padStart(2, "0");

/** A cell as CSV text (unquoted): ISO days, "YYYY-MM-DD HH:mm" times, plain numbers. */
function csvText(v: CellValue, kind: ColumnKind | undefined): string {
  if (v === null) return "";
  if (v instanceof Date) {
    const day = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    return kind === "date" ? day : `${day} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`;
  }
  if (typeof v === "number") return String(v);
  return defused(v);
}

/** Text that would start a formula, prefixed with ' so a spreadsheet shows it as text. */
function defused(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Quote a field when it holds a comma, a semicolon, a quote, a line break or edge spaces; quotes are doubled. */
export function csvField(text: string): string {
  return /[",;\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV: BOM, the label/value rows, an empty line, the header, the data; CRLF throughout. */
export function toCsv(table: ExportTable): string {
  const lines: string[] = [];
  const kinds = table.columns.map((c) => c.kind);
  for (const [label, value] of table.meta) {
    lines.push([csvField(defused(label)), csvField(csvText(value, "datetime"))].join(","));
  }
  lines.push("");
  lines.push(table.columns.map((c) => csvField(defused(c.header))).join(","));
  for (const row of table.rows) lines.push(row.map((v, i) => csvField(csvText(v, kinds[i]))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The row index (0-based) of the header in both the sheet and the CSV: after the label rows and one empty row. */
export const headerRowIndex = (table: ExportTable) => table.meta.length + 1;

/** One sheet for write-excel-file: bold labels and header, typed cells with formats, column widths, header frozen. */
export function toSheet(table: ExportTable): {
  sheet: string;
  data: SheetData;
  columns: { width: number }[];
  stickyRowsCount: number;
} {
  const cell = (v: CellValue, kind: ColumnKind): Cell => {
    if (v === null) return null;
    const format = FORMATS[kind];
    if (v instanceof Date) return { value: v, type: Date, format: format ?? FORMATS.datetime };
    if (typeof v === "number") return { value: v, type: Number, ...(format && { format }) };
    return { value: v, type: String };
  };
  const data: SheetData = [];
  for (const [label, value] of table.meta) {
    data.push([{ value: label, type: String, fontWeight: "bold" }, cell(value, "datetime")]);
  }
  data.push([]);
  data.push(table.columns.map((c): Cell => ({ value: c.header, type: String, fontWeight: "bold", wrap: true })));
  for (const row of table.rows) data.push(row.map((v, i): Cell => cell(v, table.columns[i]?.kind ?? "text")) as Row);
  return {
    // Excel limits sheet names to 31 characters and forbids a few signs.
    sheet: table.sheet.replace(/[\\/?*[\]:]/g, " ").slice(0, 31),
    data,
    columns: table.columns.map((c) => ({ width: c.width })),
    stickyRowsCount: headerRowIndex(table) + 1,
  };
}
