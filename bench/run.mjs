// `npm run bench` (after scripts/ensure-built.mjs): builds the bench page (the app's src/db and
// src/sync in a plain page, bench/page/) to .tmp/bench-page, bundles the bench (TypeScript) with
// esbuild to .tmp/bench/, then runs it: it prints the table and writes bench/results.json.
// Options: --only <suite,...> (first-screen, cold-start, browser, server, wire, load; ingest: the
// server suite's budget row alone; push: the browser suite's push and handover rows alone), --runs N;
// --quick: the byte budgets only, failing (exit 1) when one is exceeded (`npm test` runs it).
import { mkdirSync, rmSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { build as viteBuild } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));
process.env.SO_THI_DUA_ROOT = root;
process.chdir(root);
// Temporary data folders and Chromium's own profiles go under .tmp/ and are removed at the end.
const scratch = `${root}.tmp/bench-tmp-${process.pid}`;
mkdirSync(scratch, { recursive: true });
process.env.TMPDIR = scratch;

// `--quick` measures bytes of the built app only: no bench page.
if (!process.argv.includes("--quick")) {
  await viteBuild({ configFile: `${root}bench/page/vite.config.ts`, logLevel: "warn" });
}
await build({
  absWorkingDir: root,
  entryPoints: { main: "bench/main.ts" },
  outdir: `${root}.tmp/bench`,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Native or self-locating packages stay outside the bundle.
  external: ["better-sqlite3", "playwright-core", "esbuild", "pg"],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
});
const { runBench } = await import(pathToFileURL(`${root}.tmp/bench/main.mjs`).href);
try {
  process.exitCode = await runBench(process.argv.slice(2));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
