/** A progress bar in two tones: what the server holds, and this phone's unsent part on top. */
import { fmtPercent, t } from "../../i18n";

type Props = {
  label: string;
  /** Percent reached counting everything on the phone (may exceed 100). */
  percentAll: number;
  /** Percent reached counting only what has reached the server. */
  percentSynced: number;
};

/** role=progressbar with the overall percentage; the unsent share is striped. */
export function ProgressBar({ label, percentAll, percentSynced }: Props) {
  const all = Math.max(0, percentAll);
  const synced = Math.max(0, Math.min(percentSynced, all));
  const clampedAll = Math.min(100, all);
  const clampedSynced = Math.min(100, synced);
  const text = all > 100 ? `${fmtPercent(all)}, ${t("overview.exceeded")}` : fmtPercent(all);
  return (
    <div
      class="bar"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(clampedAll)}
      aria-valuetext={text}
    >
      <span class="bar-synced" style={{ width: `${clampedSynced}%` }} />
      <span class="bar-pending" style={{ width: `${clampedAll - clampedSynced}%` }} />
    </div>
  );
}
