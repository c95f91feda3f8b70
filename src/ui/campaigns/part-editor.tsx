/** One part of a target: title, kind, goal, unit of measure, eligibility (sectors, levels), due day. */
import type { Part, PartKind, Sector, UnitLevel } from "../../domain/schemas";
import { t } from "../../i18n";
import { kindKey } from "./campaign-problems";
import { fieldId, NumberInput, type Problems, problemAt, TextArea, TextInput } from "./draft-fields";

const KINDS: PartKind[] = ["count", "distinct", "percent", "open"];
const SECTORS: Sector[] = ["public", "state-enterprise", "non-state-enterprise"];
const LEVELS: UnitLevel[] = ["province", "upper", "grassroots"];

type Props = { part: Part; path: string; change: (c: (p: Part) => void) => void; problems: Problems };

/** The goal a part gets when its kind changes: 100 for percent, none for open, kept (or blank) otherwise. */
function goalFor(kind: PartKind, goal: number | null): number | null {
  if (kind === "percent") return 100;
  if (kind === "open") return null;
  return goal;
}

/** Toggle one value in an optional list; an empty list means "no condition" and is dropped. */
function toggle<T>(list: T[] | undefined, value: T, on: boolean): T[] | undefined {
  const next = (list ?? []).filter((x) => x !== value);
  if (on) next.push(value);
  return next.length > 0 ? next : undefined;
}

/** The part's fields. */
export function PartEditor({ part, path, change, problems }: Props) {
  const kindPath = `${path}.kind`;
  const goalPath = `${path}.goal`;
  const goalError = problemAt(problems, goalPath);
  const setEligible = (key: "sectors" | "levels", value: string, on: boolean) =>
    change((p) => {
      const rule = { ...p.eligible };
      if (key === "sectors") rule.sectors = toggle(rule.sectors, value as Sector, on);
      else rule.levels = toggle(rule.levels, value as UnitLevel, on);
      if (!rule.sectors) delete rule.sectors;
      if (!rule.levels) delete rule.levels;
      if (rule.sectors || rule.levels) p.eligible = rule;
      else delete p.eligible;
    });
  return (
    <>
      <TextArea
        path={`${path}.title`}
        label={t("cv.partTitle")}
        problems={problems}
        value={part.title}
        onInput={(v) => change((p) => (p.title = v))}
      />
      <div class="cv-grid">
        <TextInput
          path={`${path}.id`}
          label={t("cv.partId")}
          problems={problems}
          value={part.id}
          onInput={(v) => change((p) => (p.id = v))}
        />
        <div class="field">
          <label for={fieldId(kindPath)}>{t("cv.kind")}</label>
          <select
            id={fieldId(kindPath)}
            value={part.kind}
            onChange={(e) => {
              const kind = e.currentTarget.value as PartKind;
              change((p) => {
                p.kind = kind;
                p.goal = goalFor(kind, p.goal);
              });
            }}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(kindKey(k))}
              </option>
            ))}
          </select>
        </div>
        {part.kind === "count" || part.kind === "distinct" ? (
          <NumberInput
            path={goalPath}
            label={t("cv.goal")}
            problems={problems}
            value={part.goal}
            onInput={(v) => change((p) => (p.goal = v))}
          />
        ) : (
          <div class={goalError ? "field field-invalid" : "field"}>
            <p class="label-like">{t("cv.goal")}</p>
            <p>{part.kind === "percent" ? t("cv.goalPercent") : t("cv.goalOpen")}</p>
            {goalError && <p class="field-error">{goalError}</p>}
          </div>
        )}
        <TextInput
          path={`${path}.unitOfMeasure`}
          label={t("cv.uom")}
          problems={problems}
          value={part.unitOfMeasure}
          onInput={(v) => change((p) => (p.unitOfMeasure = v))}
        />
        <TextInput
          path={`${path}.dueBy`}
          label={t("cv.dueBy")}
          type="date"
          problems={problems}
          value={part.dueBy ?? ""}
          onInput={(v) => change((p) => (p.dueBy = v))}
        />
      </div>
      <div class="cv-grid">
        <fieldset class="field">
          <legend>{t("cv.sectors")}</legend>
          {SECTORS.map((s) => (
            <label key={s} class="check">
              <input
                type="checkbox"
                checked={part.eligible?.sectors?.includes(s) ?? false}
                onChange={(e) => setEligible("sectors", s, e.currentTarget.checked)}
              />
              <span>{t(`un.sector.${s}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset class="field">
          <legend>{t("cv.levels")}</legend>
          {LEVELS.map((l) => (
            <label key={l} class="check">
              <input
                type="checkbox"
                checked={part.eligible?.levels?.includes(l) ?? false}
                onChange={(e) => setEligible("levels", l, e.currentTarget.checked)}
              />
              <span>{t(`cv.level.${l}`)}</span>
            </label>
          ))}
        </fieldset>
      </div>
    </>
  );
}
