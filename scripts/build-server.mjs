// Bundles the server for Node 20 (no TypeScript loader at run time): server/main.ts →
// dist-server/main.js and server/admin-cli.ts → dist-server/admin.js. better-sqlite3 stays
// external (a native addon); the shipped data files are bundled, so dist-server/ is self-contained.
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
  external: ["better-sqlite3"],
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
});
console.log(`built ${outdir}/main.js and ${outdir}/admin.js`);
