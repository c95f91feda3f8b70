/**
 * The one bridge between the page and the service worker: registration, the update offer, and
 * the Background Sync relay. Production builds only: the dev server has no service worker.
 */
import { signal } from "@preact/signals";
import { Workbox } from "workbox-window";
import { ON_DEMAND_CACHE, SW_SYNC_REQUEST } from "../../sw/messages";

/** True when a new version has installed and waits to be accepted. */
export const updateWaiting = signal(false);
/** True once a service worker controls this page (the app will open with no network). */
export const offlineReady = signal(false);

let wb: Workbox | undefined;

/** Register the service worker; `onSyncRequest` runs when Background Sync wakes it. */
export function registerServiceWorker(onSyncRequest: () => void): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  wb = new Workbox("/sw.js");
  wb.addEventListener("waiting", () => {
    updateWaiting.value = true;
  });
  wb.addEventListener("controlling", () => {
    offlineReady.value = true;
  });
  wb.addEventListener("message", (e) => {
    if ((e.data as { type?: string })?.type === SW_SYNC_REQUEST) onSyncRequest();
  });
  offlineReady.value = navigator.serviceWorker.controller !== null;
  void wb.register().then((reg) => {
    if (reg?.active) offlineReady.value = true;
  });
}

/**
 * Accept the waiting version: activate it and reload once it controls the page. The caller must
 * first make sure nothing is unsaved or unsynced (the update is offered, never forced).
 */
export function acceptUpdate(): void {
  if (!wb) return;
  wb.addEventListener("controlling", () => window.location.reload());
  wb.messageSkipWaiting();
}

/**
 * Whether the libraries left out of the offline install (the .xlsx writer, cached on first use
 * by the service worker) are on this phone, so an .xlsx export works without a network.
 */
export async function onDemandReady(): Promise<boolean> {
  try {
    if (!("caches" in self) || !(await caches.has(ON_DEMAND_CACHE))) return false;
    return (await (await caches.open(ON_DEMAND_CACHE)).keys()).length > 0;
  } catch {
    return false;
  }
}
