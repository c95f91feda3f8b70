/**
 * One unit's reports: per phase and for the year "Đã nộp" / "Chờ gửi" / "Chưa nộp", the quick
 * "Nộp báo cáo Đợt N" button with its confirmation, and "Viết báo cáo" that opens the editor
 * (sections drafted on the phone, the children's reports at hand).
 */
import { useState } from "preact/hooks";
import type { LocalNomination, LocalNominationReview, LocalPhaseReport } from "../../db/database";
import { reportDueOf, reportOpensOn, reportTiming } from "../../domain/report-deadlines";
import { latestReports, reportKey, YEAR_REPORT } from "../../domain/reports";
import type { Campaign, Unit, UserProfile } from "../../domain/schemas";
import type { UnitTree } from "../../domain/units";
import { fmtDate, fmtTime, t } from "../../i18n";
import { ErrorNotice } from "../common/error-notice";
import { unexpectedText } from "../common/error-text";
import { reasonText } from "../common/reason-text";
import { downloadReport } from "./download-report";
import { NominationsPanel } from "./nominations-panel";
import { ReportEditor } from "./report-editor";

type Props = {
  campaign: Campaign;
  tree: UnitTree;
  unit: Unit;
  user: UserProfile;
  /** True when the user may decide on this unit's nominations (a supervisor of the level above). */
  mayDecide: boolean;
  /** This unit's nominations, and every decision on them. */
  nominations: LocalNomination[];
  decisions: LocalNominationReview[];
  parentName: string | undefined;
  /** Every report of the campaign on the phone (this unit's and its children's are used). */
  reports: LocalPhaseReport[];
  today: string;
  /** Store the report on the phone; resolves to an error sentence, or undefined when saved. */
  onSubmit: (unitId: string, phaseId: string) => Promise<string | undefined>;
};

const rank = { synced: 3, pending: 2, rejected: 1 } as const;

/** The report that stands for a phase: one the server holds, else one waiting, else a rejected one. */
function standing(reports: LocalPhaseReport[], phaseId: string): LocalPhaseReport | undefined {
  let best: LocalPhaseReport | undefined;
  for (const r of reports) if (r.phaseId === phaseId && (!best || rank[r.syncState] > rank[best.syncState])) best = r;
  return best;
}

