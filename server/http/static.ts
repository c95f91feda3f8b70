/**
 * Serving the built PWA from `dist/`, compressed. The build writes `FILE.br` and `FILE.gz` beside
 * each compressible file (scripts/precompress.mjs); a request gets the variant its
 * `Accept-Encoding` allows (brotli preferred, then gzip, else the file itself), with
 * `Vary: Accept-Encoding` on every file that has variants, so no cache hands brotli to a client
 * that did not ask for it. Nothing is compressed per request.
 *
 * Hashed files under /assets never change: cached for a year, immutable, without an ETag (nothing
 * revalidates them; ~40 bytes less on each of the install's ~60 answers). Everything else
 * (index.html, sw.js, the manifest, icons) is `no-cache` (revalidated by ETag), so a new service
 * worker and a new shell are seen on the next visit. A navigation to any path that is not a file
 * and not /api gets index.html (the app routes on the client).
 */
import { readFile, stat } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import type { Context, Hono } from "hono";
import { getMimeType } from "hono/utils/mime";
import type { AppEnv } from "../app-env";

const IMMUTABLE = "public, max-age=31536000, immutable";

/** A content coding the build wrote a variant for, best first. */
type Coding = "br" | "gzip";
const SUFFIX: Record<Coding, string> = { br: ".br", gzip: ".gz" };

/**
 * The codings an `Accept-Encoding` header allows, best first: brotli before gzip unless the
 * client weighs gzip higher; `q=0` refuses a coding; `*` stands for any coding not named.
 */
export function acceptedCodings(header: string | undefined): Coding[] {
  if (!header) return [];
  const weights = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (name === "") continue;
    const q = params.find((p) => p.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (c: Coding) => weights.get(c) ?? weights.get("*") ?? 0;
  return (["br", "gzip"] as const).filter((c) => weightOf(c) > 0).sort((a, b) => weightOf(b) - weightOf(a));
}

/** The file a request path names inside `dir`, or undefined (traversal, bad escapes, a folder without index). */
async function fileFor(dir: string, path: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (/(?:^|[/\\])\.{1,2}(?:$|[/\\])|[/\\]{2,}|\\|\0/.test(decoded)) return undefined;
  let file = join(dir, decoded);
  if (file !== dir && !file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return undefined;
  const s = await stat(file).catch(() => undefined);
  if (s?.isDirectory()) file = join(file, "index.html");
  else if (!s) return undefined;
  return (await stat(file).catch(() => undefined))?.isFile() ? file : undefined;
}

/** Answer with `file` (or its best precompressed variant) and its caching headers (an ETag unless immutable). */
async function sendFile(c: Context<AppEnv>, file: string, cacheControl: string): Promise<Response> {
  const type = getMimeType(file) ?? "application/octet-stream";
  const headers: Record<string, string> = { "Content-Type": type, "Cache-Control": cacheControl };
  let body = file;
  let coding: Coding | undefined;
  let hasVariants = false;
  for (const c of ["br", "gzip"] as const) {
    if (await stat(file + SUFFIX[c]).catch(() => undefined)) hasVariants = true;
  }
  if (hasVariants) {
    headers.Vary = "Accept-Encoding";
    for (const candidate of acceptedCodings(c.req.header("accept-encoding"))) {
      if (await stat(file + SUFFIX[candidate]).catch(() => undefined)) {
        coding = candidate;
        body = file + SUFFIX[candidate];
        break;
      }
    }
  }
  const s = await stat(body);
  if (coding) headers["Content-Encoding"] = coding;
  // ETag alone revalidates; no Last-Modified: on 2G each of ~60 install answers' headers counts.
  // An immutable file is never revalidated (its name changes with its content), so it has none.
  if (cacheControl !== IMMUTABLE) {
    const etag = `W/"${s.size.toString(16)}-${Math.floor(s.mtimeMs).toString(16)}${coding ? `-${coding}` : ""}"`;
    headers.ETag = etag;
    const known = c.req.header("if-none-match");
    if (known?.split(",").some((t) => t.trim() === etag)) return c.body(null, 304, headers);
  }
  headers["Content-Length"] = String(s.size);
  if (c.req.method === "HEAD") return c.body(null, 200, headers);
  return c.body(new Uint8Array(await readFile(body)), 200, headers);
}

/** Register the static file handlers on an app (after the API routes, which answer /api/* first). */
export function mountStatic(app: Hono<AppEnv>, root: string): void {
  const dir = resolve(root);
  const index = join(dir, "index.html");
  app.on(["GET", "HEAD"], "*", async (c, next) => {
    const path = c.req.path;
    if (path.startsWith("/api/")) return next();
    const file = await fileFor(dir, path);
    if (file) return sendFile(c, file, path.startsWith("/assets/") ? IMMUTABLE : "no-cache");
    const navigation =
      c.req.header("sec-fetch-mode") === "navigate" || (c.req.header("accept") ?? "").includes("text/html");
    if (!navigation || path.startsWith("/assets/")) return next();
    if (!(await stat(index).catch(() => undefined))) return next();
    return sendFile(c, index, "no-cache");
  });
}
