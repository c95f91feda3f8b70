/** The campaign's targets, each with its parts. */
import type { Campaign, Part, Target } from "../../domain/schemas";
import { t } from "../../i18n";
import { NumberInput, type Problems, TextArea, TextInput } from "./draft-fields";
import { PartEditor } from "./part-editor";

type Props = { draft: Campaign; update: (change: (d: Campaign) => void) => void; problems: Problems };

/** A part id not yet used in the campaign, after the target's own (t3-1, t3-2, …). */
function freePartId(d: Campaign, target: Target): string {
  const used = new Set(d.targets.flatMap((x) => x.parts.map((p) => p.id)));
  for (let n = target.parts.length + 1; ; n++) if (!used.has(`${target.id}-${n}`)) return `${target.id}-${n}`;
}

const newPart = (id: string): Part => ({ id, title: "", kind: "count", goal: null, unitOfMeasure: "" });

/** The targets card. */
export function TargetsEditor({ draft, update, problems }: Props) {
  const setTarget = (i: number, change: (x: Target) => void) =>
    update((d) => {
      const x = d.targets[i];
      if (x) change(x);
    });
  return (
    <section class="card" aria-labelledby="cv-targets-title">
      <h2 id="cv-targets-title">{t("cv.targets")}</h2>
      {draft.targets.map((target, ti) => (
        <fieldset key={ti} class="cv-block cv-target" data-target={target.id}>
          <legend>{t("cv.target", { n: target.number })}</legend>
          <div class="cv-grid">
            <TextInput
              path={`targets.${ti}.id`}
              label={t("cv.targetId")}
              problems={problems}
              value={target.id}
              onInput={(v) => setTarget(ti, (x) => (x.id = v))}
            />
            <NumberInput
              path={`targets.${ti}.number`}
              label={t("cv.targetNumber")}
              problems={problems}
              value={target.number}
              onInput={(v) => setTarget(ti, (x) => (x.number = v ?? 0))}
            />
          </div>
          <TextArea
            path={`targets.${ti}.title`}
            label={t("cv.targetTitle")}
            problems={problems}
            value={target.title}
            onInput={(v) => setTarget(ti, (x) => (x.title = v))}
          />
          {target.parts.map((part, pi) => (
            <fieldset key={pi} class="cv-block cv-part" data-part={part.id}>
              <legend>{t("cv.part", { id: part.id })}</legend>
              <PartEditor
                part={part}
                path={`targets.${ti}.parts.${pi}`}
                problems={problems}
                change={(c) =>
                  setTarget(ti, (x) => {
                    const p = x.parts[pi];
                    if (p) c(p);
                  })
                }
              />
              {target.parts.length > 1 && (
                <button
                  type="button"
                  class="btn btn-small"
                  onClick={() => setTarget(ti, (x) => void x.parts.splice(pi, 1))}
                >
                  {t("cv.remove")}
                </button>
              )}
            </fieldset>
          ))}
          <div class="actions">
            <button
              type="button"
              class="btn btn-small"
              onClick={() => update((d) => void d.targets[ti]?.parts.push(newPart(freePartId(d, target))))}
            >
              {t("cv.addPart")}
            </button>
            {draft.targets.length > 1 && (
              <button type="button" class="btn btn-small" onClick={() => update((d) => void d.targets.splice(ti, 1))}>
                {t("cv.remove")}
              </button>
            )}
          </div>
        </fieldset>
      ))}
      <button
        type="button"
        class="btn"
        onClick={() =>
          update((d) => {
            const number = Math.max(0, ...d.targets.map((x) => x.number)) + 1;
            let id = `t${number}`;
            while (d.targets.some((x) => x.id === id)) id = `${id}b`;
            d.targets.push({ id, number, title: "", parts: [newPart(`${id}-1`)] });
          })
        }
      >
        {t("cv.addTarget")}
      </button>
    </section>
  );
}
