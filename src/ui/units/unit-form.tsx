/** Edit one unit in the working list: name, parent (a move), sector, close or reopen; add a unit below it. */
import { useState } from "preact/hooks";
import { type Sector, slug, type Unit } from "../../domain/schemas";
import { t } from "../../i18n";
import { describedBy, Field } from "../common/field";
import { closeBlock, possibleParents, setClosed, setFacts } from "./unit-edits";

const SECTORS: Sector[] = ["public", "state-enterprise", "non-state-enterprise"];

type Props = { unit: Unit; units: Unit[]; onChange: (units: Unit[]) => void; onDone: () => void };

/** A sector picker ("" = not set). */
function SectorSelect({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  return (
    <Field id={id} label={t("un.sector")}>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t("un.sector.none")}</option>
        {SECTORS.map((s) => (
          <option key={s} value={s}>
            {t(`un.sector.${s}`)}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The form under a unit's row. */
export function UnitForm({ unit, units, onChange, onDone }: Props) {
  const [name, setName] = useState(unit.name);
  const [parentId, setParentId] = useState(unit.parentId ?? "");
  const [sector, setSector] = useState<string>(unit.sector ?? "");
  const [error, setError] = useState<string | undefined>();
  const [child, setChild] = useState({ id: "", name: "", sector: "" });
  const [childError, setChildError] = useState<{ id?: string; name?: string }>({});
  const base = `un-${unit.id}`;
  const block = closeBlock(units, unit.id, unit.closed !== true);
  const parents = unit.parentId === undefined ? [] : possibleParents(units, unit.id);

  const apply = () => {
    if (name.trim() === "") return setError(t("un.err.name"));
    const facts: { name: string; parentId?: string; sector?: Sector } = { name: name.trim() };
    if (parentId !== "") facts.parentId = parentId;
    if (sector !== "") facts.sector = sector as Sector;
    onChange(setFacts(units, unit.id, facts));
    onDone();
  };
  const add = () => {
    const id = child.id.trim();
    const problems: { id?: string; name?: string } = {};
    if (!slug.safeParse(id).success) problems.id = t("un.err.id");
    else if (units.some((u) => u.id === id)) problems.id = t("un.err.idTaken", { id });
    if (child.name.trim() === "") problems.name = t("un.err.name");
    setChildError(problems);
    if (problems.id || problems.name) return;
    const u: Unit = { id, name: child.name.trim(), parentId: unit.id };
    if (child.sector !== "") u.sector = child.sector as Sector;
    onChange([...units, u]);
    setChild({ id: "", name: "", sector: "" });
  };

  return (
    <div class="sub-form un-form">
      <Field id={`${base}-name`} label={t("un.name")} error={error}>
        <input
          id={`${base}-name`}
          value={name}
          aria-describedby={describedBy(`${base}-name`, false, error)}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </Field>
      {unit.parentId !== undefined && (
        <Field id={`${base}-parent`} label={t("un.parent")}>
          <select id={`${base}-parent`} value={parentId} onChange={(e) => setParentId(e.currentTarget.value)}>
            {parents.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <SectorSelect id={`${base}-sector`} value={sector} onChange={setSector} />
      <div class="actions">
        <button type="button" class="btn btn-primary" onClick={apply}>
          {t("un.apply")}
        </button>
        {unit.parentId !== undefined && (
          <button
            type="button"
            class="btn"
            aria-disabled={block !== undefined}
            onClick={() => {
              if (!block) onChange(setClosed(units, unit.id, unit.closed !== true));
            }}
          >
            {unit.closed === true ? t("un.reopen") : t("un.close")}
          </button>
        )}
        <button type="button" class="btn" onClick={onDone}>
          {t("common.cancel")}
        </button>
      </div>
      {block && (
        <p class="hint" role="note">
          {block.key === "un.closeBlocked" ? t(block.key, { n: block.n }) : t(block.key, { parent: block.parent })}
        </p>
      )}
      {unit.closed !== true && (
        <fieldset class="cv-block">
          <legend>{t("un.addChild")}</legend>
          <Field id={`${base}-child-id`} label={t("un.id")} error={childError.id}>
            <input
              id={`${base}-child-id`}
              value={child.id}
              onInput={(e) => setChild({ ...child, id: e.currentTarget.value })}
            />
          </Field>
          <Field id={`${base}-child-name`} label={t("un.name")} error={childError.name}>
            <input
              id={`${base}-child-name`}
              value={child.name}
              onInput={(e) => setChild({ ...child, name: e.currentTarget.value })}
            />
          </Field>
          <SectorSelect
            id={`${base}-child-sector`}
            value={child.sector}
            onChange={(v) => setChild({ ...child, sector: v })}
          />
          <button type="button" class="btn" onClick={add}>
            {t("un.add")}
          </button>
        </fieldset>
      )}
    </div>
  );
}
