/**
 * Reporting rate per phase and for the year (units that submitted / units expected), split on
 * time / late / missing against the deadline, with who reported late and who has not reported.
 */
import type { UnitTree } from "../../domain/units";
import { fmtDate, fmtPercent, t } from "../../i18n";
import { Fold } from "./fold";
import type { PhaseReporting } from "./model";

type Props = { reporting: PhaseReporting[]; tree: UnitTree };

/** A list of units, each with its parent's name. */
function UnitList({ ids, tree }: { ids: string[]; tree: UnitTree }) {
  return (
    <ul class="plain missing-list">
      {ids.map((id) => {
        const u = tree.get(id);
        const parent = u?.parentId !== undefined ? tree.get(u.parentId) : undefined;
        return (
          <li key={id}>
            {u?.name ?? id}
            {parent && <span class="muted small"> · {parent.name}</span>}
          </li>
        );
      })}
    </ul>
  );
}

/** One block per phase: the rate with a bar, on time / late / missing, then who is late and who is missing. */
export function Reporting({ reporting, tree }: Props) {
  const headline = reporting
    .map((r) => `${r.name}: ${fmtPercent(r.expected > 0 ? (r.submitted / r.expected) * 100 : 0)}`)
    .join(" · ");
  return (
    <Fold id="dash-reporting" title={t("dash.reportingTitle")} headline={headline}>
      {reporting.map((r) => {
        const percent = r.expected > 0 ? (r.submitted / r.expected) * 100 : 0;
        return (
          <div
            key={r.phaseId}
            class="reporting"
            data-phase={r.phaseId}
            data-submitted={r.submitted}
            data-expected={r.expected}
            data-on-time={r.onTime.length}
            data-late={r.late.length}
            data-missing={r.missing.length}
          >
            <h3 class="reporting-title">
              {r.name}: {t("dash.reportedOf", { done: r.submitted, total: r.expected })}{" "}
              <span class="part-percent">{r.expected > 0 ? fmtPercent(percent) : ""}</span>
            </h3>
            {r.due && <p class="muted small">{t("dash.reportDue", { date: fmtDate(r.due) })}</p>}
            {r.expected === 0 ? (
              <p class="muted">{t("dash.noReporters")}</p>
            ) : (
              <>
                <div
                  class="bar"
                  role="progressbar"
                  aria-label={t("dash.reportingBar", { phase: r.name })}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(percent)}
                  aria-valuetext={fmtPercent(percent)}
                >
                  <span class="bar-synced" style={{ width: `${percent}%` }} />
                </div>
                <p class="reporting-split">
                  {t("dash.reportingSplit", {
                    onTime: r.onTime.length,
                    late: r.late.length,
                    missing: r.missing.length,
                  })}
                </p>
                {r.late.length > 0 && (
                  <details class="missing">
                    <summary>{t("dash.lateList", { n: r.late.length })}</summary>
                    <UnitList ids={r.late} tree={tree} />
                  </details>
                )}
                {r.missing.length === 0 ? (
                  <p class="done-mark">{t("dash.allReported")}</p>
                ) : (
                  <details class="missing">
                    <summary>{t("dash.missing", { n: r.missing.length })}</summary>
                    <UnitList ids={r.missing} tree={tree} />
                  </details>
                )}
              </>
            )}
          </div>
        );
      })}
    </Fold>
  );
}
