import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachStore, startTestServer, type TestServer } from "./helpers";

const CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

describeEachStore("static PWA and security headers", () => {
  let s: TestServer;
  const dist = mkdtempSync(join(tmpdir(), "std-dist-"));
  beforeAll(async () => {
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>Sổ Thi Đua</title>");
    writeFileSync(join(dist, "sw.js"), "self.addEventListener('install', () => {});");
    writeFileSync(join(dist, "manifest.webmanifest"), "{}");
    writeFileSync(join(dist, "assets", "index-3f9a1c.js"), "console.log(1)");
    s = await startTestServer({ staticDir: dist });
  });
  afterAll(async () => {
    await s.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const html = { accept: "text/html,application/xhtml+xml" };

  it("serves index.html and sw.js with no-cache, hashed assets immutable", async () => {
    const index = await s.call("GET", "/", { headers: html });
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toContain("text/html");
    expect(index.headers.get("cache-control")).toBe("no-cache");
    const sw = await s.call("GET", "/sw.js");
    expect(sw.status).toBe(200);
    expect(sw.headers.get("content-type")).toContain("javascript");
    expect(sw.headers.get("cache-control")).toBe("no-cache");
    const asset = await s.call("GET", "/assets/index-3f9a1c.js");
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("answers navigations to app paths with index.html, but not API paths or missing files", async () => {
    const nav = await s.call("GET", "/nhap-lieu/123", { headers: html });
    expect(nav.status).toBe(200);
    expect(nav.body).toContain("Sổ Thi Đua");
    expect(nav.headers.get("cache-control")).toBe("no-cache");
    const api = await s.call("GET", "/api/v1/nothing", { headers: html });
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe("not-found");
    expect((await s.call("GET", "/assets/gone-123.js", { headers: html })).status).toBe(404);
    expect((await s.call("GET", "/icon-missing.png")).status).toBe(404);
  });

  it("puts the CSP, nosniff and no-referrer on every response, API errors included", async () => {
    for (const [method, path] of [
      ["GET", "/"],
      ["GET", "/sw.js"],
      ["GET", "/api/v1/auth/me"],
      ["POST", "/api/v1/sync/push"],
      ["GET", "/api/v1/unknown"],
    ] as const) {
      const r = await s.call(method, path, { headers: html });
      expect(r.headers.get("content-security-policy"), path).toBe(CSP);
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("referrer-policy")).toBe("no-referrer");
    }
    const api = await s.call("GET", "/api/v1/auth/me");
    expect(api.headers.get("cache-control")).toBe("no-store");
  });

  it("error bodies have one shape", async () => {
    const r = await s.call("POST", "/api/v1/sync/push", { json: {} });
    expect(r.status).toBe(401);
    expect(Object.keys(r.body)).toEqual(["error"]);
    expect(Object.keys(r.body.error).sort()).toEqual(["code", "message"]);
  });
});
