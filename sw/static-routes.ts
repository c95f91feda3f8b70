/**
 * Static routes (`InstallEvent.addRoutes`, Chromium 123 on): requests the browser answers from
 * Cache Storage by itself, without starting the worker or running its fetch handler. A cold
 * start from the home screen (the manifest's start_url, "/") then gets the shell and its hashed
 * files while the worker is still asleep: on a phone, starting the worker is on the path of
 * every first request of a visit. Browsers without the API ignore this and the fetch handler
 * answers as before; so does it for every request no route names.
 *
 * - "/" (a navigation, no query): the shell, from a cache of this version's index.html alone,
 *   named by its revision. The precache keeps it under a versioned URL that "/" never matches,
 *   hence the copy. Each version routes to its own copy, so a waiting update cannot hand its
 *   shell to pages of the version still active; activation deletes the other versions' copies.
 * - "/assets/on-demand-*": the fetch handler (kept on first use, sw.ts).
 * - "/assets/*": the precache (hashed names, immutable), when every such file is kept there under
 *   its plain URL (`assetsUnrevisioned`).
 *
 * A route whose cache lacks the file falls back to the network. The routes are added only once
 * the shell is copied, so "/" offline never meets an empty cache.
 */

/** What `addRoutes` takes (the subset used here). */
type RouterRule = {
  condition: { urlPattern: { pathname: string; search?: string }; requestMethod?: string; requestMode?: string };
  source: "fetch-event" | { cacheName: string };
};

/** An install event, with `addRoutes` where the browser has it. */
export type RoutableInstallEvent = { addRoutes?: (rules: RouterRule[]) => Promise<void> };

const SHELL_PREFIX = "shell-";

/** A precache manifest entry (hashed files carry no revision: their name is their version). */
type Entry = { url: string; revision: string | null };

/** An entry's path without its leading slash. */
const pathOf = (e: Entry) => e.url.replace(/^\//, "");

/** The cache holding the shell of the version this manifest describes (named by index.html's revision). */
export function shellCacheName(manifest: readonly Entry[]): string {
  return `${SHELL_PREFIX}${manifest.find((e) => pathOf(e) === "index.html")?.revision ?? "unversioned"}`;
}

/**
 * The rules for a version whose shell is in `shellCache` and hashed files in `precacheName`
 * (`assets`: whether every precached file under /assets is kept under its plain URL; one kept
 * under a revisioned URL would never match, and offline its fallback, the network, fails).
 */
export function staticRoutes(shellCache: string, precacheName: string, assets: boolean): RouterRule[] {
  const shell: RouterRule = {
    condition: { urlPattern: { pathname: "/", search: "" }, requestMethod: "GET", requestMode: "navigate" },
    source: { cacheName: shellCache },
  };
  if (!assets) return [shell];
  return [
    shell,
    { condition: { urlPattern: { pathname: "/assets/on-demand-*" } }, source: "fetch-event" },
    { condition: { urlPattern: { pathname: "/assets/*" }, requestMethod: "GET" }, source: { cacheName: precacheName } },
  ];
}

/** Whether every /assets entry of a precache manifest has no revision (is kept under its plain URL). */
export function assetsUnrevisioned(manifest: readonly Entry[]): boolean {
  return manifest.every((e) => !pathOf(e).startsWith("assets/") || e.revision === null);
}

/**
 * During install, after the precache (`precacheName`, filled from `manifest`) is: copy the shell
 * (`shell`, the precached index.html) to its own cache under "/", then add the routes. Nothing
 * happens without the API.
 */
export async function routeStatically(
  event: RoutableInstallEvent,
  manifest: readonly Entry[],
  precacheName: string,
  shell: Response | undefined,
): Promise<void> {
  if (!event.addRoutes || !shell) return;
  const shellCache = shellCacheName(manifest);
  try {
    await (await caches.open(shellCache)).put(new URL("/", self.location.href).href, shell);
    await event.addRoutes(staticRoutes(shellCache, precacheName, assetsUnrevisioned(manifest)));
  } catch {
    // A browser that refuses these rules (or the copy) still has the fetch handler: the install
    // must not fail for an optimisation.
  }
}

/** On activation: drop the shell copies of other versions. */
export async function dropOtherShells(shellCache: string): Promise<void> {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(SHELL_PREFIX) && n !== shellCache).map((n) => caches.delete(n)));
}
