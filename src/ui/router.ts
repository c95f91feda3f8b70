/** A hash router: `#/ledger/abc?x=1` → {path: "ledger", rest: ["abc"], params}. Works offline, no server routes. */
import { signal } from "@preact/signals";

/** The parsed location hash. */
export type Route = { path: string; rest: string[]; params: URLSearchParams };

/** Parse a location hash into a route. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, "");
  const [pathPart = "", query = ""] = raw.split("?", 2);
  const [path = "", ...rest] = pathPart.split("/").filter(Boolean).map(decodeURIComponent);
  return { path, rest, params: new URLSearchParams(query) };
}

/** The current route. */
export const route = signal<Route>(parseHash(typeof location === "undefined" ? "" : location.hash));

/** Follow the browser's hash changes (call once at start). */
export function watchRoute(): void {
  window.addEventListener("hashchange", () => {
    route.value = parseHash(location.hash);
  });
  // The hash may have changed while start-up was reading settings, before this listener existed.
  route.value = parseHash(location.hash);
}

/** Go to a route, e.g. navigate("#/ledger"). */
export function navigate(hash: string): void {
  if (location.hash === hash) route.value = parseHash(hash);
  else location.hash = hash;
}
