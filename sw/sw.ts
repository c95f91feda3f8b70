/**
 * The service worker: wiring only. Precache the app shell and the campaign data, clean old
 * caches, answer navigations with the cached shell (never API paths), and wait to be told to
 * activate: the page offers the update and sends SKIP_WAITING only when nothing is unsaved.
 */
/// <reference lib="webworker" />
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { CacheFirst } from "workbox-strategies";
import { isSwMessage, ON_DEMAND_CACHE, SW_SYNC_REQUEST } from "./messages";
import { dropOtherShells, type RoutableInstallEvent, routeStatically, shellCacheName } from "./static-routes";
import { type ManifestEntry, warmHttpCache } from "./warm-cache";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: ManifestEntry[] };

// precacheAndRoute, with the HTTP cache warmed a few files at a time before Workbox's
// one-at-a-time install (warm-cache.ts: on 2G that is 30 s against ~10).
const manifest = self.__WB_MANIFEST as ManifestEntry[];
const precache = new PrecacheController();
precache.addToCacheList(manifest);
self.addEventListener("install", (event) => {
  event.waitUntil(
    warmHttpCache(manifest)
      .then(() => precache.install(event))
      .then(() => precache.matchPrecache("/index.html"))
      // `addRoutes` is not in TypeScript's lib yet.
      .then((shell) => routeStatically(event as RoutableInstallEvent, manifest, precache.strategy.cacheName, shell)),
  );
});
self.addEventListener("activate", (event) => {
  // A new version starts the on-demand cache afresh: what the page reads as "ready offline"
  // (src/pwa/sw-bridge.ts) is then this version's files, never an old one's. Other versions'
  // copies of the shell (static-routes.ts) go too.
  event.waitUntil(
    Promise.all([precache.activate(event), caches.delete(ON_DEMAND_CACHE), dropOtherShells(shellCacheName(manifest))]),
  );
});
registerRoute(new PrecacheRoute(precache));
cleanupOutdatedCaches();
// Take control of open pages once active, so the first visit is already offline-ready. A new
// version only becomes active when the page asked for it (or no page was open), so claiming
// never swaps the code under a page with unsaved work.
clientsClaim();
// The API and the health check are the server's answers, never the app shell.
registerRoute(
  new NavigationRoute(precache.createHandlerBoundToURL("/index.html"), { denylist: [/^\/api\//, /^\/healthz$/] }),
);
// Libraries only supervisors' exports use are left out of the precache to keep the install small
// (vite.config.ts): kept the first time they load, so the export works offline from then on.
// Their names carry a content hash, so a cached copy is never stale.
registerRoute(
  ({ url }) => url.pathname.startsWith("/assets/on-demand-"),
  new CacheFirst({ cacheName: ON_DEMAND_CACHE }),
);

self.addEventListener("message", (event) => {
  if (isSwMessage(event.data) && event.data.type === "SKIP_WAITING") void self.skipWaiting();
});

// Background Sync wakes the worker when a connection returns; the outbox lives in the page, so
// ask the open pages to sync (an extra trigger: the page also syncs on `online` by itself).
self.addEventListener("sync", (event: Event) => {
  const e = event as ExtendableEvent & { tag?: string };
  if (e.tag !== "outbox") return;
  e.waitUntil(
    self.clients.matchAll({ type: "window" }).then((clients) => {
      for (const c of clients) c.postMessage({ type: SW_SYNC_REQUEST });
    }),
  );
});
