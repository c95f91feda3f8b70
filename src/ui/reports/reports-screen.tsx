/**
 * Phase reports (báo cáo đợt) and the year-end report (tổng kết): an officer submits a unit's
 * report for a phase, at once or written section by section (report-editor.tsx). It is stored on
 * the phone first (works offline) and leaves with the next sync, like an entry; the supervisors'
 * dashboard counts it once the server holds it.
 */

import { signal } from "@preact/signals";
import { listNominations, listPhaseReports, savePhaseReport } from "../../db/supervision";
import { newEntryId } from "../../domain/ids";
import { todayIso } from "../../domain/phases";
import { reportOpensOn, reportTooEarly } from "../../domain/report-deadlines";
import { mayAllocate, type PhaseReport, phaseReport } from "../../domain/supervision";
import { fmtDate, t } from "../../i18n";
import { requestSync } from "../../sync/scheduler";
import { CampaignSwitcher, ClosedCampaignNotice } from "../common/campaign-switcher";
import { ScreenHeading } from "../common/screen-heading";
import { UnitSelect } from "../common/unit-select";
import { campaign as currentCampaign, scopeRoots, scopeUnits, tree as unitTree } from "../state/reference";
import { profile } from "../state/session";
import { useLive } from "../use-live";
import { ReportCard } from "./report-card";
import "../dashboard/supervision.css";
import { unexpectedText } from "../common/error-text";

const unitFilter = signal<string | undefined>(undefined);

/** Every unit of the user's scope that reports, with its phases' state. */
export function ReportsScreen() {
  const campaign = currentCampaign.value;
  const tree = unitTree.value;
  const user = profile.value;
  const reports = useLive(async () => (campaign ? listPhaseReports(campaign.id) : []), [campaign]);
  const nominated = useLive(
    async () => (campaign ? listNominations(campaign.id) : { nominations: [], decisions: [] }),
    [campaign],
  );
  if (!campaign || !user || !reports || !nominated) return <p class="screen loading">{t("common.loading")}</p>;

  const chosen = unitFilter.value;
  const within = chosen !== undefined ? new Set(tree.subtreeIds(chosen)) : undefined;
  // The province at the root does not report (expectedReporters): only the units below it.
  const units = scopeUnits.value.filter(
    ({ unit }) => unit.parentId !== undefined && (within === undefined || within.has(unit.id)),
  );
  const today = todayIso();

  const submit = async (unitId: string, phaseId: string): Promise<string | undefined> => {
    // Too early is the app's rule only (DESIGN §7): the server stores what arrives.
    if (reportTooEarly(campaign, phaseId, todayIso())) {
      const phase = campaign.phases.find((p) => p.id === phaseId)?.name ?? t("reports.year");
      return t("reports.tooEarly", { phase, date: fmtDate(reportOpensOn(campaign, phaseId) ?? "") });
    }
    const r: PhaseReport = {
      id: newEntryId(),
      campaignId: campaign.id,
      phaseId,
      unitId,
      createdAt: new Date().toISOString(),
    };
    if (!phaseReport.safeParse(r).success) return t("reason.invalid");
    try {
      await savePhaseReport(r, user.id);
    } catch (err) {
      return unexpectedText(err);
    }
    requestSync();
    return undefined;
  };

  return (
    <div class="screen reports">
      <a class="back" href="#/">
        ← {t("nav.overview")}
      </a>
      <ScreenHeading sub={campaign.code}>{t("reports.title")}</ScreenHeading>
      <p class="muted small">{t("reports.intro")}</p>
      <CampaignSwitcher />
      <ClosedCampaignNotice />
      <div class="filters">
        <UnitSelect
          id="reports-unit"
          label={t("ledger.unit")}
          allLabel={t("ledger.allUnits")}
          units={scopeUnits.value}
          value={chosen}
          onChange={(v) => {
            unitFilter.value = v;
          }}
        />
      </div>
      {units.length === 0 ? (
        <p class="notice">{t("reports.noUnits")}</p>
      ) : (
        <ul class="plain">
          {units.map(({ unit }) => (
            <ReportCard
              key={unit.id}
              campaign={campaign}
              tree={tree}
              unit={unit}
              user={user}
              mayDecide={user.role !== "officer" && mayAllocate(tree, unit.id, scopeRoots.value, user.role === "admin")}
              nominations={nominated.nominations.filter((n) => n.unitId === unit.id)}
              decisions={nominated.decisions}
              parentName={unit.parentId !== undefined ? tree.get(unit.parentId)?.name : undefined}
              reports={reports}
              today={today}
              onSubmit={submit}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
