/** A labelled form field with its hint and error, tied to the control by aria-describedby. */
import type { ComponentChildren } from "preact";

/** The ids a control should name in aria-describedby for its hint and error. */
export function describedBy(id: string, hint?: unknown, error?: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

type FieldProps = {
  id: string;
  label: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  children: ComponentChildren;
};

/** Label above, control, then hint and error (the error is announced when it appears). */
export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The error line of a field (empty when valid). */
export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p class="field-error" id={`${id}-error`} role="alert">
      {error}
    </p>
  );
}
