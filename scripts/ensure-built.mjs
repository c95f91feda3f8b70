// Builds what is missing or older than its sources, so `npm start`, `npm run admin` and the
// benchmarks never run stale code: the app (dist/, `npm run build:app`) and the server
// (dist-server/, `npm run build:server`). `--force` rebuilds both. A failed build is reported
// with its name and fails this script; nothing stale or missing is ever started.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const force = process.argv.includes("--force");

/** Newest modification time (ms) of the files under the given paths (0 when none exist). */
function newest(paths) {
  let max = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== "node_modules") visit(join(p, name));
    } else if (s.mtimeMs > max) max = s.mtimeMs;
  };
  for (const p of paths) visit(join(root, p));
  return max;
}

/** Oldest modification time of the outputs, or -1 when one is missing. */
function oldest(paths) {
  let min = Number.POSITIVE_INFINITY;
  for (const p of paths) {
    const full = join(root, p);
    if (!existsSync(full)) return -1;
    min = Math.min(min, statSync(full).mtimeMs);
  }
  return min;
}

const targets = [
  {
    name: "app",
    script: "build:app",
    outputs: ["dist/index.html"],
    sources: ["src", "sw", "public", "data", "index.html", "vite.config.ts", "package.json", "tsconfig.app.json"],
  },
  {
    name: "server",
    script: "build:server",
    outputs: ["dist-server/main.js", "dist-server/admin.js"],
    sources: ["server", "src/domain", "src/report", "data", "package.json", "scripts/build-server.mjs"],
  },
];

let failed = false;
for (const t of targets) {
  const built = oldest(t.outputs);
  const stale = force || built < 0 || newest(t.sources) > built;
  if (!stale) continue;
  console.log(`ensure-built: building the ${t.name} (npm run ${t.script})`);
  // `build:app` sets NODE_ENV=production itself, so a call from a test runner (NODE_ENV=test)
  // still builds the app that registers its service worker.
  const r = spawnSync("npm", ["run", t.script], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`ensure-built: the ${t.name} build FAILED (npm run ${t.script} exited ${r.status ?? r.signal})`);
    failed = true;
  }
}
if (failed) process.exit(1);
