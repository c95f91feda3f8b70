/**
 * Serving the built PWA from `dist/`. Hashed files under /assets never change: cached for a
 * year, immutable. Everything else (index.html, sw.js, the manifest, icons) is `no-cache`, so a
 * new service worker and a new shell are seen on the next visit. A navigation to any path that
 * is not a file and not /api gets index.html (the app routes on the client).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import type { AppEnv } from "../app-env";

const IMMUTABLE = "public, max-age=31536000, immutable";

/** Register the static file handlers on an app (after the API routes, which answer /api/* first). */
export function mountStatic(app: Hono<AppEnv>, dir: string): void {
  app.use("*", async (c, next) => {
    await next();
    if (c.res.ok) c.res.headers.set("Cache-Control", c.req.path.startsWith("/assets/") ? IMMUTABLE : "no-cache");
  });
  app.use("*", serveStatic({ root: dir }));
  const index = join(dir, "index.html");
  const serveIndex = serveStatic({ path: index });
  app.get("*", async (c, next) => {
    const navigation =
      c.req.header("sec-fetch-mode") === "navigate" || (c.req.header("accept") ?? "").includes("text/html");
    if (!navigation || c.req.path.startsWith("/assets/") || !existsSync(index)) return next();
    return serveIndex(c, next);
  });
}
