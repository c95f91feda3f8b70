/** A select of the user's scope units, indented by depth, with an "all" choice first. */
import type { Unit } from "../../domain/schemas";

type Props = {
  id: string;
  label: string;
  allLabel: string;
  units: readonly { unit: Unit; depth: number }[];
  value: string | undefined;
  onChange: (unitId: string | undefined) => void;
};

/** Units as a native select (the phone's own picker is the easiest on a small screen). */
export function UnitSelect({ id, label, allLabel, units, value, onChange }: Props) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value ?? ""}
        onChange={(e) => onChange(e.currentTarget.value === "" ? undefined : e.currentTarget.value)}
      >
        <option value="">{allLabel}</option>
        {units.map(({ unit, depth }) => (
          <option key={unit.id} value={unit.id}>
            {`${"\u00a0\u00a0\u00a0".repeat(depth)}${depth > 0 ? "– " : ""}${unit.name}`}
          </option>
        ))}
      </select>
    </div>
  );
}
