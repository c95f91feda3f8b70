/**
 * The federation's unit list (rows of an .xlsx sheet or a CSV file) read into a unit file (pure).
 * The header row is found among the first rows by its words ("mã đơn vị", "tên", "mã đơn vị cấp
 * trên", "khu vực"), whatever their case and diacritics. A row is refused, with its row number,
 * for a bad id, a missing name, an id seen before, a sector not understood, a second root, or a
 * parent that is neither in the file nor kept; a refused row's children are refused with it.
 *
 * An optional "tình trạng" column marks a unit "đã đóng" (closed), so an exported tree reads back as it was.
 * A unit already in the tree keeps its report header fields (shortName, place), which the sheet lacks.
 *
 * Units of the current tree absent from the file are dropped, except units already closed: a
 * closed unit keeps its history, and the federation's list of working unions no longer names it.
 * Whether a dropped unit is still used by entries or users only the server knows (409 in-use).
 */
import { slug, type Unit } from "../../domain/schemas";
import { fold, sectorFromText } from "./sector-names";

/** A cell as the readers give it. */
export type RawCell = string | number | boolean | Date | null | undefined;

/** Why a row is refused. */
export type RefusalReason = "bad-id" | "no-name" | "duplicate-id" | "bad-sector" | "unknown-parent" | "second-root";

/** A refused row: its number in the sheet (1 = the first row), its id as typed, why. */
export type RefusedRow = { row: number; id: string; reason: RefusalReason; value?: string };

/** What a list reads into. */
export type ImportedList =
  | { ok: true; units: Unit[]; refused: RefusedRow[]; keptClosed: Unit[] }
  | { ok: false; missing: string[] };

type Column = "id" | "name" | "parentId" | "sector" | "status";
const HEADERS: Record<string, Column> = {
  "ma don vi": "id",
  ma: "id",
  ten: "name",
  "ten don vi": "name",
  "ma don vi cap tren": "parentId",
  "ma cap tren": "parentId",
  "khu vuc": "sector",
  "tinh trang": "status",
};
const REQUIRED: Column[] = ["id", "name", "parentId"];
/** The header words, as the admin's file should have them (for the error message). */
export const HEADER_WORDS: Record<Column, string> = {
  id: "mã đơn vị",
  name: "tên",
  parentId: "mã đơn vị cấp trên",
  sector: "khu vực",
  status: "tình trạng",
};

const text = (c: RawCell): string =>
  c === null || c === undefined ? "" : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim();

/** Which column holds what, from a header row (undefined when it is not the header). */
function columnsOf(row: readonly RawCell[]): Partial<Record<Column, number>> {
  const out: Partial<Record<Column, number>> = {};
  row.forEach((cell, i) => {
    const col = HEADERS[fold(text(cell))];
    if (col && out[col] === undefined) out[col] = i;
  });
  return out;
}

/** Read rows (the header row among the first ten) against the current units. */
export function readUnitRows(rows: readonly (readonly RawCell[])[], current: readonly Unit[] = []): ImportedList {
  const currentById = new Map(current.map((u) => [u.id, u]));
  let headerAt = -1;
  let cols: Partial<Record<Column, number>> = {};
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const found = columnsOf(rows[i] ?? []);
    if (found.id !== undefined && found.name !== undefined) {
      headerAt = i;
      cols = found;
      break;
    }
  }
  const missing = REQUIRED.filter((c) => cols[c] === undefined).map((c) => HEADER_WORDS[c]);
  if (headerAt < 0 || missing.length > 0) {
    return { ok: false, missing: headerAt < 0 ? REQUIRED.map((c) => HEADER_WORDS[c]) : missing };
  }
  const at = (row: readonly RawCell[], c: Column) => (cols[c] === undefined ? "" : text(row[cols[c] as number]));

  const refused: RefusedRow[] = [];
  const candidates: { row: number; unit: Unit }[] = [];
  const seen = new Set<string>();
  let root: string | undefined;
  for (let i = headerAt + 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const id = at(row, "id");
    const name = at(row, "name");
    const parentId = at(row, "parentId");
    const sectorText = at(row, "sector");
    const closed = /^(da )?dong$/.test(fold(at(row, "status")));
    const n = i + 1;
    if (id === "" && name === "" && parentId === "") continue;
    if (!slug.safeParse(id).success) {
      refused.push({ row: n, id, reason: "bad-id" });
      continue;
    }
    if (seen.has(id)) {
      refused.push({ row: n, id, reason: "duplicate-id" });
      continue;
    }
    seen.add(id);
    if (name === "") {
      refused.push({ row: n, id, reason: "no-name" });
      continue;
    }
    const sector = sectorFromText(sectorText);
    if (sector === undefined) {
      refused.push({ row: n, id, reason: "bad-sector", value: sectorText });
      continue;
    }
    if (parentId === "") {
      if (root !== undefined) {
        refused.push({ row: n, id, reason: "second-root" });
        continue;
      }
      root = id;
    }
    // The sheet has no columns for a document's short name and place: an imported unit keeps its own.
    const { shortName, place } = currentById.get(id) ?? {};
    const unit: Unit = { id, name: name.slice(0, 300) };
    if (shortName !== undefined) unit.shortName = shortName;
    if (place !== undefined) unit.place = place;
    if (parentId !== "") unit.parentId = parentId;
    if (sector !== null) unit.sector = sector;
    if (closed) unit.closed = true;
    candidates.push({ row: n, unit });
  }

  // Closed units of the current tree that the file no longer lists stay, closed, with their history.
  const listed = new Set(candidates.map((c) => c.unit.id));
  const keptClosed = current.filter((u) => u.closed === true && !listed.has(u.id));

  // A unit whose parent is neither accepted nor kept is refused, and so, in turn, are its children.
  let accepted = candidates;
  for (;;) {
    const ids = new Set([...accepted.map((c) => c.unit.id), ...keptClosed.map((u) => u.id)]);
    const next = accepted.filter((c) => c.unit.parentId === undefined || ids.has(c.unit.parentId));
    if (next.length === accepted.length) break;
    for (const c of accepted) {
      if (!next.includes(c))
        refused.push({ row: c.row, id: c.unit.id, reason: "unknown-parent", value: c.unit.parentId ?? "" });
    }
    accepted = next;
  }
  const kept = new Set(accepted.map((c) => c.unit.id));
  const keptClosedHere = keptClosed.filter(
    (u) => u.parentId === undefined || kept.has(u.parentId) || keptClosed.some((k) => k.id === u.parentId),
  );
  refused.sort((a, b) => a.row - b.row);
  return { ok: true, units: accepted.map((c) => c.unit), refused, keptClosed: keptClosedHere };
}

/** Split CSV text into rows (RFC 4180 quotes; comma or semicolon, whichever the header uses; a BOM ignored). */
export function csvRows(csv: string): string[][] {
  const body = csv.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
