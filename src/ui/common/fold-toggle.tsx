/** The one-line button that opens and closes what a banner folds away: its words, then ▾ or ▴. */
import type { ComponentChildren } from "preact";

type Props = {
  open: boolean;
  onToggle: () => void;
  /** The id of what it opens. */
  controls: string;
  /** Class of the button (its look in that banner). */
  class: string;
  children: ComponentChildren;
  /** Said to screen readers after the words, e.g. "Vì sao?". */
  hint?: string;
};

export function FoldToggle({ open, onToggle, controls, class: cls, children, hint }: Props) {
  return (
    <button type="button" class={cls} aria-expanded={open} aria-controls={controls} onClick={onToggle}>
      {children} <span aria-hidden="true">{open ? "▴" : "▾"}</span>
      {hint && <span class="sr-only">{hint}</span>}
    </button>
  );
}
