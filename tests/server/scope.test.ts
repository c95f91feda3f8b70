import { afterAll, beforeAll, expect, it } from "vitest";
import { CAMPAIGN, describeEachStore, makeEntry, startTestServer, type TestServer } from "./helpers";

describeEachStore("scope: an officer of one district", () => {
  let s: TestServer;
  let tamduong: string;
  let phongtho: string;
  beforeAll(async () => {
    s = await startTestServer();
    tamduong = await s.login("tamduong");
    phongtho = await s.login("phongtho");
    await s.push(phongtho, [makeEntry({ unitId: "phong-tho-01", quantity: 9 }), makeEntry({ unitId: "phong-tho" })]);
    await s.push(tamduong, [makeEntry({ unitId: "tam-duong-02", quantity: 4 })]);
  });
  afterAll(() => s.close());

  it("cannot write for another district, its parent, or the province", async () => {
    const r = await s.push(tamduong, [
      makeEntry({ unitId: "phong-tho-01" }),
      makeEntry({ unitId: "phong-tho" }),
      makeEntry({ unitId: "lct" }),
    ]);
    expect(r.body.results.map((x: { reason: string }) => x.reason)).toEqual(["forbidden", "forbidden", "forbidden"]);
  });

  it("does not pull another district's entries; gets its own subtree and the path up", async () => {
    const r = await s.call("GET", "/api/v1/sync/pull", { cookie: tamduong });
    expect(r.status).toBe(200);
    expect(r.body.entries.map((e: { unitId: string }) => e.unitId)).toEqual(["tam-duong-02"]);
    const unitIds: string[] = r.body.units.map((u: { id: string }) => u.id);
    expect(unitIds).toContain("lct");
    expect(unitIds).toContain("tam-duong");
    expect(unitIds).toContain("tam-duong-05");
    expect(unitIds.some((id) => id.startsWith("phong-tho"))).toBe(false);
    expect(r.body.campaigns.map((c: { id: string }) => c.id)).toEqual([CAMPAIGN]);
  });

  it("cannot read another district's totals (403), nor the province's", async () => {
    for (const unitId of ["phong-tho", "phong-tho-01", "lct"]) {
      const r = await s.call("GET", `/api/v1/totals?campaignId=${CAMPAIGN}&unitId=${unitId}`, { cookie: tamduong });
      expect(r.status, unitId).toBe(403);
    }
    const own = await s.call("GET", `/api/v1/totals?campaignId=${CAMPAIGN}`, { cookie: tamduong });
    expect(own.status).toBe(200);
    const part = own.body.parts.find((p: { partId: string }) => p.partId === "t1-1");
    expect(part.achieved).toBe(4);
    expect(own.body.units.map((u: { unitId: string }) => u.unitId)).toEqual(["tam-duong"]);
  });

  it("cannot use the admin API or the catalog views", async () => {
    const calls: [string, string, unknown?][] = [
      ["GET", "/api/v1/admin/users"],
      ["POST", "/api/v1/admin/users", { username: "x1", name: "x", role: "admin", unitIds: [], password: "12345678" }],
      ["PATCH", `/api/v1/admin/users/${s.ids.tamduong}`, { role: "admin" }],
      ["GET", "/api/v1/units"],
      ["GET", "/api/v1/campaigns"],
    ];
    for (const [method, path, json] of calls) {
      const r = await s.call(method, path, { cookie: tamduong, json });
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
    }
    const me = await s.call("GET", "/api/v1/auth/me", { cookie: tamduong });
    expect(me.body.user.role).toBe("officer");
  });

  it("a supervisor of the province sees both districts", async () => {
    const sup = await s.login("supervisor");
    const r = await s.call("GET", "/api/v1/sync/pull", { cookie: sup });
    expect(r.body.entries).toHaveLength(3);
    const t = await s.call("GET", `/api/v1/totals?campaignId=${CAMPAIGN}&unitId=phong-tho`, { cookie: sup });
    expect(t.status).toBe(200);
  });
});

describeEachStore("same-origin check", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it("refuses a state-changing request whose Origin is another host (403)", async () => {
    const cookie = await s.login("tamduong");
    const r = await s.call("POST", "/api/v1/sync/push", {
      cookie,
      json: { clientId: "c", entries: [] },
      headers: { origin: "https://evil.example", host: "localhost" },
    });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("cross-origin");
    const login = await s.call("POST", "/api/v1/auth/login", {
      json: { username: "tamduong", password: "x" },
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(login.status).toBe(403);
  });

  it("accepts the same origin and same-origin fetch metadata", async () => {
    const cookie = await s.login("tamduong");
    const same = await s.call("POST", "http://localhost:8080/api/v1/sync/push", {
      cookie,
      json: { clientId: "c2", entries: [] },
      headers: { origin: "http://localhost:8080", host: "localhost:8080" },
    });
    expect(same.status).toBe(200);
    const meta = await s.call("POST", "/api/v1/auth/logout", { headers: { "sec-fetch-site": "same-origin" } });
    expect(meta.status).toBe(204);
  });

  it("behind a trusted proxy, compares Origin with X-Forwarded-Host and -Proto", async () => {
    const proxied = await startTestServer({ trustProxy: true });
    try {
      const headers = {
        origin: "https://sothidua.example",
        host: "127.0.0.1:8080",
        "x-forwarded-host": "sothidua.example",
        "x-forwarded-proto": "https",
      };
      const { "x-forwarded-proto": _, ...withoutProto } = headers;
      const plain = await proxied.call("POST", "/api/v1/auth/logout", { headers: withoutProto });
      expect(plain.status).toBe(403); // the request came over http: an https Origin is another origin
      const ok = await proxied.call("POST", "/api/v1/auth/logout", { headers });
      expect(ok.status).toBe(204);
      const bad = await proxied.call("POST", "/api/v1/auth/logout", {
        headers: { ...headers, origin: "https://evil.example" },
      });
      expect(bad.status).toBe(403);
    } finally {
      await proxied.close();
    }
  });
});