/** A card per unit, a line per phase. */
export function ReportCard(props: Props) {
  const { campaign, tree, unit, user, parentName, reports: all, today, onSubmit } = props;
  const [confirming, setConfirming] = useState<string | undefined>();
  const [writing, setWriting] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const reports = all.filter((r) => r.unitId === unit.id);
  const latest = latestReports(all.filter((r) => r.syncState !== "rejected"));
  const first = campaign.phases[0]?.start ?? today;
  const periods = [...campaign.phases, { id: YEAR_REPORT, name: t("reports.year"), start: first }];
  return (
    <li class="card report-card" data-unit={unit.id}>
      <h2 class="report-unit">{unit.name}</h2>
      {parentName && <p class="muted small">{parentName}</p>}
      {periods.map((phase) => {
        const r = standing(reports, phase.id);
        // Drafting opens with the period; submitting only in its last month (report-deadlines.ts).
        const open = today >= phase.start;
        const opensOn = reportOpensOn(campaign, phase.id) ?? phase.start;
        const submittable = today >= opensOn;
        const due = reportDueOf(campaign, phase.id);
        const late = r?.syncState === "synced" && reportTiming(campaign, r) === "late";
        if (writing === phase.id) {
          const childReports = tree.childrenOf(unit.id).flatMap((child) => {
            const report = latest.get(reportKey(campaign.id, phase.id, child.id));
            return report ? [{ unit: child, report }] : [];
          });
          return (
            <div key={phase.id} class="report-phase" data-phase={phase.id}>
              <ReportEditor
                campaign={campaign}
                tree={tree}
                unit={unit}
                phaseId={phase.id}
                phaseName={phase.name}
                ownerId={user.id}
                latest={latest.get(reportKey(campaign.id, phase.id, unit.id))}
                childReports={childReports}
                onClose={() => setWriting(undefined)}
              />
            </div>
          );
        }
        const label = t("reports.submit", { phase: phase.name });
        return (
          <div key={phase.id} class="report-phase" data-phase={phase.id} data-state={r?.syncState ?? "none"}>
            <p class="report-line">
              <strong>{phase.name}</strong>
              {r?.syncState === "synced" ? (
                <>
                  <span class="badge badge-ok">{t("reports.sent")}</span>
                  {late && <span class="badge badge-late">{t("reports.late")}</span>}
                </>
              ) : r?.syncState === "pending" ? (
                <span class="badge badge-pending">{t("reports.pending")}</span>
              ) : r?.syncState === "rejected" ? (
                <span class="badge badge-rejected">
                  {t("reports.rejected", { reason: reasonText(r.rejectReason) })}
                </span>
              ) : (
                <span class="badge badge-none">{t("reports.none")}</span>
              )}
            </p>
            {due && <p class="muted small report-due">{t("reports.due", { date: fmtDate(due) })}</p>}
            {r && r.syncState !== "rejected" && (
              <p class="muted small">
                {t("reports.at", { time: fmtTime(r.createdAt) })}
                {r.sections && r.sections.length > 0 && ` · ${t("reports.sections", { count: r.sections.length })}`}
              </p>
            )}
            <button
              type="button"
              class="btn btn-small"
              disabled={!open}
              aria-label={`${t("reports.write", { phase: phase.name })} — ${unit.name}`}
              onClick={() => setWriting(phase.id)}
            >
              {r && r.syncState !== "rejected" ? t("reports.rewrite") : t("reports.write", { phase: phase.name })}
            </button>
            <button
              type="button"
              class="btn btn-small"
              disabled={busy}
              aria-label={`${t("reports.download")} ${phase.name} — ${unit.name}`}
              onClick={async () => {
                setBusy(true);
                try {
                  setError(await downloadReport(campaign, tree, unit.id, phase.id));
                } catch (err) {
                  setError(unexpectedText(err));
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t("reports.download")}
            </button>
            {(!r || r.syncState === "rejected") &&
              (confirming === phase.id ? (
                <div class="notice notice-warn" role="alert">
                  <p>{t("reports.confirm", { phase: phase.name, unit: unit.name })}</p>
                  <div class="actions">
                    <button
                      type="button"
                      class="btn btn-primary"
                      disabled={busy}
                      onClick={async () => {
                        setBusy(true);
                        const err = await onSubmit(unit.id, phase.id);
                        setBusy(false);
                        setError(err);
                        if (!err) setConfirming(undefined);
                      }}
                    >
                      {t("reports.confirmYes")}
                    </button>
                    <button type="button" class="btn" onClick={() => setConfirming(undefined)}>
                      {t("common.cancel")}
                    </button>
                  </div>
                </div>
              ) : (
                <>
                  <button
                    type="button"
                    class="btn btn-small"
                    disabled={!submittable}
                    aria-label={`${label} — ${unit.name}`}
                    onClick={() => setConfirming(phase.id)}
                  >
                    {label}
                  </button>
                  {!open ? (
                    <p class="hint">{t("reports.notOpen", { date: fmtDate(phase.start) })}</p>
                  ) : (
                    !submittable && (
                      <p class="hint">{t("reports.tooEarly", { phase: phase.name, date: fmtDate(opensOn) })}</p>
                    )
                  )}
                </>
              ))}
          </div>
        );
      })}
      <ErrorNotice error={error} />
      <NominationsPanel
        campaign={campaign}
        unitId={unit.id}
        user={user}
        mayDecide={props.mayDecide}
        nominations={props.nominations}
        decisions={props.decisions}
      />
    </li>
  );
}
