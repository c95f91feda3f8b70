/** The unit tree with a search box (name or id, diacritics optional); a row opens its edit form. */
import { useMemo, useState } from "preact/hooks";
import type { Unit } from "../../domain/schemas";
import { UnitTree } from "../../domain/units";
import { t } from "../../i18n";
import { matches } from "../common/search-text";
import { UnitForm } from "./unit-form";

/** Rows drawn without a search: enough for a province's upper-level unions and a start below them. */
const SHOWN = 300;

type Props = { units: Unit[]; onChange: (units: Unit[]) => void };

/** The searchable tree. */
export function UnitList({ units, onChange }: Props) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState<string | undefined>();
  const flat = useMemo(() => new UnitTree(units).flatten(), [units]);
  const found = query.trim() === "" ? flat : flat.filter(({ unit }) => matches(`${unit.name} ${unit.id}`, query));
  const shown = found.slice(0, SHOWN);
  return (
    <section class="card" aria-labelledby="un-tree-title">
      <h2 id="un-tree-title">{t("un.title")}</h2>
      <label for="un-search">{t("un.search")}</label>
      <input id="un-search" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      {found.length === 0 && <p class="muted">{t("un.noMatch")}</p>}
      <ul class="un-tree">
        {shown.map(({ unit, depth }) => (
          <li key={unit.id} data-unit={unit.id}>
            <div
              class={unit.closed === true ? "un-node un-node-closed" : "un-node"}
              style={{ paddingInlineStart: `${(query ? 0 : depth) * 1}rem` }}
            >
              <span class="un-node-name">
                {unit.name} <span class="muted small">{unit.id}</span>
              </span>
              {unit.sector && <span class="badge">{t(`un.sector.${unit.sector}`)}</span>}
              {unit.closed === true && <span class="badge badge-none">{t("un.closedBadge")}</span>}
              <button
                type="button"
                class="btn btn-small"
                aria-expanded={open === unit.id}
                aria-label={`${t("un.edit")}: ${unit.name}`}
                onClick={() => setOpen(open === unit.id ? undefined : unit.id)}
              >
                {t("un.edit")}
              </button>
            </div>
            {open === unit.id && (
              <UnitForm unit={unit} units={units} onChange={onChange} onDone={() => setOpen(undefined)} />
            )}
          </li>
        ))}
      </ul>
      {found.length > SHOWN && <p class="muted">{t("un.more", { n: found.length - SHOWN })}</p>}
    </section>
  );
}
