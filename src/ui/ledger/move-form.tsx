/**
 * "Sửa đơn vị / chỉ tiêu / ngày": an entry's unit, part and date cannot change (entries are
 * immutable, DESIGN §1), so the app voids the entry and records a new one with the right unit,
 * part or date, in one step, and says so. Each carries a note naming the other (the link a
 * reader of either history follows); both are stored together or not at all.
 */
import { useState } from "preact/hooks";
import type { LocalEntry } from "../../db/database";
import { findPart } from "../../domain/ledger";
import { phaseOf } from "../../domain/phases";
import type { Campaign } from "../../domain/schemas";
import { fmtDate, fmtNum, t } from "../../i18n";
import { DayInput } from "../common/day-input";
import { describedBy, Field } from "../common/field";
import { PartSelect } from "../common/part-select";
import { scopeUnits } from "../state/reference";

/** Where the entry moves to, and the quantity the new entry records. */
export type MoveTarget = { unitId: string; partId: string; date: string; quantity: number };

type Props = {
  entry: LocalEntry;
  campaign: Campaign;
  /** What the entry counts now: the new entry records this much. */
  net: number;
  /** Save the move; resolves to an error sentence, or undefined when saved. */
  onSave: (to: MoveTarget) => Promise<string | undefined>;
  onCancel: () => void;
};

/** The new unit, part and date, with what will happen spelled out before it does. */
export function MoveForm({ entry, campaign, net, onSave, onCancel }: Props) {
  const [unitId, setUnitId] = useState(entry.unitId);
  const [partId, setPartId] = useState<string | undefined>(entry.partId);
  const [date, setDate] = useState(entry.date);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const part = partId ? findPart(campaign, partId) : undefined;
  // A percent part counts a unit as done with 1, whatever the old figure was.
  const quantity = part?.kind === "percent" ? 1 : net;
  const what = `${fmtNum(quantity)} ${part?.kind === "percent" ? t("ledger.doneUom") : (part?.unitOfMeasure ?? "")}`;

  const submit = async () => {
    if (!partId || !part) return setError(t("entry.err.part"));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setError(t("move.err.date"));
    if (!phaseOf(campaign, date)) return setError(t("reason.outside-phases"));
    if (unitId === entry.unitId && partId === entry.partId && date === entry.date) return setError(t("move.err.same"));
    setBusy(true);
    setError(await onSave({ unitId, partId, date, quantity }));
    setBusy(false);
  };

  const hint = t("move.hint", { what: what.trim(), date: fmtDate(entry.date) });
  return (
    <form
      class="card sub-form"
      noValidate
      aria-labelledby="move-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="move-title" class="section-title">
        {t("move.title")}
      </h2>
      <p class="hint" id="move-hint">
        {hint}
      </p>
      <div class="field">
        <label for="move-unit">{t("ledger.unit")}</label>
        <select id="move-unit" value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
          {scopeUnits.value.map(({ unit, depth }) => (
            <option key={unit.id} value={unit.id}>
              {`${"\u00a0\u00a0\u00a0".repeat(depth)}${depth > 0 ? "– " : ""}${unit.name}`}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="move-part">{t("ledger.part")}</label>
        <PartSelect
          id="move-part"
          campaign={campaign}
          value={partId}
          emptyLabel={t("entry.partChoose")}
          onChange={setPartId}
        />
      </div>
      <Field id="move-date" label={t("entry.date")} error={error}>
        <DayInput
          id="move-date"
          value={date}
          describedBy={describedBy("move-date", false, error)}
          invalid={!!error}
          onChange={setDate}
        />
      </Field>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>
          {t("move.save")}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
