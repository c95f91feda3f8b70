/** The bottom navigation bar: big targets within reach of one thumb. Its entries come from the route table (app.tsx). */
import type { JSX } from "preact";
import { type MessageKey, t } from "../../i18n";
import { route } from "../router";
import { awaitingCount } from "../state/local";

/** One entry of the bar. */
export type NavItem = { path: string; label: MessageKey; icon: JSX.Element };

const icon = (d: string) => (
  <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
    <path d={d} fill="currentColor" />
  </svg>
);

/** The bar's icons, by screen. */
export const navIcons = {
  overview: icon("M4 13h6V4H4v9zm0 7h6v-5H4v5zm8 0h8v-9h-8v9zm0-16v5h8V4h-8z"),
  dashboard: icon("M3 20h18v2H3v-2zm2-2V9h3v9H5zm5.5 0V4h3v14h-3zM16 18v-6h3v6h-3z"),
  entry: icon("M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z"),
  ledger: icon("M4 5h16v2H4V5zm0 6h16v2H4v-2zm0 6h10v2H4v-2z"),
  settings: icon(
    "M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm8.9 5 .1-1-.1-1 2-1.6-2-3.4-2.4.9a8 8 0 0 0-1.7-1L16.5 3h-4l-.4 2.4-1.7 1-2.3-.9-2 3.4 2 1.6-.1 1 .1 1-2 1.6 2 3.4 2.4-.9c.5.4 1 .7 1.7 1l.3 2.4h4l.4-2.4 1.7-1 2.3.9 2-3.4-2-1.6z",
  ),
  users: icon(
    "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-3 0-8 1.5-8 4.5V20h16v-2.5C17 14.5 12 13 9 13zm8-2a3 3 0 1 0 0-6v6zm1.5 2.2c1.6.9 2.5 2.2 2.5 4.3V20h2v-2.5c0-2.2-2-3.7-4.5-4.3z",
  ),
};

/**
 * Links to the main screens; the current one is marked aria-current. The ledger's tab carries
 * the number of the user's entries marked "Cần bổ sung" and not answered yet.
 */
export function BottomNav({ items }: { items: readonly NavItem[] }) {
  const current = route.value.path;
  const awaiting = awaitingCount.value;
  return (
    <nav class="bottom-nav" aria-label={t("nav.label")}>
      <ul>
        {items.map((it) => (
          <li key={it.path}>
            <a href={`#/${it.path}`} aria-current={current === it.path ? "page" : undefined}>
              {it.icon}
              <span>{t(it.label)}</span>
              {it.path === "ledger" && awaiting > 0 && (
                <span class="nav-count" data-testid="ledger-awaiting">
                  {awaiting}
                  <span class="sr-only"> {t("nav.awaiting")}</span>
                </span>
              )}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
