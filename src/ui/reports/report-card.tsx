/** One unit's phase reports: per phase "Đã nộp" / "Chờ gửi" / "Chưa nộp", and the "Nộp báo cáo Đợt N" button with its confirmation. */
import { useState } from "preact/hooks";
import type { LocalPhaseReport } from "../../db/database";
import type { Campaign, Unit } from "../../domain/schemas";
import { fmtDate, fmtTime, t } from "../../i18n";
import { reasonText } from "../common/reason-text";

type Props = {
  campaign: Campaign;
  unit: Unit;
  parentName: string | undefined;
  /** This unit's reports (any phase). */
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
export function ReportCard({ campaign, unit, parentName, reports, today, onSubmit }: Props) {
  const [confirming, setConfirming] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  return (
    <li class="card report-card" data-unit={unit.id}>
      <h2 class="report-unit">{unit.name}</h2>
      {parentName && <p class="muted small">{parentName}</p>}
      {campaign.phases.map((phase) => {
        const r = standing(reports, phase.id);
        const open = today >= phase.start;
        const label = t("reports.submit", { phase: phase.name });
        return (
          <div key={phase.id} class="report-phase" data-phase={phase.id} data-state={r?.syncState ?? "none"}>
            <p class="report-line">
              <strong>{phase.name}</strong>
              {r?.syncState === "synced" ? (
                <span class="badge badge-ok">{t("reports.sent")}</span>
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
            {r && r.syncState !== "rejected" && (
              <p class="muted small">{t("reports.at", { time: fmtTime(r.createdAt) })}</p>
            )}
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
                    disabled={!open}
                    aria-label={`${label} — ${unit.name}`}
                    onClick={() => setConfirming(phase.id)}
                  >
                    {label}
                  </button>
                  {!open && <p class="hint">{t("reports.notOpen", { date: fmtDate(phase.start) })}</p>}
                </>
              ))}
          </div>
        );
      })}
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
