/** Đợt 1 against Đợt 2, part by part, over the chosen subtree (each phase's own achievements). */
import type { Campaign, Totals } from "../../domain/schemas";
import { fmtNum, t } from "../../i18n";
import { Fold } from "./fold";
import { allParts, partCodes } from "./model";

type Props = { campaign: Campaign; byPhase: Totals[] };

/** A table: one row per part, one column per phase, with small bars to compare at a glance. */
export function PhaseCompare({ campaign, byPhase }: Props) {
  const codes = partCodes(campaign);
  const values = byPhase.map((tot) => new Map(tot.parts.map((p) => [p.partId, p.achieved])));
  const headline = campaign.phases
    .map((p, i) =>
      t("dash.foldPhase", { phase: p.name, n: [...(values[i]?.values() ?? [])].filter((v) => v > 0).length }),
    )
    .join(" · ");
  return (
    <Fold id="dash-phases" title={t("dash.phasesTitle")} headline={headline}>
      <div class="table-scroll">
        <table class="compare" data-testid="phase-compare">
          <thead>
            <tr>
              <th scope="col">{t("dash.part")}</th>
              {campaign.phases.map((p) => (
                <th key={p.id} scope="col" class="num">
                  {p.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {allParts(campaign).map((part) => {
              const row = values.map((v) => v.get(part.id) ?? 0);
              const max = Math.max(1, ...row);
              return (
                <tr key={part.id} data-part={part.id}>
                  <th scope="row">
                    <span class="part-code">{codes.get(part.id)}</span> <span class="compare-title">{part.title}</span>
                  </th>
                  {row.map((n, i) => (
                    <td key={campaign.phases[i]?.id ?? i} class="num">
                      {fmtNum(n)}
                      <span class={`mini-bar mini-bar-${i % 2}`} aria-hidden="true">
                        <span style={{ width: `${(Math.max(0, n) / max) * 100}%` }} />
                      </span>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="hint">{t("dash.phasesHint")}</p>
    </Fold>
  );
}
