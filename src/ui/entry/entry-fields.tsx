/** The fields of the entry form, each labelled, with its hint and its error next to it. */

import type { ComponentChildren } from "preact";
import { campaignSpan } from "../../domain/phases";
import type { Campaign, Part, Phase, Unit } from "../../domain/schemas";
import { NOTE_MAX } from "../../domain/schemas";
import { countsUnits } from "../../domain/totals";
import type { UnitTree } from "../../domain/units";
import { fmtDate, fmtNum, t } from "../../i18n";
import { DayInput } from "../common/day-input";
import { describedBy, Field } from "../common/field";
import { PartSelect } from "../common/part-select";
import { goalText } from "../common/part-text";
import type { Draft } from "./entry-draft";
import type { EntryErrors } from "./entry-validation";
import { UnitPicker } from "./unit-picker";

type Props = {
  campaign: Campaign;
  unitTree: UnitTree;
  options: readonly { unit: Unit; depth: number }[];
  draft: Draft;
  part: Part | undefined;
  phase: Phase | undefined;
  errors: EntryErrors;
  onChange: (patch: Partial<Draft>) => void;
  /** Shown right under the quantity (the last save's confirmation, where the eye and the focus are). */
  afterQuantity?: ComponentChildren;
  /** The chosen unit already counts for the chosen part (percent, distinct): a new mark adds nothing. */
  markedBefore?: boolean;
  /** The allocated share of the chosen part for the chosen unit (or the unit above it that holds one). */
  share?: { unitName: string; goal: number } | undefined;
};

function partHint(p: Part | undefined, share: Props["share"]): string {
  if (!p) return t("entry.partHintNone");
  if (p.kind === "percent") return t("entry.partHintPercent", { uom: p.unitOfMeasure });
  if (p.kind === "open") return t("entry.partHintOpen", { uom: p.unitOfMeasure });
  const province =
    p.kind === "distinct"
      ? t("entry.partHintDistinct", { goal: goalText(p), uom: p.unitOfMeasure })
      : t("entry.partHintCount", { goal: goalText(p) });
  // The unit's own share is what its officer works to; the province's goal stays beside it.
  if (!share) return province;
  const own = t("entry.partHintShare", { unit: share.unitName, goal: fmtNum(share.goal), uom: p.unitOfMeasure });
  return `${own} ${province}`;
}

/** Unit, part, date, quantity and note. */
export function EntryFields(props: Props) {
  const { campaign, unitTree, options, draft, part, phase, errors, onChange, afterQuantity, markedBefore, share } =
    props;
  const span = campaignSpan(campaign);
  const dateHint = phase
    ? t("entry.datePhase", {
        date: fmtDate(draft.date),
        phase: phase.name,
        start: fmtDate(phase.start),
        end: fmtDate(phase.end),
      })
    : undefined;
  return (
    <>
      <UnitPicker
        options={options}
        tree={unitTree}
        value={draft.unitId}
        error={errors.unit}
        onChange={(unitId) => {
          onChange({ unitId });
          requestAnimationFrame(() => document.getElementById("part")?.focus());
        }}
      />
      <Field id="part" label={t("entry.part")} hint={partHint(part, share)} error={errors.part}>
        <PartSelect
          id="part"
          campaign={campaign}
          value={draft.partId}
          emptyLabel={t("entry.partChoose")}
          withGoals
          describedBy={describedBy("part", true, errors.part)}
          invalid={!!errors.part}
          onChange={(partId) => onChange({ partId })}
        />
      </Field>
      <Field id="date" label={t("entry.date")} hint={dateHint} error={errors.date}>
        <DayInput
          id="date"
          min={span.start}
          max={span.end}
          value={draft.date}
          describedBy={describedBy("date", dateHint, errors.date)}
          invalid={!!errors.date}
          onChange={(date) => onChange({ date })}
        />
      </Field>
      {part && countsUnits(part) ? (
        <div class="field">
          <p class="label-like">{t("entry.quantity")}</p>
          {/* A ticked box, not a button: saving records the mark; there is nothing to press here. */}
          <p class="mark-line">
            <span class="tick-box" aria-hidden="true">
              ✓
            </span>
            {t("entry.percentMark")}
          </p>
          <p class="hint">{t("entry.percentHint", { uom: part.unitOfMeasure })}</p>
          {markedBefore && (
            <p class="notice notice-warn" data-testid="marked-before">
              {t("entry.markedBefore")}
            </p>
          )}
        </div>
      ) : (
        <Field
          id="quantity"
          label={t("entry.quantity")}
          hint={part ? t("entry.quantityHint", { uom: part.unitOfMeasure }) : undefined}
          error={errors.quantity}
        >
          <input
            id="quantity"
            type="text"
            inputMode="numeric"
            pattern="[0-9]*"
            autocomplete="off"
            enterKeyHint="done"
            value={draft.quantity}
            aria-describedby={describedBy("quantity", part, errors.quantity)}
            aria-invalid={errors.quantity ? true : undefined}
            onInput={(e) => onChange({ quantity: e.currentTarget.value })}
          />
        </Field>
      )}
      {afterQuantity}
      <Field
        id="note"
        label={t("entry.note")}
        hint={t("entry.noteCount", { n: fmtNum(draft.note.length), max: fmtNum(NOTE_MAX) })}
        error={
          errors.note ??
          (draft.note.length > NOTE_MAX ? t("entry.err.noteTooLong", { max: fmtNum(NOTE_MAX) }) : undefined)
        }
      >
        {/* No maxLength: a pasted note is never cut silently; past the limit the form says so and will not save. */}
        <textarea
          id="note"
          rows={3}
          value={draft.note}
          aria-describedby={describedBy("note", true, errors.note)}
          aria-invalid={errors.note ? true : undefined}
          onInput={(e) => onChange({ note: e.currentTarget.value })}
        />
      </Field>
    </>
  );
}
