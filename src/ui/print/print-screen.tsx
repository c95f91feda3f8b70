/**
 * The print view: the dashboard's numbers shaped like an official report on A4 (the federation's
 * heading and the national motto, place and date, title, the campaign, the targets, the units'
 * breakdown, the reporting rate, the signatures), printed through the browser. The app's chrome
 * is hidden by the print stylesheet; on screen it reads as a preview with an "In" button.
 */
import { campaignEnded } from "../../domain/supervision";
import { fmtDate, t } from "../../i18n";
import { ScreenHeading } from "../common/screen-heading";
import { fmtStamp } from "../dashboard/data-time";
import { breakdownRows, paceShare, partRows, reportingByPhase } from "../dashboard/model";
import { screenHash } from "../dashboard/params";
import { useDashboardView } from "../dashboard/use-dashboard-data";
import { profile } from "../state/session";
import { PrintBreakdown, PrintParts, PrintReporting } from "./print-tables";
import "../dashboard/supervision.css";
import "./print.css";

const upper = (s: string) => s.toLocaleUpperCase("vi");

/** "ngày 05 tháng 02 năm 2024": days before the 10th and months before March take a leading zero (Nghị định 30/2020). */
export function dateLine(day: string): { d: string; m: string; y: string } {
  const [y = "", m = "", d = ""] = day.split("-");
  const dn = Number(d);
  const mn = Number(m);
  return { d: dn < 10 ? `0${dn}` : String(dn), m: mn < 3 ? `0${mn}` : String(mn), y };
}

/** The report for the route's phase and unit. */
export function PrintScreen({ params }: { params: URLSearchParams }) {
  const { campaign, tree, today, p, r, data, lastPull } = useDashboardView(params);
  if (!campaign || !r || !data) return <p class="screen loading">{t("common.loading")}</p>;

  const pace = paceShare(campaign, r.phaseId, today);
  const ended = campaignEnded(campaign, today);
  const parts = partRows(campaign, data.totals, pace, ended);
  const rows = breakdownRows(campaign, tree, data.totals, data.allocations, pace, ended);
  const reporting = reportingByPhase(campaign, tree, r.roots, data.reports);
  const unit = tree.get(r.unitId ?? r.roots[0] ?? "");
  const parent = unit?.parentId !== undefined ? tree.get(unit.parentId) : undefined;
  const phaseName = campaign.phases.find((x) => x.id === r.phaseId)?.name ?? "";
  const date = dateLine(today);
  const breakdownTitle = t("print.breakdownTitle", { unit: upper(unit?.name ?? t("overview.allScope")) });

  return (
    <div class="screen print-view">
      <div class="no-print actions">
        <a class="back" href={screenHash("dashboard", { ...p, phase: r.phaseId ?? "all", unit: r.unitId })}>
          ← {t("dash.title")}
        </a>
        <button type="button" class="btn btn-primary" onClick={() => window.print()}>
          {t("print.print")}
        </button>
      </div>
      <p class="no-print hint">{t("print.hint")}</p>
      <article class="sheet" data-testid="print-sheet">
        <header class="doc-head">
          <div class="doc-org">
            {parent && <p>{upper(parent.name)}</p>}
            <p class="doc-strong">{upper(unit?.name ?? t("overview.allScope"))}</p>
            <p class="doc-rule" aria-hidden="true" />
          </div>
          <div class="doc-nation">
            <p class="doc-strong">{t("print.nation")}</p>
            <p class="doc-strong doc-motto">{t("print.motto")}</p>
            <p class="doc-place">{t("print.placeDate", { place: t("print.place"), ...date })}</p>
          </div>
        </header>
        <ScreenHeading>{t("print.title")}</ScreenHeading>
        <p class="doc-sub">{t("print.campaign", { code: campaign.code, date: fmtDate(campaign.issuedOn) })}</p>
        <p class="doc-sub doc-italic">{campaign.title}</p>
        <p class="doc-meta">
          {t(r.phaseId ? "print.metaPhase" : "print.metaYear", {
            phase: phaseName,
            year: String(campaign.year),
            time: lastPull ? fmtStamp(lastPull) : t("dash.neverPulled"),
          })}
        </p>

        <h2>{t("print.partsTitle")}</h2>
        <PrintParts parts={parts} />
        <h2>{breakdownTitle}</h2>
        <PrintBreakdown rows={rows} parts={parts} ended={ended} label={breakdownTitle} />
        <h2>{t("print.reportingTitle")}</h2>
        <PrintReporting reporting={reporting} tree={tree} />

        <footer class="doc-sign">
          <div>
            <p class="doc-strong">{t("print.preparer")}</p>
            <p class="doc-italic">{t("print.signName")}</p>
            <p class="doc-signer">{profile.value?.name ?? ""}</p>
          </div>
          <div>
            <p class="doc-strong">{t("print.board")}</p>
            <p class="doc-italic">{t("print.signSeal")}</p>
            <p class="doc-signer" />
          </div>
        </footer>
      </article>
    </div>
  );
}
