/**
 * First-screen weight: the JavaScript and CSS the browser fetches before the overview is usable,
 * gzipped (-9) and brotli (q11). The set is read from dist/index.html (the entry script, its
 * modulepreload links, its stylesheets), the chunks start-up fetches at once for a signed-in
 * user (the overview's screen and the ledger's start: FIRST_SCREEN_CHUNKS), and what those
 * scripts import statically; and, when
 * the cold-start run observed it, the set Chromium actually requested before the overview was
 * usable. The floor is the libraries alone (preact + dexie + zod/mini + workbox-window, as in
 * DESIGN §5), bundled and minified in the same run.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { ROOT } from "../lib/server-process";
import { type Figure, summarize } from "../lib/stats";

const KB = 1024;

/** Raw, gzip and brotli sizes of some bytes. */
function sizes(buf: Buffer): { raw: number; gzip: number; brotli: number } {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

/**
 * Chunks a signed-in start fetches at once, beside index.html's (src/main.tsx: the first route's
 * screen and ui/ledger-start.ts, bundled together as the `start` chunk by scripts/start-chunk.ts,
 * or apart in an older build): without them the static set would be the sign-in shell alone.
 */
const FIRST_SCREEN_CHUNKS = /^(?:start|overview-screen|ledger-start)-[\w-]{8}\.js$/;

/** The files a signed-in start fetches at once (index.html's and FIRST_SCREEN_CHUNKS), with the static imports of its scripts. */
export function staticFirstScreen(dist = join(ROOT, "dist")): string[] {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const urls = new Set<string>();
  for (const name of readdirSync(join(dist, "assets"))) if (FIRST_SCREEN_CHUNKS.test(name)) urls.add(`/assets/${name}`);
  for (const m of html.matchAll(/<script[^>]+type="module"[^>]*src="([^"]+)"/g)) urls.add(m[1] as string);
  for (const m of html.matchAll(/<link[^>]+rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g))
    urls.add(m[1] as string);
  const stack = [...urls].filter((u) => u.endsWith(".js"));
  while (stack.length > 0) {
    const url = stack.pop() as string;
    const src = readFileSync(join(dist, url), "utf8");
    // Static imports only (`import ... from "./x.js"` or `import "./x.js"`); import() is lazy.
    for (const m of src.matchAll(
      /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["']\.\/([^"']+\.js)["']/g,
    )) {
      const dep = `${url.slice(0, url.lastIndexOf("/") + 1)}${m[1]}`;
      if (!urls.has(dep)) {
        urls.add(dep);
        stack.push(dep);
      }
    }
  }
  return [...urls].sort();
}

/** Total sizes of a set of dist files, split into JS and CSS. */
function weigh(files: readonly string[], dist: string) {
  // Compressed one by one, as the server sends them: sum of each file's compressed size.
  const each = (ext: string) =>
    files
      .filter((f) => f.endsWith(ext))
      .map((f) => sizes(readFileSync(join(dist, f))))
      .reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), {
        raw: 0,
        gzip: 0,
        brotli: 0,
      });
  return { js: each(".js"), css: each(".css") };
}

/**
 * The libraries alone, as a first screen uses them (render a node, a signal, a Dexie database,
 * a zod/mini schema, idb-keyval, a Workbox registration), bundled and minified: the floor the
 * app's first screen is held against (DESIGN §5 quotes ~42 KB gzipped for this set).
 */
const LIBRARIES_ONLY = `
import { h, render } from "preact";
import { signal, effect } from "@preact/signals";
import Dexie from "dexie";
import * as z from "zod/mini";
import { get, set } from "idb-keyval";
import { Workbox } from "workbox-window";
const entry = z.strictObject({ id: z.string(), quantity: z.number().check(z.int()) });
const db = new Dexie("floor");
db.version(1).stores({ entries: "id" });
const n = signal(0);
effect(() => render(h("p", null, String(n.value)), document.body));
export default { entry, db, get, set, wb: new Workbox("/sw.js") };
`;

async function libraryFloor(): Promise<{ raw: number; gzip: number; brotli: number }> {
  const out = await build({
    absWorkingDir: ROOT,
    stdin: { contents: LIBRARIES_ONLY, resolveDir: ROOT, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return sizes(Buffer.from(out.outputFiles[0]?.contents ?? new Uint8Array()));
}

const one = (n: number) => summarize([n]);

/** The first-screen figures (sizes are deterministic: one sample each). */
export async function firstScreenFigures(observed?: readonly string[]): Promise<Figure[]> {
  const dist = join(ROOT, "dist");
  const files = staticFirstScreen(dist);
  const w = weigh(files, dist);
  const floor = await libraryFloor();
  const figures: Figure[] = [
    {
      group: "first screen",
      name: "JS gzip",
      unit: "KB",
      value: one(w.js.gzip / KB),
      floor: { name: "libraries alone", value: one(floor.gzip / KB) },
      budget: { limit: 60, kind: "max", text: "≤ 60 KB" },
      note: `${files.filter((f) => f.endsWith(".js")).length} files from index.html and the overview's chunks`,
    },
    {
      group: "first screen",
      name: "JS brotli",
      unit: "KB",
      value: one(w.js.brotli / KB),
      floor: { name: "libraries alone", value: one(floor.brotli / KB) },
    },
    { group: "first screen", name: "JS raw", unit: "KB", value: one(w.js.raw / KB) },
    { group: "first screen", name: "CSS gzip", unit: "KB", value: one(w.css.gzip / KB) },
    { group: "first screen", name: "CSS brotli", unit: "KB", value: one(w.css.brotli / KB) },
  ];
  if (observed && observed.length > 0) {
    const ow = weigh(observed, dist);
    figures.push({
      group: "first screen",
      name: "JS gzip, as fetched in the cold start",
      unit: "KB",
      value: one(ow.js.gzip / KB),
      floor: { name: "libraries alone", value: one(floor.gzip / KB) },
      budget: { limit: 60, kind: "max", text: "≤ 60 KB" },
      note: `${observed.filter((f) => f.endsWith(".js")).length} scripts requested before usable: ${observed
        .filter((f) => f.endsWith(".js"))
        .map((f) => f.replace(/^assets\//, "").replace(/-[\w-]{8}\.js$/, ""))
        .join(", ")}`,
    });
  }
  return figures;
}
