/**
 * The bench page: the app's own src/db and src/sync modules in a plain page (no UI, no service
 * worker), built to .tmp/bench-page and served by the real server (DIST_DIR), so the page's
 * `/api/v1` calls are same-origin like the app's.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: here,
  base: "/",
  logLevel: "warn",
  build: {
    outDir: fileURLToPath(new URL("../../.tmp/bench-page", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    minify: process.env.BENCH_PAGE_MINIFY !== "0",
  },
});
