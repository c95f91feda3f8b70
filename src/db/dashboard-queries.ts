/**
 * Reads for the supervisor screens (dashboard, chart, export, ledger review badges). Totals come
 * from the maintained cells (db/totals.ts); these helpers read entries only where a screen needs
 * them one by one: a chart of one part, an export, the review states of the rows on screen.
 */
import Dexie from "dexie";
import { db, type LocalEntry } from "./database";
import { outboxIds } from "./outbox-pages";
import { entryOf } from "./sync-state";

/** One entry's contribution to a cumulative series. */
export type SeriesPoint = Pick<LocalEntry, "date" | "quantity" | "unitId">;

/** Which entries feed a part's chart. */
export type PartSeriesQuery = {
  campaignId: string;
  partId: string;
  /** Units of the subtree shown; entries of other units are left out. */
  unitIds: ReadonlySet<string>;
  /** First and last day (inclusive, "YYYY-MM-DD"). */
  from: string;
  to: string;
};

/**
 * The synced entries of one part in a subtree and date range, read through the `[partId+createdAt]`
 * index so only that part's entries are visited (fine for ~100,000 entries on the phone).
 */
export async function partSeriesEntries(q: PartSeriesQuery): Promise<SeriesPoint[]> {
  const out: SeriesPoint[] = [];
  const d = db();
  await d.transaction("r", [d.entries, d.outboxHeads], async () => {
    const unsent = await outboxIds();
    await d.entries
      .where("[partId+createdAt]")
      .between([q.partId, Dexie.minKey], [q.partId, Dexie.maxKey])
      .each((row) => {
        // Only what the server holds: the dashboard shows the picture as of the last pull.
        if (entryOf(row, unsent.has(row.id)).syncState !== "synced") return;
        if (row.campaignId !== q.campaignId || !q.unitIds.has(row.unitId)) return;
        if (row.date < q.from || row.date > q.to) return;
        out.push({ date: row.date, quantity: row.quantity, unitId: row.unitId });
      });
  });
  return out;
}

/** Which entries an export lists. */
export type ExportEntriesQuery = { campaignId: string; unitIds: ReadonlySet<string>; phaseId?: string | undefined };

/** Every synced entry of a campaign in a subtree (one phase or the year), oldest day first, for export. */
export async function entriesForExport(q: ExportEntriesQuery): Promise<LocalEntry[]> {
  const d = db();
  const rows = await d.transaction("r", [d.entries, d.outboxHeads], async () => {
    const unsent = await outboxIds();
    return (
      await d.entries
        .where("[campaignId+partId]")
        .between([q.campaignId, Dexie.minKey], [q.campaignId, Dexie.maxKey])
        .filter((e) => q.unitIds.has(e.unitId) && (q.phaseId === undefined || e.phaseId === q.phaseId))
        .toArray()
    )
      .map((row) => entryOf(row, unsent.has(row.id)))
      .filter((e) => e.syncState === "synced");
  });
  return rows.sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
}
