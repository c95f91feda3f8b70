/**
 * The server entry (`npm start` runs its bundle, dist-server/main.js): PORT (default 8080),
 * DATA_DIR (default ./var), DATABASE_URL (postgres://…: keep the data in PostgreSQL instead of
 * the SQLite file in DATA_DIR; several processes may share it), ADMIN_PASSWORD (first start only),
 * TRUST_PROXY=1 behind a reverse proxy that sets X-Forwarded-For, DIST_DIR (default: dist/ beside
 * dist-server/).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { ensureAdmin, openDataDir } from "./bootstrap";
import { productionScrypt } from "./config";
import { jsonLogger } from "./log";

async function main(): Promise<void> {
  const log = jsonLogger;
  const port = Number(process.env.PORT ?? 8080);
  const dataDir = process.env.DATA_DIR ?? "./var";
  const distDir = process.env.DIST_DIR ?? fileURLToPath(new URL("../dist", import.meta.url));
  const store = await openDataDir(dataDir, log, process.env.DATABASE_URL);
  await ensureAdmin(store, productionScrypt, log, process.env.ADMIN_PASSWORD);
  const staticDir = existsSync(distDir) ? distDir : undefined;
  if (!staticDir) log({ msg: "no built app found; serving the API only", level: "warn", distDir });
  const app = createApp({
    store,
    config: { log, trustProxy: process.env.TRUST_PROXY === "1", ...(staticDir ? { staticDir } : {}) },
  });
  const server = serve({ fetch: app.fetch, port }, (info) => {
    log({ msg: "listening", port: info.port, dataDir, staticDir: staticDir ?? null });
  });
  const stop = (signal: string) => {
    log({ msg: "stopping", signal });
    server.close(() => {
      void store.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  jsonLogger({ msg: "start-up failed", level: "error", error: String(err) });
  process.exit(1);
});
