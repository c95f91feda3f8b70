/**
 * The app shell: status bar, banners, the current screen and the bottom navigation. The
 * overview is bundled with the shell (it is the first screen); every other screen is a lazy
 * chunk. Without a stored profile the sign-in screen is shown whatever the route.
 */
import { useEffect } from "preact/hooks";
import { loadSupervisionMessages, t } from "../i18n";
import { ScreenHeading } from "./common/screen-heading";
import { lazyScreen } from "./lazy-screen";
import { OverviewScreen } from "./overview/overview-screen";
import { route } from "./router";
import { BottomNav } from "./shell/bottom-nav";
import { SessionBanner } from "./shell/session-banner";
import { StatusBar } from "./shell/status-bar";
import { shellIdle } from "./state/local";
import { isAdmin, profile, supervises } from "./state/session";

const EntryScreen = lazyScreen<{ fromId?: string }>(() => import("./entry/entry-screen").then((m) => m.EntryScreen));
const LedgerScreen = lazyScreen<{ entryId?: string }>(() =>
  import("./ledger/ledger-screen").then((m) => m.LedgerScreen),
);
const SettingsScreen = lazyScreen<object>(() => import("./settings/settings-screen").then((m) => m.SettingsScreen));
const UsersScreen = lazyScreen<object>(() => import("./users/users-screen").then((m) => m.UsersScreen));
const CampaignsScreen = lazyScreen<object>(() =>
  import("./campaigns/campaigns-screen").then((m) => m.loadCampaignsScreen()),
);
const UnitsScreen = lazyScreen<object>(() => import("./units/units-screen").then((m) => m.loadUnitsScreen()));
// The update offer brings the service-worker bridge (workbox-window) with it, off the first screen's path.
const UpdateBanner = lazyScreen<object>(() => import("./shell/update-banner").then((m) => m.UpdateBanner), {
  quiet: true,
});
const SignInScreen = lazyScreen<object>(() => import("./sign-in/sign-in-screen").then((m) => m.SignInScreen));
const HandoverScreen = lazyScreen<object>(() => import("./handover/handover-screen").then((m) => m.HandoverScreen));
const PresentScreen = lazyScreen<object>(() => import("./present/present-screen").then((m) => m.PresentScreen));
// Supervisor work: each screen is its own chunk, with its sentences (vi-supervision) loaded beside it.
const withSupervision = <T,>(load: Promise<T>) => Promise.all([load, loadSupervisionMessages()]).then(([m]) => m);
type ParamsProps = { params: URLSearchParams };
const DashboardScreen = lazyScreen<ParamsProps>(() =>
  withSupervision(import("./dashboard/dashboard-screen")).then((m) => m.DashboardScreen),
);
const AllocationsScreen = lazyScreen<ParamsProps>(() =>
  withSupervision(import("./allocations/allocations-screen")).then((m) => m.AllocationsScreen),
);
const PrintScreen = lazyScreen<ParamsProps>(() =>
  withSupervision(import("./print/print-screen")).then((m) => m.PrintScreen),
);
const ReportsScreen = lazyScreen<object>(() =>
  withSupervision(import("./reports/reports-screen")).then((m) => m.ReportsScreen),
);

/** The screen for the current route. */
/** Screens of tables and figures that use a laptop's width (the others stay a phone-width column). */
const WIDE = new Set(["dashboard", "print", "allocations", "reports"]);

function CurrentScreen() {
  const r = route.value;
  if (!profile.value || r.path === "login") return <SignInScreen />;
  switch (r.path) {
    case "":
      return <OverviewScreen />;
    case "entry":
      return <EntryScreen fromId={r.params.get("from") ?? undefined} />;
    case "ledger":
      return <LedgerScreen entryId={r.rest[0]} />;
    case "settings":
      return <SettingsScreen />;
    case "reports":
      return <ReportsScreen />;
    case "handover":
      return <HandoverScreen />;
    case "present":
      return <PresentScreen />;
    case "dashboard":
    case "allocations":
    case "print": {
      if (!supervises.value) {
        return (
          <p class="screen notice" role="alert">
            {t("dash.forbidden")}
          </p>
        );
      }
      const Screen = r.path === "dashboard" ? DashboardScreen : r.path === "print" ? PrintScreen : AllocationsScreen;
      return <Screen params={r.params} />;
    }
    case "users":
      return isAdmin.value ? (
        <UsersScreen />
      ) : (
        <p class="screen notice" role="alert">
          {t("users.forbidden")}
        </p>
      );
    case "campaigns":
      return isAdmin.value ? <CampaignsScreen /> : <p class="screen notice">{t("users.forbidden")}</p>;
    case "units":
      return isAdmin.value ? <UnitsScreen /> : <p class="screen notice">{t("users.forbidden")}</p>;
    default:
      return (
        <div class="screen">
          <ScreenHeading>{t("notFound.title")}</ScreenHeading>
          <a class="btn" href="#/">
            {t("nav.overview")}
          </a>
        </div>
      );
  }
}

/** The whole app. */
export function App() {
  const r = route.value;
  const signedIn = profile.value !== undefined;
  const key = `${r.path}/${r.rest.join("/")}`;

  // A new screen starts at the top (its heading takes the focus: see ScreenHeading).
  useEffect(() => window.scrollTo(0, 0), [key]);

  // Once the first screen is usable and the phone idle, fetch the screens an officer opens next.
  const idle = shellIdle.value;
  useEffect(() => {
    if (!signedIn || !idle) return;
    void EntryScreen.preload().catch(() => {});
    void LedgerScreen.preload().catch(() => {});
  }, [signedIn, idle]);

  // The presentation view fills the projector: no status bar, no navigation (it has its own exit).
  if (signedIn && r.path === "present") {
    return (
      <main id="main" class="main-present">
        <CurrentScreen />
      </main>
    );
  }
  return (
    <>
      <StatusBar />
      <SessionBanner />
      {shellIdle.value && <UpdateBanner />}
      <main id="main" class={signedIn ? (WIDE.has(r.path) ? "with-nav main-wide" : "with-nav") : undefined}>
        <CurrentScreen />
      </main>
      {signedIn && <BottomNav />}
    </>
  );
}
