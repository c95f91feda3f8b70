/** A screen's h1: it names the page (document title) and takes the focus when the screen opens. */
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../../i18n";

/** The screen title; focus moves here on navigation so screen readers announce the new screen. */
export function ScreenHeading({ children, sub }: { children: ComponentChildren; sub?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    document.title = `${el.textContent ?? ""} — ${t("app.name")}`;
    // Do not steal focus from a field the user is already in.
    const active = document.activeElement;
    if (!active || active === document.body || !active.closest("main")) el.focus({ preventScroll: true });
  }, []);
  return (
    <hgroup class="screen-heading">
      {sub && <p class="eyebrow">{sub}</p>}
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
    </hgroup>
  );
}
