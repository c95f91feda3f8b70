/**
 * The app shell: status bar, banners, the current screen and the bottom navigation, driven by
 * one route table: each row is a path, its lazy screen, the roles that may open it, whether it
 * uses a laptop's width, and its place in the bottom bar. Every screen is its own chunk (the
 * shell itself loads no database), so a first visit's sign-in screen fetches neither the ledger
 * code nor the campaign; start-up (main.tsx) fetches the overview's chunk at once when someone
 * is signed in. Without a stored profile the sign-in screen is shown whatever the route.
 */
import type { ComponentType } from "preact";
import { useEffect } from "preact/hooks";
import type { UserProfile } from "../domain/schemas";
import { loadSupervisionMessages, type MessageKey, t } from "../i18n";
import { ScreenHeading } from "./common/screen-heading";
import { type LazyScreen, lazyScreen } from "./lazy-screen";
import { type Route, route } from "./router";
import { BottomNav, type NavItem, navIcons } from "./shell/bottom-nav";
import { SessionBanner } from "./shell/session-banner";
import { StatusBar } from "./shell/status-bar";
import { shellIdle } from "./state/local";
import { profile } from "./state/session";

type Role = UserProfile["role"];

/** One row of the route table. */
type RouteRow = {
  /** The first segment of the hash (`#/ledger/…` → "ledger"; "" is the overview). */
  path: string;
  /** The screen, loaded on first use (or early: see `preload`). */
  screen: LazyScreen<never>;
  /** Its props, from the route. */
  props?: (r: Route) => object;
  /** Who may open it (every signed-in user when absent), and what the others read instead. */
  roles?: readonly Role[];
  forbidden?: MessageKey;
  /** Screens that use a laptop's width: tables, figures, the overview's cards and the ledger (the others stay a phone-width column). */
  wide?: boolean;
  /** Its entry in the bottom bar (the bar follows the table's order). */
  nav?: { label: MessageKey; icon: NavItem["icon"] };
  /** Fetched while the phone is idle after the first screen: what an officer opens next. */
  preload?: boolean;
  /** Shown as it is: no status bar, no navigation (the presentation fills the projector). */
  bare?: boolean;
};

// Supervisor work: each screen's sentences (vi-supervision) load beside it.
const withSupervision = <T,>(load: Promise<T>) => Promise.all([load, loadSupervisionMessages()]).then(([m]) => m);
const params = (r: Route) => ({ params: r.params });
const SUPERVISORS: readonly Role[] = ["supervisor", "admin"];

const SignInScreen = lazyScreen<object>(() => import("./sign-in/sign-in-screen").then((m) => m.SignInScreen));

/** Every route of the app. */
export const ROUTES: readonly RouteRow[] = [
  {
    path: "",
    screen: lazyScreen(() => import("./overview/overview-screen").then((m) => m.OverviewScreen), { messages: false }),
    wide: true,
    nav: { label: "nav.overview", icon: navIcons.overview },
  },
  {
    path: "dashboard",
    screen: lazyScreen(() => withSupervision(import("./dashboard/dashboard-screen")).then((m) => m.DashboardScreen)),
    props: params,
    roles: SUPERVISORS,
    forbidden: "dash.forbidden",
    wide: true,
    nav: { label: "nav.dashboard", icon: navIcons.dashboard },
  },
  {
    path: "entry",
    screen: lazyScreen(() => import("./entry/entry-screen").then((m) => m.EntryScreen)),
    props: (r) => ({ fromId: r.params.get("from") ?? undefined }),
    nav: { label: "nav.entry", icon: navIcons.entry },
    preload: true,
  },
  {
    path: "ledger",
    screen: lazyScreen(() => import("./ledger/ledger-screen").then((m) => m.LedgerScreen)),
    props: (r) => ({ entryId: r.rest[0] }),
    wide: true,
    nav: { label: "nav.ledger", icon: navIcons.ledger },
    preload: true,
  },
  {
    path: "settings",
    screen: lazyScreen(() => import("./settings/settings-screen").then((m) => m.SettingsScreen)),
    nav: { label: "nav.settings", icon: navIcons.settings },
  },
  {
    path: "users",
    screen: lazyScreen(() => import("./users/users-screen").then((m) => m.UsersScreen)),
    roles: ["admin"],
    forbidden: "users.forbidden",
    nav: { label: "nav.users", icon: navIcons.users },
  },
  {
    path: "campaigns",
    screen: lazyScreen(() => import("./campaigns/campaigns-screen").then((m) => m.loadCampaignsScreen())),
    roles: ["admin"],
    forbidden: "users.forbidden",
  },
  {
    path: "units",
    screen: lazyScreen(() => import("./units/units-screen").then((m) => m.loadUnitsScreen())),
    roles: ["admin"],
    forbidden: "users.forbidden",
  },
  {
    path: "allocations",
    screen: lazyScreen(() =>
      withSupervision(import("./allocations/allocations-screen")).then((m) => m.AllocationsScreen),
    ),
    props: params,
    roles: SUPERVISORS,
    forbidden: "dash.forbidden",
    wide: true,
  },
  {
    path: "print",
    screen: lazyScreen(() => withSupervision(import("./print/print-screen")).then((m) => m.PrintScreen)),
    props: params,
    roles: SUPERVISORS,
    forbidden: "dash.forbidden",
    wide: true,
  },
  {
    path: "reports",
    screen: lazyScreen(() => withSupervision(import("./reports/reports-screen")).then((m) => m.ReportsScreen)),
    wide: true,
  },
  { path: "handover", screen: lazyScreen(() => import("./handover/handover-screen").then((m) => m.HandoverScreen)) },
  {
    path: "present",
    screen: lazyScreen(() => import("./present/present-screen").then((m) => m.PresentScreen)),
    bare: true,
  },
  { path: "login", screen: SignInScreen },
];

