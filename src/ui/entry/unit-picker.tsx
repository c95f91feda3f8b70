/**
 * The unit field of the entry form: a search box over the user's scope (diacritics-insensitive,
 * matching the unit's name and the names above it) and a list of big buttons showing each
 * unit's path. Once chosen, the list folds away, so repeat entries for one unit stay short.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Unit } from "../../domain/schemas";
import type { UnitTree } from "../../domain/units";
import { t } from "../../i18n";
import { FieldError } from "../common/field";
import { fold } from "../common/search-text";

const SHOWN = 40;

/** "Liên đoàn Lao động tỉnh Lai Châu › Liên đoàn Lao động huyện Tam Đường" for a unit. */
export function unitPath(tree: UnitTree, unitId: string): string {
  return tree
    .pathToRoot(unitId)
    .slice(1)
    .reverse()
    .map((u) => u.name)
    .join(" › ");
}

type Props = {
  options: readonly { unit: Unit; depth: number }[];
  tree: UnitTree;
  value: string | undefined;
  onChange: (unitId: string) => void;
  error?: string | undefined;
};

/** Search-and-tap unit chooser. */
export function UnitPicker({ options, tree, value, onChange, error }: Props) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(value === undefined);
  const [focusSearch, setFocusSearch] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const items = useMemo(
    () =>
      options.map(({ unit }) => {
        const path = unitPath(tree, unit.id);
        return { unit, path, folded: fold(`${unit.name} ${path}`) };
      }),
    [options, tree],
  );
  const selected = value !== undefined ? tree.get(value) : undefined;
  const showList = open || !selected;

  useEffect(() => {
    if (showList && focusSearch) searchRef.current?.focus();
  }, [showList, focusSearch]);

  const words = fold(query).split(/\s+/).filter(Boolean);
  const found = words.length === 0 ? items : items.filter((it) => words.every((w) => it.folded.includes(w)));
  const shown = found.slice(0, SHOWN);

  return (
    <fieldset class={error ? "field unit-picker field-invalid" : "field unit-picker"}>
      <legend>{t("entry.unit")}</legend>
      {!showList && selected ? (
        <div class="picked">
          <p>
            <strong>{selected.name}</strong>
            <span class="muted small">{unitPath(tree, selected.id)}</span>
          </p>
          {options.length > 1 && (
            <button
              type="button"
              class="btn btn-small"
              onClick={() => {
                setOpen(true);
                setFocusSearch(true);
              }}
            >
              {t("entry.changeUnit")}
            </button>
          )}
        </div>
      ) : (
        <>
          <label for="unit-filter" class="sub-label">
            {t("entry.unitFilter")}
          </label>
          <input
            id="unit-filter"
            ref={searchRef}
            type="search"
            autocomplete="off"
            enterKeyHint="search"
            value={query}
            aria-describedby={`unit-count${error ? " unit-error" : ""}`}
            aria-invalid={error ? true : undefined}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <p class="hint" id="unit-count" aria-live="polite">
            {found.length > shown.length
              ? t("entry.unitMatchesMore", { n: found.length, shown: shown.length })
              : t("entry.unitMatches", { n: found.length })}
          </p>
          <ul class="pick-list">
            {shown.map((it) => (
              <li key={it.unit.id}>
                <button
                  type="button"
                  class="pick"
                  aria-pressed={it.unit.id === value}
                  onClick={() => {
                    onChange(it.unit.id);
                    setOpen(false);
                    setQuery("");
                    setFocusSearch(false);
                  }}
                >
                  <span class="pick-name">{it.unit.name}</span>
                  {it.path && <span class="pick-path">{it.path}</span>}
                </button>
              </li>
            ))}
          </ul>
          {selected && (
            <button type="button" class="btn btn-small" onClick={() => setOpen(false)}>
              {t("entry.keepUnit", { name: selected.name })}
            </button>
          )}
        </>
      )}
      <FieldError id="unit" error={error} />
    </fieldset>
  );
}
