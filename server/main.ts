/**
 * The server entry (`npm start` runs its bundle, dist-server/main.js): PORT (default 8080), HOST
 * (bind address, default 0.0.0.0; 127.0.0.1 behind a reverse proxy on the same machine), DATA_DIR
 * (default ./var, created 0700), DATABASE_URL (postgres://…: keep the data in PostgreSQL instead
 * of the SQLite file in DATA_DIR; several processes may share it), ADMIN_PASSWORD (first start
 * only), TRUST_PROXY=1 behind a reverse proxy that sets X-Forwarded-For and -Proto (only with
 * HOST=127.0.0.1, or anyone reaching the port could claim any address), DIST_DIR (default: dist/
 * beside dist-server/). Connection limits and timeouts: http/listen.ts.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createApp } from "./app";
import { ensureAdmin, openDataDir } from "./bootstrap";
import { productionScrypt } from "./config";
import { defaultListenLimits, listen } from "./http/listen";
import { jsonLogger } from "./log";

async function main(): Promise<void> {
  const log = jsonLogger;
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST || "0.0.0.0";
  const trustProxy = process.env.TRUST_PROXY === "1";
  const dataDir = process.env.DATA_DIR ?? "./var";
  const distDir = process.env.DIST_DIR ?? fileURLToPath(new URL("../dist", import.meta.url));
  const store = await openDataDir(dataDir, log, process.env.DATABASE_URL);
  await ensureAdmin(store, productionScrypt, log, process.env.ADMIN_PASSWORD);
  const staticDir = existsSync(distDir) ? distDir : undefined;
  if (!staticDir) log({ msg: "no built app found; serving the API only", level: "warn", distDir });
  if (trustProxy && host !== "127.0.0.1" && host !== "::1" && host !== "localhost") {
    log({ msg: "TRUST_PROXY=1 while listening beyond loopback: set HOST=127.0.0.1", level: "warn", host });
  }
  const app = createApp({ store, config: { log, trustProxy, ...(staticDir ? { staticDir } : {}) } });
  const { server, port: listening } = await listen(app, {
    ...defaultListenLimits,
    port,
    host,
    // Behind a proxy every connection comes from it: the proxy caps per address.
    maxConnectionsPerAddress: trustProxy ? 0 : defaultListenLimits.maxConnectionsPerAddress,
    log,
  });
  // "port" right after "msg": tools wait for this line and read the port from it.
  log({ msg: "listening", port: listening, host, dataDir, staticDir: staticDir ?? null });
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
