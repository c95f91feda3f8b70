// `npm run chaos` (after scripts/ensure-built.mjs): bundles the chaos harness (TypeScript, the
// app's own src/db and src/sync inside) with esbuild into .tmp/chaos/, since Node 20 runs no
// TypeScript, then runs it with the command-line arguments. Exit code: 0 pass, 1 loss or double
// count, 2 the run itself broke.
import { mkdirSync, rmSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../..", import.meta.url));
const outdir = `${root}.tmp/chaos`;
process.env.SO_THI_DUA_ROOT = root;
// The server's data folder goes under .tmp/ (removed at the end unless --keep).
const scratch = `${root}.tmp/chaos-tmp-${process.pid}`;
mkdirSync(scratch, { recursive: true });
process.env.TMPDIR = scratch;

await build({
  absWorkingDir: root,
  entryPoints: { main: "bench/chaos/main.ts", device: "bench/chaos/device.ts" },
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["better-sqlite3"],
  // Bundled CommonJS dependencies call require(); give the ES module one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
});
const { runChaos } = await import(pathToFileURL(`${outdir}/main.mjs`).href);
const argv = process.argv.slice(2);
process.exitCode = await runChaos(argv);
if (!argv.includes("--keep")) rmSync(scratch, { recursive: true, force: true });