const byPath = new Map(ROUTES.map((r) => [r.path, r]));

/** The row for a route (undefined: no such screen). */
export function routeFor(r: Route): RouteRow | undefined {
  return byPath.get(r.path);
}

/** Whether `user` may open the row's screen. */
function allowed(row: RouteRow, user: UserProfile): boolean {
  return row.roles === undefined || row.roles.includes(user.role);
}

/** The bottom bar's entries for `user`, in the table's order. */
export function navItems(user: UserProfile): NavItem[] {
  return ROUTES.flatMap((row) => (row.nav && allowed(row, user) ? [{ path: row.path, ...row.nav }] : []));
}

// The update offer brings the service-worker bridge (workbox-window) with it, off the first screen's path.
const UpdateBanner = lazyScreen<object>(() => import("./shell/update-banner").then((m) => m.UpdateBanner), {
  quiet: true,
});

/** The screen for the current route. */
function CurrentScreen({ row, user }: { row: RouteRow | undefined; user: UserProfile | undefined }) {
  const r = route.value;
  if (!user) return <SignInScreen />;
  if (!row) {
    return (
      <div class="screen">
        <ScreenHeading>{t("notFound.title")}</ScreenHeading>
        <a class="btn" href="#/">
          {t("nav.overview")}
        </a>
      </div>
    );
  }
  if (!allowed(row, user)) {
    return (
      <p class="screen notice" role="alert">
        {t(row.forbidden ?? "dash.forbidden")}
      </p>
    );
  }
  const Screen = row.screen as unknown as ComponentType<object>;
  return <Screen {...(row.props?.(r) ?? {})} />;
}

/** The whole app. */
export function App() {
  const r = route.value;
  const user = profile.value;
  const row = routeFor(r);
  const key = `${r.path}/${r.rest.join("/")}`;

  // A new screen starts at the top (its heading takes the focus: see ScreenHeading).
  useEffect(() => window.scrollTo(0, 0), [key]);

  // Once the first screen is usable and the phone idle, fetch the screens an officer opens next.
  const idle = shellIdle.value;
  const signedIn = user !== undefined;
  useEffect(() => {
    if (!signedIn || !idle) return;
    for (const next of ROUTES) if (next.preload) void next.screen.preload().catch(() => {});
  }, [signedIn, idle]);

  if (user && row?.bare) {
    return (
      <main id="main" class="main-present">
        <CurrentScreen row={row} user={user} />
      </main>
    );
  }
  return (
    <>
      <StatusBar />
      <SessionBanner />
      {idle && <UpdateBanner />}
      <main id="main" class={user ? (row?.wide ? "with-nav main-wide" : "with-nav") : undefined}>
        <CurrentScreen row={user ? row : undefined} user={user} />
      </main>
      {user && <BottomNav items={navItems(user)} />}
    </>
  );
}
