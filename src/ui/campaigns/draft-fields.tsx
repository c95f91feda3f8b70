/** The editor's inputs, each bound to a field path of the draft and showing that field's problem. */
import type { ComponentChildren } from "preact";
import { t } from "../../i18n";
import { DayInput } from "../common/day-input";
import { describedBy, Field } from "../common/field";
import type { FieldProblems } from "./campaign-problems";

/** What every input needs to show its problem: the problems by path, and whether to show them yet. */
export type Problems = { byPath: FieldProblems; show: boolean };

/** The form control id of a field path. */
export const fieldId = (path: string) => `cv-${path.replace(/\./g, "-")}`;

/** The sentence for a field's problem, when it has one and problems are shown. */
export function problemAt(p: Problems, path: string): string | undefined {
  const msg = p.show ? p.byPath[path] : undefined;
  return msg ? t(msg.key, msg.params) : undefined;
}

type Base = { path: string; label: string; problems: Problems; hint?: ComponentChildren };

/** A one-line text input, or a day (typed day first, with the phone's calendar beside it). */
export function TextInput(
  props: Base & { value: string; onInput: (v: string) => void; type?: "text" | "date"; disabled?: boolean },
) {
  const { path, label, problems, hint, value, onInput, type = "text", disabled } = props;
  const id = fieldId(path);
  const error = problemAt(problems, path);
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {type === "date" ? (
        <DayInput
          id={id}
          value={value}
          invalid={error !== undefined}
          describedBy={describedBy(id, hint, error)}
          onChange={onInput}
        />
      ) : (
        <input
          id={id}
          type="text"
          value={value}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** A multi-line text input. */
export function TextArea(props: Base & { value: string; onInput: (v: string) => void }) {
  const { path, label, problems, hint, value, onInput } = props;
  const id = fieldId(path);
  const error = problemAt(problems, path);
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        value={value}
        rows={2}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </Field>
  );
}

/** A whole-number input; empty is `null`. */
export function NumberInput(props: Base & { value: number | null; onInput: (v: number | null) => void }) {
  const { path, label, problems, hint, value, onInput } = props;
  const id = fieldId(path);
  const error = problemAt(problems, path);
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        value={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => {
          const raw = e.currentTarget.value.trim();
          onInput(raw === "" ? null : Number(raw));
        }}
      />
    </Field>
  );
}
