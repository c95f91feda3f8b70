import { describe, expect, it } from "vitest";
import { assetsUnrevisioned, shellCacheName, staticRoutes } from "../../sw/static-routes";

describe("the service worker's static routes", () => {
  it("route /assets to the precache only when every file there is kept under its plain URL", () => {
    const plain = [
      { url: "index.html", revision: "abc" },
      { url: "assets/index-CNZo0YpF.js", revision: null },
      { url: "/assets/start-DnLLW7Lr.js", revision: null },
    ];
    expect(assetsUnrevisioned(plain)).toBe(true);
    // One file kept under a revisioned URL: a cache route would miss it, and offline its fallback fails.
    expect(assetsUnrevisioned([...plain, { url: "assets/fonts.css", revision: "def" }])).toBe(false);

    const all = staticRoutes("shell-abc", "precache", true);
    expect(all.map((r) => [r.condition.urlPattern.pathname, r.source])).toEqual([
      ["/", { cacheName: "shell-abc" }],
      ["/assets/on-demand-*", "fetch-event"],
      ["/assets/*", { cacheName: "precache" }],
    ]);
    expect(staticRoutes("shell-abc", "precache", false).map((r) => r.condition.urlPattern.pathname)).toEqual(["/"]);
  });

  it("keep each version's shell in a cache named by its index.html's revision", () => {
    expect(shellCacheName([{ url: "index.html", revision: "abc" }])).toBe("shell-abc");
    expect(shellCacheName([{ url: "/index.html", revision: "def" }])).not.toBe("shell-abc");
  });

  it("send only a plain navigation to / to the shell (a query string goes to the worker)", () => {
    const [shell] = staticRoutes("shell-abc", "precache", true);
    expect(shell?.condition).toEqual({
      urlPattern: { pathname: "/", search: "" },
      requestMethod: "GET",
      requestMode: "navigate",
    });
  });
});
