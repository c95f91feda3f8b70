/**
 * The campaign form: general facts, phases and anniversaries, targets and parts. Problems show
 * next to their fields (in Vietnamese) from the first save attempt on, and follow each keystroke
 * after it; nothing is sent while any remain. The server may still refuse: 400 names a field,
 * 409 in-use lists what entries already count, shown in words above the save button.
 */
import { useMemo, useState } from "preact/hooks";
import type { Campaign } from "../../domain/schemas";
import { t } from "../../i18n";
import { putCampaign } from "../../sync/api";
import { tree } from "../state/reference";
import { draftProblems, type FieldProblems, invalidAnswer } from "./campaign-problems";
import { fieldId, TextArea, TextInput } from "./draft-fields";
import { PhasesEditor } from "./phases-editor";
import { type Failure, Refusal } from "./refusal";
import { TargetsEditor } from "./targets-editor";

type Props = {
  initial: Campaign;
  isNew: boolean;
  copied: boolean;
  onSaved: (c: Campaign, created: boolean) => void;
  onCancel: () => void;
};

/** The draft as it is sent: empty optional fields dropped (an empty date means "none"). */
export function cleanDraft(d: Campaign): Campaign {
  const c = structuredClone(d);
  if (!c.description) delete c.description;
  if (!c.reportDue) delete c.reportDue;
  for (const p of c.phases) if (!p.reportDue) delete p.reportDue;
  for (const m of c.milestones) if (!m.phaseId) delete m.phaseId;
  for (const x of c.targets) for (const p of x.parts) if (!p.dueBy) delete p.dueBy;
  return c;
}

/** The editor. */
export function CampaignEditor({ initial, isNew, copied, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState(() => structuredClone(initial));
  const [show, setShow] = useState(false);
  const [serverField, setServerField] = useState<FieldProblems>({});
  const [failure, setFailure] = useState<Failure | undefined>();
  const [busy, setBusy] = useState(false);
  const byPath = useMemo(() => ({ ...serverField, ...draftProblems(cleanDraft(draft)) }), [draft, serverField]);
  const problems = { byPath, show };
  const count = Object.keys(byPath).length;

  const update = (change: (d: Campaign) => void) =>
    setDraft((d) => {
      const next = structuredClone(d);
      change(next);
      return next;
    });
  const field = (key: "code" | "title" | "issuedBy") => ({
    path: key,
    problems,
    value: draft[key],
    onInput: (v: string) => update((d) => (d[key] = v)),
  });

  const save = async () => {
    setShow(true);
    setFailure(undefined);
    setServerField({});
    const sent = cleanDraft(draft);
    const first = Object.keys(draftProblems(sent))[0];
    if (first !== undefined) {
      requestAnimationFrame(() => document.getElementById(fieldId(first))?.focus());
      return;
    }
    setBusy(true);
    const res = await putCampaign(sent);
    setBusy(false);
    if (res.ok) return onSaved(res.data.campaign, res.status === 201);
    if (res.status === 400 && res.code === "invalid") {
      const [path, msg] = invalidAnswer(sent, res.path, res.message);
      if (path !== "") setServerField({ [path]: msg });
    }
    setFailure(res);
  };

  return (
    <form
      class="cv-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 class="section-title">{isNew ? t("cv.creating") : t("cv.editing")}</h2>
      {copied && <p class="notice notice-warn">{t("cv.copyNote")}</p>}
      <section class="card" aria-labelledby="cv-general-title">
        <h2 id="cv-general-title">{t("cv.general")}</h2>
        <TextInput
          path="id"
          label={t("cv.id")}
          hint={t("cv.idHint")}
          problems={problems}
          value={draft.id}
          disabled={!isNew}
          onInput={(v) => update((d) => (d.id = v))}
        />
        <TextArea label={t("cv.name")} {...field("title")} />
        <div class="cv-grid">
          <TextInput label={t("cv.code")} {...field("code")} />
          <TextInput
            path="year"
            label={t("cv.year")}
            problems={problems}
            value={String(draft.year)}
            onInput={(v) => update((d) => (d.year = Number(v)))}
          />
          <TextInput
            path="issuedOn"
            label={t("cv.issuedOn")}
            type="date"
            problems={problems}
            value={draft.issuedOn}
            onInput={(v) => update((d) => (d.issuedOn = v))}
          />
          <TextInput
            path="reportDue"
            label={t("cv.reportDue")}
            type="date"
            problems={problems}
            value={draft.reportDue ?? ""}
            onInput={(v) => update((d) => (d.reportDue = v))}
          />
        </div>
        <TextInput label={t("cv.issuedBy")} {...field("issuedBy")} />
        <TextArea
          path="description"
          label={t("cv.description")}
          problems={problems}
          value={draft.description ?? ""}
          onInput={(v) => update((d) => (d.description = v))}
        />
      </section>
      <PhasesEditor draft={draft} update={update} problems={problems} />
      <TargetsEditor draft={draft} update={update} problems={problems} />
      {show && count > 0 && (
        <p class="notice notice-error" role="alert" data-testid="fix-first">
          {t("cv.fixFirst", { n: count })}
        </p>
      )}
      {failure && <Refusal res={failure} unitName={(id) => tree.value.get(id)?.name ?? id} />}
      <div class="actions cv-save">
        <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>
          {busy ? t("cv.saving") : t("cv.save")}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t("cv.cancel")}
        </button>
      </div>
    </form>
  );
}
