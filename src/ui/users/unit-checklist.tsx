/**
 * Choose several units from the whole tree: checkboxes indented by depth, with a search box. A
 * unit's scope includes its sub-units, so under a ticked unit every sub-unit shows as covered
 * (ticked, not changeable, naming the unit that covers it) instead of looking left out.
 */
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
  /** The chosen unit above `id` that already covers it, if any. */
  const coveredBy = (id: string) =>
    tree
      .pathToRoot(id)
      .slice(1)
      .find((a) => chosen.has(a.id));
  return (
    <fieldset class={error ? "field field-invalid" : "field"}>
      <legend>{t("users.units")}</legend>
      <label for={`${id}-filter`} class="sub-label">
        {t("entry.unitFilter")}
      </label>
      <input id={`${id}-filter`} type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      <p class="hint">{t("users.unitsChosen", { n: value.length })}</p>
      <ul class="check-list">
        {shown.map(({ unit, depth }) => {
          const cover = chosen.has(unit.id) ? undefined : coveredBy(unit.id);
          return (
            <li key={unit.id} style={{ paddingInlineStart: `${depth * 0.75}rem` }}>
              <label class={cover ? "check check-covered" : "check"} data-covered={cover ? "true" : undefined}>
                <input
                  type="checkbox"
                  checked={cover !== undefined || chosen.has(unit.id)}
                  disabled={cover !== undefined}
                  onChange={(e) =>
                    onChange(e.currentTarget.checked ? [...value, unit.id] : value.filter((v) => v !== unit.id))
                  }
                />
                <span>
                  {unit.name}
                  {cover && <span class="muted small"> — {t("users.coveredBy", { unit: cover.name })}</span>}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
