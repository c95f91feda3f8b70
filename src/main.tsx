/**
 * Start-up: read the kept profile and language, draw the app, then wire the database, storage
 * persistence, the service worker and sync. Nothing here waits on the network: the app must
 * open with none. The sync engine and the service-worker bridge load right after the first
 * screen is drawn (dynamic imports), keeping the JavaScript on the first screen's path small.
 */
import { effect } from "@preact/signals";
import { render } from "preact";
import { db, onVersionChange } from "./db/database";
import { ensureSeeded } from "./db/reference";
import { deviceId, getSetting } from "./db/settings";
import { requestPersistence } from "./db/storage";
import { isDemo } from "./demo/flag";
import { applyLang } from "./i18n";
import { App } from "./ui/app";
import { route, watchRoute } from "./ui/router";
import { firstScreenReady, persisted, shellIdle, watchPending } from "./ui/state/local";
import { watchReference } from "./ui/state/reference";
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
    await m.fillDemo(db()).catch((err: unknown) => console.error("could not fill the demo", err));
  }
  // Another tab upgraded the database: reload to run the new code (the entries are on disk).
  onVersionChange(() => location.reload());
  // The kept profile (what sync/session's currentProfile() reads), read directly so the session
  // module and the sync engine behind it stay off the first screen's path.
  const [saved, lang] = await Promise.all([getSetting("profile"), getSetting("lang")]).catch((err: unknown) => {
    console.error("could not read settings", err);
    return [undefined, undefined] as const;
  });
  profile.value = saved;
  if (lang === "en") await applyLang("en").catch(() => {});

  watchRoute();
  const root = document.getElementById("app");
  if (!root) return;
  root.textContent = "";
  render(<App />, root);

  watchReference();
  watchPending();
  ensureSeeded().catch((err: unknown) => console.error("could not load the campaign data", err));
  void requestPersistence().then((granted) => {
    persisted.value = granted;
  });
  // The service worker and the sync engine wait until the first screen is drawn and the phone is
  // idle: their code is not on the path to a usable overview (a save still syncs at once).
  // The overview is usable once its totals are drawn; any other first screen needs no wait.
  if (!profile.value || route.value.path !== "") firstScreenReady.value = true;
  afterFirstScreen(() => {
    shellIdle.value = true;
    void import("./pwa/sw-bridge").then((m) => m.registerServiceWorker(syncNowLater));
    void loadScheduler().then((m) =>
      m.startSync(async () => {
        const p = profile.value;
        // Demo data never leaves the phone.
        return p && !demo ? { userId: p.id, clientId: await deviceId() } : undefined;
      }),
    );
    // A user moved to another district sees the new units after a sync, without signing out.
    void import("./sync/status").then(({ profileFromServer }) =>
      profileFromServer.subscribe((p) => {
        if (p && p.id === profile.value?.id) profile.value = p;
      }),
    );
  });
}

/** Run `task` once the first screen is usable (or 5 s have passed) and the browser is idle. */
function afterFirstScreen(task: () => void): void {
  let started = false;
  const go = () => {
    if (started) return;
    started = true;
    whenIdle(task);
  };
  const stop = effect(() => {
    if (firstScreenReady.value)
      queueMicrotask(() => {
        stop();
        go();
      });
  });
  setTimeout(go, 5000);
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
