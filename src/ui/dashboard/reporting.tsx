/** Reporting rate per phase (units that submitted their phase report / units expected) and who has not reported. */
import type { UnitTree } from "../../domain/units";
import { fmtPercent, t } from "../../i18n";
import { Fold } from "./fold";
import type { PhaseReporting } from "./model";

type Props = { reporting: PhaseReporting[]; tree: UnitTree };

/** One block per phase: the rate with a bar, then the units missing, grouped under their parent. */
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
          >
            <h3 class="reporting-title">
              {r.name}: {t("dash.reportedOf", { done: r.submitted, total: r.expected })}{" "}
              <span class="part-percent">{r.expected > 0 ? fmtPercent(percent) : ""}</span>
            </h3>
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
                {r.missing.length === 0 ? (
                  <p class="done-mark">{t("dash.allReported")}</p>
                ) : (
                  <details class="missing">
                    <summary>{t("dash.missing", { n: r.missing.length })}</summary>
                    <ul class="plain missing-list">
                      {r.missing.map((id) => {
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
