/** "Sửa số liệu": the officer types the correct value; the app stores the difference as a correction. */
import { useState } from "preact/hooks";
import type { Part } from "../../domain/schemas";
import { NOTE_MAX, QUANTITY_MAX } from "../../domain/schemas";
import { fmtNum, t } from "../../i18n";
import { describedBy, Field } from "../common/field";
import { parseWhole } from "../entry/entry-validation";

type Props = {
  net: number;
  part: Part | undefined;
  /** Save a correction of `delta`; resolves to an error sentence, or undefined when saved. */
  onSave: (delta: number, note: string) => Promise<string | undefined>;
  onCancel: () => void;
};

/** The new value and an optional reason; saves new − current net. */
export function CorrectionForm({ net, part, onSave, onCancel }: Props) {
  const [value, setValue] = useState(String(net));
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const percent = part?.kind === "percent";

  const submit = async () => {
    const next = parseWhole(value);
    if (value.trim() === "") return setError(t("entry.err.quantityRequired"));
    if (Number.isNaN(next)) return setError(t("entry.err.quantityWhole"));
    if (next < 0) return setError(t("correct.err.negative"));
    if (next > QUANTITY_MAX) return setError(t("entry.err.quantityTooBig", { max: fmtNum(QUANTITY_MAX) }));
    if (percent && next > 1) return setError(t("correct.err.percent"));
    if (next === net) return setError(t("correct.err.same"));
    setBusy(true);
    setError(await onSave(next - net, note.trim()));
    setBusy(false);
  };

  const hint = t("correct.hint", { net: `${fmtNum(net)} ${part?.unitOfMeasure ?? ""}`.trim() });
  return (
    <form
      class="card sub-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field id="correct-value" label={t("correct.value")} hint={hint} error={error}>
        <input
          id="correct-value"
          type="text"
          inputMode="numeric"
          pattern="[0-9]*"
          autocomplete="off"
          value={value}
          aria-describedby={describedBy("correct-value", hint, error)}
          aria-invalid={error ? true : undefined}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
      </Field>
      <Field id="correct-note" label={t("correct.note")}>
        <textarea
          id="correct-note"
          rows={2}
          maxLength={NOTE_MAX}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </Field>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>
          {t("correct.save")}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
