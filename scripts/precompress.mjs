// Writes `FILE.br` (brotli, quality 11) and `FILE.gz` (gzip -9) beside every compressible file
// of the built app (dist/ by default, or the folder given), once, at build time: the server then
// sends the smallest bytes without compressing anything per request (server/http/static.ts). A
// variant that would not be smaller than the file itself is not written (PNG icons, tiny files).
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import zlib from "node:zlib";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|webmanifest|svg|txt|xml|map)$/;

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = process.argv[2] ?? join(root, "dist");

/** Every file under `d` (paths), old variants excluded. */
async function files(d) {
  const out = [];
  for (const e of await readdir(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else if (/\.(?:br|gz)$/.test(e.name)) await rm(p);
    else out.push(p);
  }
  return out;
}

let raw = 0;
let br = 0;
let gz = 0;
for (const file of (await files(dir)).filter((f) => COMPRESSIBLE.test(f))) {
  const bytes = await readFile(file);
  const [b, g] = await Promise.all([
    brotli(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      },
    }),
    gzip(bytes, { level: 9 }),
  ]);
  raw += bytes.length;
  if (b.length < bytes.length) await writeFile(`${file}.br`, b);
  if (g.length < bytes.length) await writeFile(`${file}.gz`, g);
  br += Math.min(b.length, bytes.length);
  gz += Math.min(g.length, bytes.length);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`precompress: ${dir}: ${kb(raw)} → brotli ${kb(br)}, gzip ${kb(gz)}`);
