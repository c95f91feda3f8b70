/** The campaign's phases (name, theme, dates, report deadline) and its anniversaries. */
import type { Campaign, Milestone, Phase } from "../../domain/schemas";
import { t } from "../../i18n";
import { fieldId, type Problems, problemAt, TextArea, TextInput } from "./draft-fields";

type Props = { draft: Campaign; update: (change: (d: Campaign) => void) => void; problems: Problems };

/** The phases card. */
export function PhasesEditor({ draft, update, problems }: Props) {
  const set = (i: number, change: (p: Phase) => void) =>
    update((d) => {
      const p = d.phases[i];
      if (p) change(p);
    });
  return (
    <section class="card" aria-labelledby="cv-phases-title">
      <h2 id="cv-phases-title">{t("cv.phases")}</h2>
      {draft.phases.map((p, i) => (
        <fieldset key={i} class="cv-block">
          <legend>{t("cv.phase", { n: i + 1 })}</legend>
          <div class="cv-grid">
            <TextInput
              path={`phases.${i}.id`}
              label={t("cv.phaseId")}
              problems={problems}
              value={p.id}
              onInput={(v) => set(i, (x) => (x.id = v))}
            />
            <TextInput
              path={`phases.${i}.name`}
              label={t("cv.phaseName")}
              problems={problems}
              value={p.name}
              onInput={(v) => set(i, (x) => (x.name = v))}
            />
            <TextInput
              path={`phases.${i}.start`}
              label={t("cv.start")}
              type="date"
              problems={problems}
              value={p.start}
              onInput={(v) => set(i, (x) => (x.start = v))}
            />
            <TextInput
              path={`phases.${i}.end`}
              label={t("cv.end")}
              type="date"
              problems={problems}
              value={p.end}
              onInput={(v) => set(i, (x) => (x.end = v))}
            />
            <TextInput
              path={`phases.${i}.reportDue`}
              label={t("cv.phaseReportDue")}
              type="date"
              problems={problems}
              value={p.reportDue ?? ""}
              onInput={(v) => set(i, (x) => (x.reportDue = v))}
            />
          </div>
          <TextArea
            path={`phases.${i}.theme`}
            label={t("cv.theme")}
            problems={problems}
            value={p.theme}
            onInput={(v) => set(i, (x) => (x.theme = v))}
          />
          {draft.phases.length > 1 && (
            <button type="button" class="btn btn-small" onClick={() => update((d) => void d.phases.splice(i, 1))}>
              {t("cv.remove")}
            </button>
          )}
        </fieldset>
      ))}
      <button
        type="button"
        class="btn"
        onClick={() =>
          update((d) => {
            const last = d.phases.at(-1);
            const day = last?.end ?? `${d.year}-01-01`;
            d.phases.push({
              id: `dot-${d.phases.length + 1}`,
              name: `Đợt ${d.phases.length + 1}`,
              theme: "",
              start: day,
              end: day,
            });
          })
        }
      >
        {t("cv.addPhase")}
      </button>
      <MilestonesEditor draft={draft} update={update} problems={problems} />
    </section>
  );
}

/** The anniversaries (date, title, phase). */
function MilestonesEditor({ draft, update, problems }: Props) {
  const set = (i: number, change: (m: Milestone) => void) =>
    update((d) => {
      const m = d.milestones[i];
      if (m) change(m);
    });
  return (
    <>
      <h3 class="cv-sub">{t("cv.milestones")}</h3>
      {draft.milestones.map((m, i) => {
        const phasePath = `milestones.${i}.phaseId`;
        const phaseError = problemAt(problems, phasePath);
        return (
          <fieldset key={i} class="cv-block">
            <legend>{t("cv.milestone", { n: i + 1 })}</legend>
            <div class="cv-grid">
              <TextInput
                path={`milestones.${i}.date`}
                label={t("cv.milestoneDate")}
                type="date"
                problems={problems}
                value={m.date}
                onInput={(v) => set(i, (x) => (x.date = v))}
              />
              <div class={phaseError ? "field field-invalid" : "field"}>
                <label for={fieldId(phasePath)}>{t("cv.milestonePhase")}</label>
                <select
                  id={fieldId(phasePath)}
                  value={m.phaseId ?? ""}
                  onChange={(e) => set(i, (x) => (x.phaseId = e.currentTarget.value))}
                >
                  <option value="">{t("cv.noPhase")}</option>
                  {draft.phases.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
                {phaseError && <p class="field-error">{phaseError}</p>}
              </div>
            </div>
            <TextInput
              path={`milestones.${i}.title`}
              label={t("cv.milestoneTitle")}
              problems={problems}
              value={m.title}
              onInput={(v) => set(i, (x) => (x.title = v))}
            />
            <button type="button" class="btn btn-small" onClick={() => update((d) => void d.milestones.splice(i, 1))}>
              {t("cv.remove")}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        class="btn"
        onClick={() => update((d) => void d.milestones.push({ date: `${d.year}-01-01`, title: "" }))}
      >
        {t("cv.addMilestone")}
      </button>
    </>
  );
}
