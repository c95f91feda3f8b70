/**
 * Writing the export files in the browser: .xlsx through write-excel-file, CSV as a UTF-8 Blob,
 * both handed to the browser's download. This module (and write-excel-file with it) is loaded
 * only when an export button is tapped: it never weighs on the first screen.
 */
import { entriesForExport } from "../../db/dashboard-queries";
import { authorName, getSetting } from "../../db/settings";
import { listReviews } from "../../db/supervision";
import type { UnitTree } from "../../domain/units";
import { t } from "../../i18n";
import type { BreakdownRow, PartRow } from "../dashboard/model";
import { profile } from "../state/session";
import { toCsv, toSheet } from "./formats";
import { breakdownTable, type ExportContext, type ExportTable, entriesTable, partsTable } from "./rows";

/** What to export, and in which format. */
export type ExportRequest = {
  what: "breakdown" | "entries";
  format: "xlsx" | "csv";
  ctx: ExportContext;
  tree: UnitTree;
  parts: PartRow[];
  rows: BreakdownRow[];
  /** The subtree roots, for the entry list. */
  roots: string[];
  phaseId: string | undefined;
  /** A file name without extension (ASCII). */
  baseName: string;
};

/** Hand a Blob to the browser as a download (the file name as given). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  // Some browsers read the URL after the click returns.
  setTimeout(() => {
    URL.revokeObjectURL(url);
    a.remove();
  }, 1000);
}

/** Write tables as one .xlsx workbook (one sheet each). */
export async function downloadXlsx(tables: ExportTable[], fileName: string): Promise<void> {
  // Loaded here, not with the module: a CSV export needs neither (~22 KB gzipped).
  // See inline-zip-worker.ts: fflate's blob: workers are refused by the app's CSP.
  const [{ default: writeXlsxFile }, { withInlineZip }] = await Promise.all([
    import("write-excel-file/browser"),
    import("../common/inline-zip-worker"),
  ]);
  const blob = await withInlineZip("deflate", () =>
    writeXlsxFile(tables.map(toSheet), { fontFamily: "Arial", fontSize: 11 }).toBlob(),
  );
  saveBlob(blob, fileName);
}

/** Write one table as a CSV file (UTF-8 with BOM). */
export function downloadCsv(table: ExportTable, fileName: string): void {
  saveBlob(new Blob([toCsv(table)], { type: "text/csv;charset=utf-8" }), fileName);
}

/** Build the requested tables from the phone's data and download them; resolves to the file name. */
export async function runExport(r: ExportRequest): Promise<string> {
  let tables: ExportTable[];
  if (r.what === "breakdown") {
    const matrix = breakdownTable(r.ctx, r.ctx.campaign, r.rows, r.parts);
    // The CSV holds one table: the breakdown; the workbook adds the parts' summary before it.
    tables = r.format === "csv" ? [matrix] : [partsTable(r.ctx, r.parts), matrix];
  } else {
    const entries = await entriesForExport({
      campaignId: r.ctx.campaign.id,
      unitIds: r.tree.scopeIds(r.roots),
      phaseId: r.phaseId,
    });
    const ids = new Set(entries.map((e) => e.id));
    const reviews = (await listReviews()).filter((v) => ids.has(v.entryId));
    const people = (await getSetting("people")) ?? {};
    const me = profile.value;
    const authorOf = (ownerId: string) => authorName(ownerId, people, me, t("ledger.someoneElse"));
    tables = [entriesTable(r.ctx, r.tree, entries, reviews, authorOf)];
  }
  const fileName = `${r.baseName}.${r.format}`;
  if (r.format === "xlsx") await downloadXlsx(tables, fileName);
  else if (tables[0]) downloadCsv(tables[0], fileName);
  return fileName;
}
