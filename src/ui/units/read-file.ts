/**
 * A picked file's rows: .xlsx through read-excel-file (loaded here only, on the units screen)
 * and CSV as text. The "universal" build is used: the browser build parses in a Web Worker made
 * from a blob: URL, which the app's Content-Security-Policy refuses. Large sheets are inflated
 * by fflate in such a worker too, so `Worker` is stood in by the browser's DecompressionStream
 * while a file is read (../common/inline-zip-worker.ts, the same stand-in the .xlsx export uses).
 */

import { withInlineZip } from "../common/inline-zip-worker";
import type { RawCell } from "./unit-import";
import { csvRows } from "./unit-import";

/** The first sheet's rows (or the CSV's), or throws when the file cannot be read. */
export async function readRows(file: File): Promise<RawCell[][]> {
  if (/\.csv$/i.test(file.name) || file.type === "text/csv") return csvRows(await file.text());
  const { default: readXlsxFile } = await import("read-excel-file/universal");
  const sheets = await withInlineZip("inflate", () => readXlsxFile(file));
  const first = sheets[0];
  return (first?.data ?? []).map((row) => row.map((c) => (typeof c === "function" ? null : c)) as RawCell[]);
}
