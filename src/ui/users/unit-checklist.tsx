/** Choose several units from the whole tree: checkboxes indented by depth, with a search box. */
import { useMemo, useState } from "preact/hooks";
import type { UnitTree } from "../../domain/units";
import { t } from "../../i18n";
import { fold } from "../common/search-text";

type Props = {
  id: string;
  tree: UnitTree;
  value: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string;
};

/** A fieldset of unit checkboxes. */
export function UnitChecklist({ id, tree, value, onChange, error }: Props) {
  const [query, setQuery] = useState("");
  const all = useMemo(() => tree.flatten().map((x) => ({ ...x, folded: fold(x.unit.name) })), [tree]);
  const words = fold(query).split(/\s+/).filter(Boolean);
  const shown = words.length === 0 ? all : all.filter((x) => words.every((w) => x.folded.includes(w)));
  const chosen = new Set(value);
  return (
    <fieldset class={error ? "field field-invalid" : "field"}>
      <legend>{t("users.units")}</legend>
      <label for={`${id}-filter`} class="sub-label">
        {t("entry.unitFilter")}
      </label>
      <input id={`${id}-filter`} type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      <p class="hint">{t("users.unitsChosen", { n: value.length })}</p>
      <ul class="check-list">
        {shown.map(({ unit, depth }) => (
          <li key={unit.id} style={{ paddingInlineStart: `${depth * 0.75}rem` }}>
            <label class="check">
              <input
                type="checkbox"
                checked={chosen.has(unit.id)}
                onChange={(e) =>
                  onChange(e.currentTarget.checked ? [...value, unit.id] : value.filter((v) => v !== unit.id))
                }
              />
              <span>{unit.name}</span>
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
