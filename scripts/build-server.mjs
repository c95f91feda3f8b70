// Bundles the server for Node 20 (no TypeScript loader at run time): server/main.ts →
// dist-server/main.js and server/admin-cli.ts → dist-server/admin.js. better-sqlite3 (a native
// addon) and pg (CommonJS that requires Node built-ins dynamically, which an ESM bundle cannot
// do) stay external and load from node_modules; the shipped data files are bundled.
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = `${root}dist-server`;

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: "server/main.ts", admin: "server/admin-cli.ts" },
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["better-sqlite3", "pg"],
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
});
console.log(`built ${outdir}/main.js and ${outdir}/admin.js`);
