/**
 * Start-up: read the kept profile and language, draw the app, then wire the database, storage
 * persistence, the service worker and sync. Nothing here waits on the network: the app must
 * open with none. This entry loads no database: a first visit draws the sign-in screen from the
 * shell and the sign-in chunk alone (DESIGN §5: ≤ 70 KB on the wire); once someone is signed in,
 * the ledger's live state (ui/ledger-start.ts) and the first screen's chunk load at once. The
 * sync engine and the service-worker bridge load after the first screen is drawn.
 */
import { effect } from "@preact/signals";
import { render } from "preact";
import { clientIdOf, getSetting } from "./db/settings";
import { isDemo } from "./demo/flag";
import { applyLang } from "./i18n";
import { online, profileFromServer } from "./sync/status";
import { App, routeFor } from "./ui/app";
import { parseHash, route, watchRoute } from "./ui/router";
import { firstScreenReady, shellIdle } from "./ui/state/local";
import { demoMode, profile } from "./ui/state/session";
import { loadScheduler, syncNowLater } from "./ui/sync-later";
import "./ui/styles.css";

async function start(): Promise<void> {
  // Demo mode runs on its own database and settings, switched before anything reads data.
  const demo = isDemo();
  demoMode.value = demo;
  if (demo) {
    const m = await import("./demo/demo-mode");
    m.useDemoStores();
    const { db } = await import("./db/database");
    await m.fillDemo(db()).catch((err: unknown) => console.error("could not fill the demo", err));
  }
  // Signed in at the last visit (a hint kept in localStorage, read synchronously): fetch the first
  // screen's chunk now, while the profile is read from IndexedDB; a wrong hint costs one fetch.
  const hinted = signedInHint();
  if (hinted) startSignedIn();
  // The kept profile (what sync/session's currentProfile() reads), read directly so the session
  // module and the sync engine behind it stay off the first screen's path.
  const [saved, lang] = await Promise.all([getSetting("profile"), getSetting("lang")]).catch((err: unknown) => {
    console.error("could not read settings", err);
    return [undefined, undefined] as const;
  });
  profile.value = saved;
  // Someone is signed in: fetch the first screen's chunk now, beside the language and the render.
  if (saved && !hinted) startSignedIn();
  if (lang === "en") await applyLang("en").catch(() => {});

  watchRoute();
  // The status bar's connectivity hint, before (and beside) the sync engine's own listeners.
  window.addEventListener("online", () => {
    online.value = true;
  });
  window.addEventListener("offline", () => {
    online.value = false;
  });
  const root = document.getElementById("app");
  if (!root) return;
  // Signed in and opening on the overview: the app is drawn off the page and put in once the
  // overview's totals are drawn (at most a second later), so a cheap phone lays out the finished
  // page once, not the shell with a loading line first and the page again; the start-up line of
  // index.html stays until then. Any other start puts it in at once.
  const stage = document.createElement("div");
  render(<App />, stage);
  const putIn = () => {
    if (stage.parentNode !== root) root.replaceChildren(stage);
  };
  if (profile.value && route.value.path === "") firstScreenOrTimeout(putIn, 1000);
  else putIn();

  // The ledger runs from the first signed-in moment on (a sign-in on this screen, too).
  effect(() => {
    keepSignedInHint(profile.value !== undefined);
    if (profile.value) startLedger();
  });
  // The overview is usable once its totals are drawn; the sign-in screen once its chunk is in (the
  // service worker's install must not compete with it on a slow link); other screens at once.
  if (!profile.value) {
    void routeFor(parseHash("#/login"))
      ?.screen.preload()
      .finally(() => {
        firstScreenReady.value = true;
      });
  } else if (route.value.path !== "") firstScreenReady.value = true;
  // The service worker and the sync engine wait until the first screen is drawn and the phone is
  // idle: their code is not on the path to a usable overview (a save still syncs at once).
  afterFirstScreen(() => {
    shellIdle.value = true;
    void import("./pwa/sw-bridge").then((m) => m.registerServiceWorker(syncNowLater));
    let syncing = false;
    effect(() => {
      // Nobody signed in: nothing to sync, and the sync engine (with the database) stays unloaded.
      if (!profile.value || syncing) return;
      syncing = true;
      void loadScheduler().then((m) =>
        m.startSync(async () => {
          const p = profile.value;
          if (!p || demo) return undefined; // demo data never leaves the phone
          return { userId: p.id, clientId: await clientIdOf(p.id) };
        }),
      );
    });
    // A user moved to another district sees the new units after a sync, without signing out.
    profileFromServer.subscribe((p) => {
      if (p && p.id === profile.value?.id) profile.value = p;
    });
  });
}

let ledgerStarted = false;

/** Start the ledger's live state (database, campaign, pending counts: ui/ledger-start.ts), once. */
function startLedger(): void {
  if (ledgerStarted) return;
  ledgerStarted = true;
  void import("./ui/ledger-start").then((m) => m.startLedger());
}

/** Someone is (or was, by the hint) signed in: the first screen's chunk and the ledger, both at once. */
function startSignedIn(): void {
  void routeFor(route.value)
    ?.screen.preload()
    .catch(() => {});
  startLedger();
}

const SIGNED_IN_HINT = "so-thi-dua-signed-in";

/** Whether someone was signed in at the last visit (a hint only: the profile in IndexedDB decides). */
function signedInHint(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_HINT) === "1";
  } catch {
    return false;
  }
}

/** Keep the hint for the next start. */
function keepSignedInHint(on: boolean): void {
  try {
    if (on) localStorage.setItem(SIGNED_IN_HINT, "1");
    else localStorage.removeItem(SIGNED_IN_HINT);
  } catch {
    // Private mode or storage refused: the next start reads the profile first, as without a hint.
  }
}

/** Run `task` once the first screen is usable (or 5 s have passed) and the browser is idle. */
function afterFirstScreen(task: () => void): void {
  firstScreenOrTimeout(() => whenIdle(task), 5000);
}

/** Run `task` once, when the first screen is usable or after `ms`, whichever comes first. */
function firstScreenOrTimeout(task: () => void, ms: number): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    stop(); // whichever came first, the other is not waited for any more
    clearTimeout(timer);
    task();
  };
  const stop = effect(() => {
    if (firstScreenReady.value) queueMicrotask(once);
  });
  const timer = setTimeout(once, ms);
}

/** Run `task` once the browser is idle after the next paint (at most ~2 s later). */
function whenIdle(task: () => void): void {
  const w = window as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number };
  requestAnimationFrame(() => {
    if (w.requestIdleCallback) w.requestIdleCallback(task, { timeout: 2000 });
    else setTimeout(task, 300);
  });
}

void start();
