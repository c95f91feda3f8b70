// `node bench/load.mjs [--devices 24,96] [--pushes N] [--store sqlite|postgres|both]` (after
// scripts/ensure-built.mjs): report day against the built server (bench/suites/load.ts), alone.
// Without --devices it runs the three rows (24 × 40, 96 × 10, 96 × 20 pushes of 50);
// PostgreSQL too when BENCH_DATABASE_URL is set. Exit code 1 when an entry was not counted once.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
process.env.SO_THI_DUA_ROOT = root;
process.chdir(root);
const built = spawnSync(process.execPath, ["scripts/ensure-built.mjs"], { stdio: "inherit" });
if (built.status !== 0) process.exit(1);
const scratch = `${root}.tmp/bench-load-${process.pid}`;
mkdirSync(scratch, { recursive: true });
process.env.TMPDIR = scratch;

await build({
  absWorkingDir: root,
  entryPoints: { load: "bench/suites/load.ts" },
  outdir: `${root}.tmp/bench-load`,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["better-sqlite3", "playwright-core", "esbuild", "pg"],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
});
const { runLoad } = await import(pathToFileURL(`${root}.tmp/bench-load/load.mjs`).href);
try {
  process.exitCode = await runLoad(process.argv.slice(2));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
