/**
 * Checking a new entry before it is saved: the shared zod `entry` schema (the same one the
 * server applies), plus what only the form knows (an empty field, a date outside the phases),
 * each mapped to a Vietnamese sentence shown next to its field.
 */

import { campaignSpan, phaseOf } from "../../domain/phases";
import {
  type Campaign,
  type Entry,
  entry as entrySchema,
  NOTE_MAX,
  type Part,
  QUANTITY_MAX,
} from "../../domain/schemas";
import { countsUnits } from "../../domain/totals";
import { fmtDate, fmtNum, t } from "../../i18n";

/** The form's fields that can carry an error. */
export type EntryField = "unit" | "part" | "date" | "quantity" | "note";
/** Errors by field, plus one for the whole form. */
export type EntryErrors = Partial<Record<EntryField | "form", string>>;

/**
 * Read a whole number typed on a phone ("1.200" and "1 200" are 1200, "-5" is -5, so the caller
 * can say that it must be more than 0 rather than that it is not a number); NaN when it is not one.
 */
export function parseWhole(text: string): number {
  const s = text.trim();
  const negative = /^[-\u2212]/.test(s);
  const digits = negative ? s.slice(1).trim() : s;
  let n = Number.NaN;
  if (/^\d+$/.test(digits)) n = Number(digits);
  else if (/^\d{1,3}([. ]\d{3})+$/.test(digits)) n = Number(digits.replace(/[. ]/g, ""));
  return negative ? -n : n;
}

/** Why a date cannot be used, or undefined when it falls in a phase of the campaign. */
export function dateProblem(campaign: Campaign, date: string): string | undefined {
  if (!date) return t("entry.err.dateRequired");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return t("entry.err.dateInvalid");
  if (phaseOf(campaign, date)) return undefined;
  const span = campaignSpan(campaign);
  return t("entry.err.dateOutside", { date: fmtDate(date), start: fmtDate(span.start), end: fmtDate(span.end) });
}

/** The quantity the form means: 1 (a mark) for percent and distinct parts, the typed whole number otherwise. */
export function quantityProblem(part: Part | undefined, text: string): { quantity?: number; error?: string } {
  if (part && countsUnits(part)) return { quantity: 1 };
  if (text.trim() === "") return { error: t("entry.err.quantityRequired") };
  const q = parseWhole(text);
  if (Number.isNaN(q)) return { error: t("entry.err.quantityWhole") };
  if (q <= 0) return { error: t("entry.err.quantityPositive") };
  if (q > QUANTITY_MAX) return { error: t("entry.err.quantityTooBig", { max: fmtNum(QUANTITY_MAX) }) };
  return { quantity: q };
}

/** Map the zod issues of an entry to field errors (only where no earlier check said something). */
export function schemaErrors(candidate: Entry): EntryErrors {
  const result = entrySchema.safeParse(candidate);
  if (result.success) return {};
  const errors: EntryErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path[0];
    if (key === "unitId") errors.unit ??= t("entry.err.unit");
    else if (key === "partId") errors.part ??= t("entry.err.part");
    else if (key === "date") errors.date ??= t("entry.err.dateInvalid");
    else if (key === "quantity")
      errors.quantity ??=
        issue.code === "too_big"
          ? t("entry.err.quantityTooBig", { max: fmtNum(QUANTITY_MAX) })
          : t("entry.err.quantityWhole");
    else if (key === "note") errors.note ??= t("entry.err.noteTooLong", { max: NOTE_MAX });
    else errors.form ??= t("entry.err.invalid", { field: String(key ?? "") });
  }
  return errors;
}

/**
 * A warning (never a block) when one entry brings a large share of the year's goal at once:
 * more than the goal, or more than half of a goal of 10 or more. Open parts warn above 500.
 */
export function plausibilityWarning(part: Part | undefined, quantity: number): string | undefined {
  if (!part || countsUnits(part)) return undefined;
  if (part.goal === null) return quantity > 500 ? t("entry.warnLargeOpen", { n: quantity }) : undefined;
  if (quantity > part.goal || (part.goal >= 10 && quantity > part.goal / 2)) {
    return t("entry.warnLarge", { goal: fmtNum(part.goal) });
  }
  return undefined;
}
