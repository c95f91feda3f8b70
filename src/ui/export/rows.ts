/**
 * The export's tables, built as plain rows (no DOM, no file writing): the parts summary, the
 * units' breakdown and the entry list. Each table carries a few label/value rows on top (the
 * campaign's code, the unit, the phase, the data time) and typed columns, so the xlsx writer can
 * keep numbers as numbers and dates as dates, and the CSV writer can print them plainly.
 */
import type { LocalEntry, LocalReview } from "../../db/database";
import type { Campaign } from "../../domain/schemas";
import { latestReviews } from "../../domain/supervision";
import type { UnitTree } from "../../domain/units";
import { t } from "../../i18n";
import { allParts, type BreakdownRow, type PartRow, partCodes } from "../dashboard/model";

/** A cell: text, a number, a point in time (Date), or empty. */
export type CellValue = string | number | Date | null;
/** How a column is written: dates carry a day, datetimes a day and a time, percent 0–100 with a decimal. */
export type ColumnKind = "text" | "number" | "percent" | "date" | "datetime";
/** A column: its header, how its cells are written, its width in characters. */
export type ExportColumn = { header: string; kind: ColumnKind; width: number };
/** One sheet (or one CSV file). */
export type ExportTable = { sheet: string; meta: [string, CellValue][]; columns: ExportColumn[]; rows: CellValue[][] };

/** What every table states on top. */
export type ExportContext = {
  campaign: Campaign;
  unitName: string;
  phaseName: string;
  /** The last pull (ISO instant), if any: the time the data is from. */
  dataTime: string | undefined;
};

/** A calendar day "YYYY-MM-DD" as a Date at 00:00 UTC (what Excel stores as a date with no time zone). */
export function dayValue(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** An instant as a Date whose UTC fields read the wall-clock time in Vietnam (Excel has no time zones). */
export function wallClock(iso: string, timeZone = "Asia/Ho_Chi_Minh"): Date {
  const d = new Date(iso);
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(d);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return new Date(Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")));
}

function meta(ctx: ExportContext): [string, CellValue][] {
  return [
    [t("export.campaignCode"), ctx.campaign.code],
    [t("export.campaignTitle"), ctx.campaign.title],
    [t("export.unit"), ctx.unitName],
    [t("export.phase"), ctx.phaseName],
    [t("export.dataTime"), ctx.dataTime ? wallClock(ctx.dataTime) : t("export.noPull")],
  ];
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** The parts over the subtree: code, title, unit of measure, target, achieved, %, pace. */
export function partsTable(ctx: ExportContext, parts: readonly PartRow[]): ExportTable {
  return {
    sheet: t("export.sheetParts"),
    meta: meta(ctx),
    columns: [
      { header: t("export.code"), kind: "text", width: 6 },
      { header: t("export.part"), kind: "text", width: 60 },
      { header: t("export.uom"), kind: "text", width: 16 },
      { header: t("export.target"), kind: "number", width: 11 },
      { header: t("export.achieved"), kind: "number", width: 10 },
      { header: t("export.percent"), kind: "percent", width: 10 },
      { header: t("export.pace"), kind: "text", width: 16 },
    ],
    rows: parts.map((r) => [
      r.code,
      r.part.title,
      r.part.kind === "percent" ? t("dash.unitsUom") : r.part.unitOfMeasure,
      r.target,
      r.achieved,
      round1(r.percent),
      remarkOf(r),
    ]),
  };
}

/** Units × parts: for each part the unit's achieved and its own target (share, or units for percent parts). */
export function breakdownTable(
  ctx: ExportContext,
  campaign: Campaign,
  rows: readonly BreakdownRow[],
  totals: readonly PartRow[],
): ExportTable {
  const codes = partCodes(campaign);
  const parts = allParts(campaign);
  const byPart = new Map(totals.map((r) => [r.part.id, r]));
  const columns: ExportColumn[] = [{ header: t("export.unit"), kind: "text", width: 44 }];
  for (const p of parts) {
    const code = codes.get(p.id) ?? p.id;
    columns.push({ header: t("export.colAchieved", { code }), kind: "number", width: 9 });
    columns.push({ header: t("export.colTarget", { code }), kind: "number", width: 9 });
  }
  const line = (name: string, cell: (partId: string) => { achieved: number; target: number | null } | undefined) => [
    name,
    ...parts.flatMap((p) => {
      const c = cell(p.id);
      return [c?.achieved ?? 0, c?.target ?? null];
    }),
  ];
  return {
    sheet: t("export.sheetBreakdown"),
    meta: meta(ctx),
    columns,
    rows: [...rows.map((r) => line(r.name, (id) => r.cells.get(id))), line(t("dash.total"), (id) => byPart.get(id))],
  };
}

/** The ledger of the subtree: one row per synced entry, with who recorded it and its latest review. */
export function entriesTable(
  ctx: ExportContext,
  tree: UnitTree,
  entries: readonly LocalEntry[],
  reviews: readonly LocalReview[],
  authorOf: (ownerId: string) => string,
): ExportTable {
  const codes = partCodes(ctx.campaign);
  const titles = new Map(allParts(ctx.campaign).map((p) => [p.id, p.title]));
  const latest = latestReviews(reviews.filter((r) => r.syncState !== "rejected"));
  return {
    sheet: t("export.sheetEntries"),
    meta: meta(ctx),
    columns: [
      { header: t("export.date"), kind: "date", width: 12 },
      { header: t("export.unit"), kind: "text", width: 40 },
      { header: t("export.unitId"), kind: "text", width: 14 },
      { header: t("export.code"), kind: "text", width: 6 },
      { header: t("export.part"), kind: "text", width: 50 },
      { header: t("export.quantity"), kind: "number", width: 10 },
      { header: t("export.kind"), kind: "text", width: 10 },
      { header: t("export.note"), kind: "text", width: 40 },
      { header: t("export.review"), kind: "text", width: 13 },
      { header: t("export.reviewComment"), kind: "text", width: 40 },
      { header: t("export.createdAt"), kind: "datetime", width: 17 },
      { header: t("export.author"), kind: "text", width: 24 },
      { header: t("export.entryId"), kind: "text", width: 38 },
      { header: t("export.correctsId"), kind: "text", width: 38 },
    ],
    rows: entries.map((e) => {
      const r = latest.get(e.id);
      return [
        dayValue(e.date),
        tree.get(e.unitId)?.name ?? e.unitId,
        e.unitId,
        codes.get(e.partId) ?? e.partId,
        titles.get(e.partId) ?? e.partId,
        e.quantity,
        e.correctsId ? t("detail.kindCorrection") : t("detail.kindOriginal"),
        e.note ?? null,
        r ? t(r.state === "approved" ? "review.approved" : "review.hasIssues") : null,
        r?.comment ?? null,
        wallClock(e.createdAt),
        authorOf(e.ownerId),
        e.id,
        e.correctsId ?? null,
      ];
    }),
  };
}

/** What a part's row says about its target: Đạt / Chưa đạt once the campaign has ended, else its pace. */
export function remarkOf(r: Pick<PartRow, "behind" | "verdict" | "target">): string | null {
  if (r.verdict) return t(r.verdict === "met" ? "dash.met" : "dash.notMet");
  return r.behind ? t("dash.behind") : r.target === null ? null : t("export.onPace");
}
