/**
 * A dashboard section that folds (the disclosure pattern: its heading holds a button with
 * aria-expanded). The section's headline figure sits in the heading, so a folded dashboard still
 * reads as a summary on a phone; the body stays in the page while folded (hidden), so what it
 * counts is not recomputed on every opening.
 */
import type { ComponentChildren, Ref } from "preact";
import { useState } from "preact/hooks";

type Props = {
  /** The section's id: the heading is `${id}-title`, the body `${id}-body`. */
  id: string;
  title: ComponentChildren;
  /** The figure that stands for the section while it is folded ("2 / 16 chỉ tiêu chậm tiến độ"). */
  headline: ComponentChildren;
  /** Open at first (the screen's main table); the others start folded. */
  open?: boolean;
  /** The heading, for a section that moves the focus to it (after a drill-down). */
  headingRef?: Ref<HTMLHeadingElement>;
  children: ComponentChildren;
};

/** A card whose heading folds and unfolds its body. */
export function Fold({ id, title, headline, open: initial = false, headingRef, children }: Props) {
  const [open, setOpen] = useState(initial);
  return (
    <section class="card fold" aria-labelledby={`${id}-title`} data-fold={id} data-open={open ? "true" : "false"}>
      <h2 id={`${id}-title`} class="fold-heading" ref={headingRef} tabIndex={-1}>
        <button
          type="button"
          class="fold-toggle"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setOpen(!open)}
        >
          <span class="fold-title">{title}</span>
          <span class="fold-headline">{headline}</span>
        </button>
      </h2>
      <div id={`${id}-body`} class="fold-body" hidden={!open}>
        {children}
      </div>
    </section>
  );
}
