/** A select of a campaign's target parts, grouped by target, each with its goal. */
import type { Campaign } from "../../domain/schemas";
import { goalText, shorten } from "./part-text";

type Props = {
  id: string;
  campaign: Campaign;
  value: string | undefined;
  onChange: (partId: string | undefined) => void;
  /** The first, empty choice ("Chọn chỉ tiêu" or "Tất cả chỉ tiêu"). */
  emptyLabel: string;
  withGoals?: boolean;
  describedBy?: string | undefined;
  invalid?: boolean;
};

/** Target parts grouped by target number (optgroup), as a native select. */
export function PartSelect({ id, campaign, value, onChange, emptyLabel, withGoals, describedBy, invalid }: Props) {
  return (
    <select
      id={id}
      value={value ?? ""}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      onChange={(e) => onChange(e.currentTarget.value === "" ? undefined : e.currentTarget.value)}
    >
      <option value="">{emptyLabel}</option>
      {campaign.targets.map((target) => (
        <optgroup key={target.id} label={`${target.number}. ${shorten(target.title)}`}>
          {target.parts.map((p, i) => (
            <option key={p.id} value={p.id}>
              {`${target.parts.length > 1 ? `${target.number}.${i + 1}` : `${target.number}.`} ${p.title}${
                withGoals ? ` — ${goalText(p)}` : ""
              }`}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
