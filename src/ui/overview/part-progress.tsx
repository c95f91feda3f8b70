/** One target part on the overview: goal against achieved, with what is still unsent shown apart. */
import type { ComponentChildren } from "preact";
import type { Part, PartTotal } from "../../domain/schemas";
import { fmtPercent, fmtSigned, t } from "../../i18n";
import { ProgressBar } from "../common/progress-bar";

type Props = { label: string; showLabel: boolean; part: Part; synced: PartTotal; all: PartTotal };

/**
 * "125 (gồm +5 chưa gửi) / 134 đoàn viên", a bar and the percentage: the headline is what the
 * officer has recorded, sent or not, with the part still on the phone marked beside it.
 */
export function PartProgress({ label, showLabel, part, synced, all }: Props) {
  const unsent = all.achieved - synced.achieved;
  const achieved = (
    <>
      <strong>{t("common.num", { n: all.achieved })}</strong>
      {unsent !== 0 && <span class="unsent"> {t("overview.unsent", { n: fmtSigned(unsent) })}</span>}
    </>
  );
  let amount: ComponentChildren;
  let percent: number | null = null;
  if (part.kind === "percent") {
    amount = (
      <>
        {achieved} / {t("overview.unitsOf", { n: all.unitsInScope ?? 0 })}
      </>
    );
    percent = all.percent;
  } else if (all.goal === null) {
    amount = (
      <>
        {achieved} {part.unitOfMeasure}
      </>
    );
  } else {
    amount = (
      <>
        {achieved} / {t("common.num", { n: all.goal })} {part.unitOfMeasure}
      </>
    );
    percent = all.percent;
  }
  const syncedPercent = synced.percent ?? 0;
  return (
    <li
      class="part"
      data-part={part.id}
      data-achieved={synced.achieved}
      data-unsent={unsent}
      data-goal={all.goal ?? ""}
    >
      {showLabel && <p class="part-title">{label}</p>}
      {percent !== null && <ProgressBar label={label} percentAll={percent} percentSynced={syncedPercent} />}
      <p class="part-numbers">
        <span>{amount}</span>
        <span class={percent === null ? "part-percent part-percent-none" : "part-percent"}>
          {percent !== null
            ? fmtPercent(percent)
            : part.kind === "open"
              ? t("overview.unlimited")
              : t("overview.noGoal")}
        </span>
      </p>
    </li>
  );
}
