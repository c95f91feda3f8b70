/**
 * A day typed and shown as dd/mm/yyyy whatever the phone's language (a native date input shows
 * month first on a phone set to English, right above hints written day first), with a calendar
 * button that opens the phone's own picker. The value is the ISO day the rest of the app uses.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../../i18n";

/** "25/11/2026" from "2026-11-25" ("" for anything else). */
export function dayText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : "";
}

/**
 * The ISO day a person typed: "25/11/2026", "25-11-2026", "25.11.2026", "5/3/2026" or
 * "25112026" (day first), or an ISO day as pasted; undefined when it is none of those.
 */
export function parseDayText(text: string): string | undefined {
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const m = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return undefined;
  const [, d = "", mo = "", y = ""] = m;
  return `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

type Props = {
  id: string;
  value: string;
  min?: string;
  max?: string;
  describedBy?: string | undefined;
  invalid?: boolean;
  /** The ISO day, or the text as typed when it is not a day yet (the form's check then says so). */
  onChange: (value: string) => void;
};

/** A text field for a day, day first, and a calendar button beside it. */
export function DayInput({ id, value, min, max, describedBy, invalid, onChange }: Props) {
  const [text, setText] = useState(dayText(value) || value);
  const picker = useRef<HTMLInputElement>(null);
  // A value set from outside (a copied entry, a new campaign's default) replaces what is shown.
  useEffect(() => {
    if (parseDayText(text) !== value) setText(dayText(value) || value);
  }, [value]);
  return (
    <div class="day-input">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t("common.dayPlaceholder")}
        value={text}
        aria-describedby={describedBy}
        aria-invalid={invalid ? true : undefined}
        onInput={(e) => {
          const typed = e.currentTarget.value;
          setText(typed);
          onChange(parseDayText(typed) ?? typed.trim());
        }}
      />
      <button
        type="button"
        class="btn day-input-calendar"
        aria-label={t("common.pickDay")}
        onClick={() => {
          const el = picker.current;
          if (!el) return;
          if (typeof el.showPicker === "function") el.showPicker();
          else el.click();
        }}
      >
        <svg
          aria-hidden="true"
          width="20"
          height="20"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
        >
          <rect x="3" y="5" width="18" height="16" rx="2" />
          <path d="M3 10h18M8 3v4M16 3v4" />
        </svg>
      </button>
      <input
        ref={picker}
        class="day-input-native"
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        min={min}
        max={max}
        value={/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : ""}
        onChange={(e) => {
          const iso = e.currentTarget.value;
          if (!iso) return;
          setText(dayText(iso));
          onChange(iso);
        }}
      />
    </div>
  );
}
