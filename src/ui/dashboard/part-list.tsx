/** Each part over the chosen subtree: goal, achieved, percentage, a bar with today's pace, and a "behind" marker. */

import { useState } from "preact/hooks";
import { fmtNum, fmtPercent, t } from "../../i18n";
import { remarkOf } from "../export/rows";
import { Fold } from "./fold";
import type { PartRow } from "./model";
import { BehindMark, CheckMark, PaceBar } from "./pace-bar";

type Props = { parts: PartRow[]; pace: number; ended?: boolean };

/** What a part's numbers read: "120 / 134 đoàn viên", "40 / 62 đơn vị", "37 sáng kiến". */
export function amountText(row: PartRow): string {
  const uom = row.part.kind === "percent" ? t("dash.unitsUom") : row.part.unitOfMeasure;
  if (row.target === null) return `${fmtNum(row.achieved)} ${uom}`;
  return `${fmtNum(row.achieved)} / ${fmtNum(row.target)} ${uom}`;
}

/** The list of parts, with a switch to show only those behind. */
export function PartList({ parts, pace, ended = false }: Props) {
  const [onlyBehind, setOnlyBehind] = useState(false);
  const behind = parts.filter((p) => p.behind).length;
  const shown = onlyBehind ? parts.filter((p) => p.behind) : parts;
  const judged = parts.filter((p) => p.verdict);
  const headline = ended
    ? t("dash.foldPartsEnded", { met: judged.filter((p) => p.verdict === "met").length, total: judged.length })
    : t("dash.foldParts", { n: behind, total: parts.length });
  return (
    <Fold id="dash-parts" title={t("dash.partsTitle")} headline={headline}>
      {ended ? (
        <p class="muted small">{t("dash.endedNote")}</p>
      ) : (
        <>
          <p class="muted small">{t("dash.paceNote", { pace: fmtPercent(pace * 100) })}</p>
          <label class="check">
            <input
              type="checkbox"
              checked={onlyBehind}
              onChange={(e) => setOnlyBehind(e.currentTarget.checked)}
              data-testid="only-behind"
            />
            {t("dash.onlyBehind", { n: behind })}
          </label>
        </>
      )}
      {shown.length === 0 ? (
        <p class="notice">{t("dash.noneBehind")}</p>
      ) : (
        <ul class="dash-parts">
          {shown.map((row) => (
            <li key={row.part.id} class="dash-part" data-part={row.part.id} data-behind={row.behind || undefined}>
              <p class="dash-part-title">
                <span class="part-code">{row.code}</span> {row.part.title}
              </p>
              {row.percent !== null && (
                <PaceBar
                  label={`${row.code} ${row.part.title}`}
                  percent={row.percent}
                  pace={pace}
                  behind={row.behind}
                />
              )}
              <p class="part-numbers">
                <span>{amountText(row)}</span>
                <span class="part-percent">
                  {row.percent !== null
                    ? fmtPercent(row.percent)
                    : row.part.kind === "open"
                      ? t("overview.unlimited")
                      : t("overview.noGoal")}
                </span>
              </p>
              {row.behind && <BehindMark />}
              {row.verdict && (
                <p class={`verdict verdict-${row.verdict}`} data-testid="verdict">
                  {remarkOf(row)}
                </p>
              )}
              {row.check && <CheckMark />}
            </li>
          ))}
        </ul>
      )}
    </Fold>
  );
}
