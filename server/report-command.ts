/**
 * `npm run admin -- report-docx --campaign C --phase P|year --unit U --out FILE.docx [--date D]`:
 * the consolidated report of unit U's subtree (DESIGN §6 "Report document"), built from the
 * server's data by the same builder the app uses (src/domain/report-document.ts) and written as
 * Word (src/report/docx.ts). The document is dated today in Vietnam unless `--date` says
 * otherwise. Exit 2 with a message for an unknown campaign, phase or unit, or when there is
 * nothing to report.
 */
import { writeFileSync } from "node:fs";
import { goalLookupOf } from "../src/domain/goals";
import { todayIso } from "../src/domain/phases";
import { buildReport } from "../src/domain/report-document";
import { YEAR_REPORT } from "../src/domain/reports";
import { isoDate } from "../src/domain/schemas";
import { renderReportDocx } from "../src/report/docx";
import { Catalog } from "./catalog";
import type { Store } from "./store/store";

/** The command's options, as parsed. */
export type ReportOptions = { campaign?: string; phase?: string; unit?: string; out?: string; date?: string };

const PAGE = 1000;

/** Every record of a seq-paged ledger, of the given units. */
async function everything<R extends { seq: number }>(
  page: (after: number, units: readonly string[], limit: number) => Promise<R[]>,
  units: readonly string[],
): Promise<R[]> {
  const out: R[] = [];
  for (let after = 0; ; ) {
    const rows = await page(after, units, PAGE);
    out.push(...rows);
    if (rows.length < PAGE) return out;
    after = rows.at(-1)?.seq ?? after;
  }
}

/** Run the command; returns the exit code. */
export async function reportDocx(store: Store, o: ReportOptions, print: (line: string) => void): Promise<number> {
  if (!o.campaign || !o.phase || !o.unit || !o.out) {
    print("error: report-docx needs --campaign C --phase P|year --unit U --out FILE.docx");
    return 2;
  }
  if (o.date !== undefined && !isoDate.safeParse(o.date).success) {
    print(`error: --date ${o.date} is not a day (YYYY-MM-DD)`);
    return 2;
  }
  const view = await new Catalog(store).current();
  const campaign = view.campaignById.get(o.campaign);
  const problem = !campaign
    ? `no campaign ${o.campaign}`
    : o.phase !== YEAR_REPORT && !campaign.phases.some((p) => p.id === o.phase)
      ? `campaign ${o.campaign} has no phase ${o.phase} (phases: ${campaign.phases.map((p) => p.id).join(", ")}, or year)`
      : !view.tree.get(o.unit)
        ? `no unit ${o.unit}`
        : undefined;
  if (!campaign || problem !== undefined) {
    print(`error: ${problem}`);
    return 2;
  }
  const subtree = view.tree.subtreeIds(o.unit);
  const withChildren = [o.unit, ...view.tree.childrenOf(o.unit).map((u) => u.id)];
  const [cells, allocations, reports, nominations, nominationReviews] = await Promise.all([
    store.ledger.cells(campaign.id),
    store.supervision.allocations(campaign.id, null),
    everything((a, u, l) => store.supervision.recordsAfter("phaseReports", a, u, l), withChildren),
    everything((a, u, l) => store.supervision.recordsAfter("nominations", a, u, l), subtree),
    everything((a, u, l) => store.supervision.recordsAfter("nominationReviews", a, u, l), subtree),
  ]);
  const doc = buildReport({
    campaign,
    tree: view.tree,
    unitId: o.unit,
    phaseId: o.phase,
    cells,
    allocations: goalLookupOf(allocations),
    reports,
    nominations,
    nominationReviews,
    date: o.date ?? todayIso(),
  });
  if (!doc) {
    print(`nothing to report: no entries, reports or nominations for ${o.unit} in ${o.campaign} (${o.phase})`);
    return 2;
  }
  const bytes = await renderReportDocx(doc);
  writeFileSync(o.out, bytes);
  print(`wrote ${o.out} (${bytes.length} bytes): ${doc.title} ${doc.subtitle}, ${doc.header.unit}`);
  return 0;
}
