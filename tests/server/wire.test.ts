/**
 * The wire (DESIGN §5 bytes, §6 compressed static files, §7 415): built files are sent as their
 * precompressed variant with the right Content-Encoding and Vary; JSON answers of 1 KB or more
 * are compressed, smaller ones are not; JSON routes take only application/json; push bodies may
 * come gzipped, the 1 MiB limit holding for the inflated bytes (a decompression bomb is 413).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPRESS_HARD_BYTES } from "../../server/http/compress";
import { acceptedCodings } from "../../server/http/static";
import { describeEachStore, makeEntry, startTestServer, type TestServer } from "./helpers";

describe("Accept-Encoding", () => {
  it("prefers brotli, then gzip, honours q=0 and *", () => {
    expect(acceptedCodings("gzip, deflate, br, zstd")).toEqual(["br", "gzip"]);
    expect(acceptedCodings("gzip")).toEqual(["gzip"]);
    expect(acceptedCodings("br;q=0, gzip")).toEqual(["gzip"]);
    expect(acceptedCodings("gzip;q=1.0, br;q=0.5")).toEqual(["gzip", "br"]);
    expect(acceptedCodings("*")).toEqual(["br", "gzip"]);
    expect(acceptedCodings("identity")).toEqual([]);
    expect(acceptedCodings(undefined)).toEqual([]);
  });
});

describeEachStore("the wire", () => {
  let s: TestServer;
  let cookie: string;
  const dist = mkdtempSync(join(tmpdir(), "std-wire-"));
  const js = `export const words = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `từ ${i}`))};`;
  beforeAll(async () => {
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>Sổ Thi Đua</title>");
    writeFileSync(join(dist, "sw.js"), "self.addEventListener('install', () => {});");
    writeFileSync(join(dist, "assets", "app-1a2b3c.js"), js);
    writeFileSync(join(dist, "assets", "app-1a2b3c.js.br"), brotliCompressSync(js));
    writeFileSync(join(dist, "assets", "app-1a2b3c.js.gz"), gzipSync(js));
    writeFileSync(join(dist, "icon.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    s = await startTestServer({ staticDir: dist });
    cookie = await s.login("tamduong");
  });
  afterAll(async () => {
    await s.close();
    rmSync(dist, { recursive: true, force: true });
  });

  /** A raw GET through the app (s.call decodes text; these bodies may be compressed). */
  const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
    s.app.request(path, { method, headers });

  it("sends a hashed file as brotli, gzip or itself, by Accept-Encoding, always with Vary", async () => {
    const br = await get("/assets/app-1a2b3c.js", { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toBe("Accept-Encoding");
    expect(br.headers.get("content-type")).toContain("javascript");
    expect(br.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(Number(br.headers.get("content-length"))).toBe(brBytes.length);
    expect(brotliDecompressSync(brBytes).toString()).toBe(js);

    const gz = await get("/assets/app-1a2b3c.js", { "accept-encoding": "gzip" });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(js);

    const plain = await get("/assets/app-1a2b3c.js", { "accept-encoding": "br;q=0" });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toBe("Accept-Encoding");
    expect(await plain.text()).toBe(js);

    const head = await get("/assets/app-1a2b3c.js", { "accept-encoding": "br" }, "HEAD");
    expect(head.headers.get("content-encoding")).toBe("br");
    expect(Number(head.headers.get("content-length"))).toBe(brBytes.length);
  });

  it("sends a hashed file without an ETag: immutable, never revalidated, so no validator bytes", async () => {
    const asset = await get("/assets/app-1a2b3c.js", { "accept-encoding": "br" });
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("etag")).toBeNull();
    // A client that sends a validator anyway gets the file, never a 304 it did not earn.
    const again = await get("/assets/app-1a2b3c.js", { "accept-encoding": "br", "if-none-match": "*" });
    expect(again.status).toBe(200);
    expect(again.headers.get("content-encoding")).toBe("br");
  });

  it("sends a file without variants as it is, no-cache outside /assets, and 304 on a known ETag", async () => {
    const png = await get("/icon.png", { "accept-encoding": "br" });
    expect(png.headers.get("content-encoding")).toBeNull();
    expect(png.headers.get("cache-control")).toBe("no-cache");
    const sw = await get("/sw.js", { "accept-encoding": "br" });
    expect(sw.headers.get("cache-control")).toBe("no-cache");
    const etag = sw.headers.get("etag") ?? "";
    expect(etag).not.toBe("");
    const again = await get("/sw.js", { "accept-encoding": "br", "if-none-match": etag });
    expect(again.status).toBe(304);
    expect((await get("/../package.json")).status).toBe(404);
    expect((await get("/%2e%2e/package.json")).status).toBe(404);
  });

  it("compresses a JSON answer of 1 KB or more, and leaves a small one alone", async () => {
    await s.push(
      cookie,
      Array.from({ length: 30 }, () => makeEntry()),
      "wire-pull",
    );
    const pull = await get("/api/v1/sync/pull", { cookie, "accept-encoding": "gzip, deflate, br" });
    expect(pull.status).toBe(200);
    expect(pull.headers.get("content-encoding")).toBe("br");
    expect(pull.headers.get("vary")).toContain("Accept-Encoding");
    const bytes = Buffer.from(await pull.arrayBuffer());
    const text = brotliDecompressSync(bytes).toString();
    expect(JSON.parse(text).entries).toHaveLength(30);
    expect(bytes.length).toBeLessThan(text.length / 2);

    const gz = await get("/api/v1/sync/pull", { cookie, "accept-encoding": "gzip" });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).entries).toHaveLength(30);

    const me = await get("/api/v1/auth/me", { cookie, "accept-encoding": "br" });
    expect(me.status).toBe(200);
    expect(me.headers.get("content-encoding")).toBeNull();
    expect((await me.json()).user).toBeDefined();
  });

  it("compresses a large answer (a pull page) harder than a push answer, gzip as well as brotli", async () => {
    for (let i = 0; i < 2; i++) {
      await s.push(
        cookie,
        Array.from({ length: 400 }, () => makeEntry()),
        "wire-pull",
      );
    }
    const pull = await get("/api/v1/sync/pull", { cookie, "accept-encoding": "br" });
    expect(pull.headers.get("content-encoding")).toBe("br");
    const bytes = Buffer.from(await pull.arrayBuffer());
    const text = brotliDecompressSync(bytes).toString();
    expect(text.length).toBeGreaterThanOrEqual(COMPRESS_HARD_BYTES);
    expect(JSON.parse(text).entries.length).toBeGreaterThanOrEqual(800);
    // Fewer bytes for a 2G link than the quick setting the push answers get.
    const quick = brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 2 } });
    expect(bytes.length).toBeLessThan(quick.length);

    const gz = await get("/api/v1/sync/pull", { cookie, "accept-encoding": "gzip" });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    const gzBytes = Buffer.from(await gz.arrayBuffer());
    expect(gunzipSync(gzBytes).toString()).toBe(text);
    expect(gzBytes.length).toBeLessThan(gzipSync(text, { level: 1 }).length);
  });

  /** POST a push body as given. */
  const postPush = (body: Uint8Array | string, headers: Record<string, string>) =>
    s.call("POST", "/api/v1/sync/push", { cookie, body: body as BodyInit, headers });

  it("stores a gzipped push", async () => {
    const entries = Array.from({ length: 20 }, () => makeEntry());
    const r = await postPush(gzipSync(JSON.stringify({ clientId: "wire-gz", entries })), {
      "content-type": "application/json",
      "content-encoding": "gzip",
    });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(entries.map(() => "stored"));
  });

  it("refuses a gzip body that inflates past 1 MiB (a decompression bomb) with 413, a damaged one with 400", async () => {
    const bomb = gzipSync(
      Buffer.concat([Buffer.from('{"clientId":"x","entries":[],"pad":"'), Buffer.alloc(64 << 20, 0x20)]),
    );
    expect(bomb.length).toBeLessThan(128 * 1024);
    const r = await postPush(bomb, { "content-type": "application/json", "content-encoding": "gzip" });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe("too-large");
    const damaged = gzipSync(JSON.stringify({ clientId: "x", entries: [] })).subarray(0, 12);
    const d = await postPush(damaged, { "content-type": "application/json", "content-encoding": "gzip" });
    expect(d.status).toBe(400);
    expect(d.body.error.code).toBe("invalid");
    const br = await postPush(brotliCompressSync("{}"), {
      "content-type": "application/json",
      "content-encoding": "br",
    });
    expect(br.status).toBe(415);
  });

  it("takes a gzipped handover upload, its 10 MiB limit holding for the inflated bytes", async () => {
    const supervisor = await s.login("supervisor");
    const upload = (body: Uint8Array) =>
      s.call("POST", "/api/v1/sync/import", {
        cookie: supervisor,
        body: body as BodyInit,
        headers: { "content-type": "application/json", "content-encoding": "gzip" },
      });
    const bomb = gzipSync(Buffer.alloc(64 << 20, 0x20));
    const r = await upload(bomb);
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe("too-large");
    // Inflated, it is read as the file it is: not a handover file, refused as such.
    const notHandover = await upload(gzipSync(JSON.stringify({ hello: "world" })));
    expect(notHandover.status).toBe(400);
    expect(notHandover.body.error.code).toBe("not-handover");
  });

  it("answers 415 to a JSON route sent another content type", async () => {
    const body = JSON.stringify({ clientId: "wire-415", entries: [makeEntry()] });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const r = await postPush(body, { "content-type": type });
      expect(r.status, type).toBe(415);
      expect(r.body.error.code).toBe("unsupported-media-type");
    }
    expect((await postPush(body, {})).status).toBe(415);
    const login = await s.call("POST", "/api/v1/auth/login", {
      body: "username=tamduong&password=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(login.status).toBe(415);
    expect((await postPush(body, { "content-type": "application/json; charset=utf-8" })).status).toBe(200);
  });
});
