/** A progress bar with a tick where the expected pace stands today, so "behind" is visible beside its words. */
import { fmtPercent, t } from "../../i18n";

type Props = { label: string; percent: number; pace: number; behind: boolean };

/** role=progressbar; the fill is hatched when behind (never colour alone: a text marker goes with it). */
export function PaceBar({ label, percent, pace, behind }: Props) {
  const fill = Math.max(0, Math.min(100, percent));
  const tick = Math.max(0, Math.min(100, pace * 100));
  return (
    <div
      class={behind ? "pace-bar pace-bar-behind" : "pace-bar"}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(fill)}
      aria-valuetext={t("dash.barText", { percent: fmtPercent(percent), pace: fmtPercent(pace * 100) })}
    >
      <span class="pace-fill" style={{ width: `${fill}%` }} />
      {tick > 0 && <span class="pace-tick" style={{ left: `${tick}%` }} aria-hidden="true" />}
    </div>
  );
}

/** The words that go with a behind bar or cell. */
export function BehindMark({ short = false }: { short?: boolean }) {
  return short ? (
    <span class="behind-mark">
      <span aria-hidden="true">▼</span>
      <span class="sr-only">{t("dash.behind")}</span>
    </span>
  ) : (
    <span class="badge badge-behind">
      <span aria-hidden="true">▼ </span>
      {t("dash.behind")}
    </span>
  );
}

/** The words that go with a figure far above its target: worth a check, not an error. */
export function CheckMark({ short = false }: { short?: boolean }) {
  return short ? (
    <span class="check-mark">
      <span aria-hidden="true">!</span>
      <span class="sr-only">{t("dash.check")}</span>
    </span>
  ) : (
    <span class="badge badge-check">
      <span aria-hidden="true">! </span>
      {t("dash.check")}
    </span>
  );
}
