/**
 * A unit's report as a .docx, built on the phone from what it holds (the same builder and
 * renderer as the server's `report-docx`), so a supervisor can take it to a meeting offline.
 * The Word writer is loaded only when a download is asked for: it never weighs on the first
 * screen, and the service worker keeps it once loaded.
 */

import { listAllocations, listNominations, listPhaseReports } from "../../db/supervision";
import { localCells } from "../../db/totals";
import { goalLookupOf } from "../../domain/goals";
import { todayIso } from "../../domain/phases";
import { buildReport } from "../../domain/report-document";
import type { Campaign } from "../../domain/schemas";
import type { UnitTree } from "../../domain/units";
import { t } from "../../i18n";
import { saveBlob } from "../export/download";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Build and download the report; resolves to a sentence to show when there is nothing to report. */
export async function downloadReport(
  campaign: Campaign,
  tree: UnitTree,
  unitId: string,
  phaseId: string,
): Promise<string | undefined> {
  const [cells, allocations, reports, nominated] = await Promise.all([
    localCells(campaign.id),
    listAllocations(campaign.id),
    listPhaseReports(campaign.id),
    listNominations(campaign.id),
  ]);
  const doc = buildReport({
    campaign,
    tree,
    unitId,
    phaseId,
    cells: cells.all,
    allocations: goalLookupOf(allocations),
    reports: reports.filter((r) => r.syncState !== "rejected"),
    nominations: nominated.nominations.filter((n) => n.syncState !== "rejected"),
    nominationReviews: nominated.decisions.filter((d) => d.syncState !== "rejected"),
    date: todayIso(),
  });
  if (!doc) return t("reports.nothing");
  const { renderReportDocx } = await import("../../report/docx");
  saveBlob(new Blob([await renderReportDocx(doc)], { type: DOCX }), `bao-cao-${unitId}-${phaseId}.docx`);
  return undefined;
}
