/**
 * Fuzz of the other API routes: pull cursors, totals queries, the admin user API, the catalog
 * views and paths or methods no route has. Every bad request answers a 4xx in the error shape
 * with the CSP; nothing is stored (entries, users, sessions of others); the server goes on.
 */
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  anyJson,
  BAD_MARK,
  badUtf8,
  deepJsonText,
  expectAlive,
  expectClientError,
  hugeArray,
  hugeString,
  ledgerSize,
  notString,
  RouteCounter,
  tenMegabytes,
  withBadBytes,
} from "./fuzz-support";
import { CAMPAIGN, describeEachStore, makeEntry, PASSWORD, startTestServer, type TestServer } from "./helpers";

const counter = new RouteCounter();

describeEachStore("fuzz: pull, totals, admin and unknown routes", () => {
  let s: TestServer;
  let admin: string;
  let officer: string;
  let users = 0;
  let entries = 0;

  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login("admin");
    officer = await s.login("tamduong");
    await s.push(officer, [makeEntry({ quantity: 3 }), makeEntry({ unitId: "tam-duong-02" })], "fuzz-routes");
    users = (await s.store.accounts.users()).length;
    entries = await ledgerSize(s);
  });
  afterAll(async () => {
    counter.print("routes");
    await s.close();
  });

  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: "binary", maxLength: 100 }),
    hugeString.map((v) => v.slice(0, 20_000)),
    fc.constantFrom("", "%", "%00", "../../etc/passwd", "laichau-2023", "dot-1", "tam-duong", "lct", "phong-tho"),
  );
  const cursorLike = fc.oneof(
    text,
    fc
      .record({ v: anyJson, seq: fc.oneof(anyJson, fc.integer(), fc.double()), scope: fc.oneof(anyJson, fc.string()) })
      .map((o) => Buffer.from(JSON.stringify(o)).toString("base64url")),
    fc
      .record({ v: fc.constant(1), seq: fc.nat(), scope: fc.string({ maxLength: 20 }) })
      .map((o) => Buffer.from(JSON.stringify(o)).toString("base64url")),
  );

  it("pull: any `since` gives a page of the caller's scope or a 400", async () => {
    await fc.assert(
      fc.asyncProperty(cursorLike, fc.constantFrom("officer", "admin"), async (since, who) => {
        counter.hit("GET /sync/pull");
        const cookie = who === "admin" ? admin : officer;
        const r = await s.call("GET", `/api/v1/sync/pull?since=${encodeURIComponent(since)}`, { cookie });
        if (r.status === 200) {
          for (const e of r.body.entries) expect(who === "admin" || e.unitId.startsWith("tam-duong")).toBe(true);
          expect(typeof r.body.cursor).toBe("string");
        } else expectClientError(r, `since=${since.slice(0, 40)}`, [400]);
      }),
      { numRuns: 300 },
    );
    await expectAlive(s, officer);
  });

  it("totals: any query gives totals, or 400/403/404 in the error shape", async () => {
    const param = fc.option(text, { nil: undefined });
    await fc.assert(
      fc.asyncProperty(
        fc.record({ campaignId: fc.oneof(param, fc.constant(CAMPAIGN)), phaseId: param, unitId: param }),
        fc.constantFrom("officer", "admin"),
        async (q, who) => {
          counter.hit("GET /totals");
          const params = new URLSearchParams();
          for (const [k, v] of Object.entries(q)) if (v !== undefined) params.append(k, v);
          const r = await s.call("GET", `/api/v1/totals?${params}`, { cookie: who === "admin" ? admin : officer });
          if (r.status === 200) expect(r.body.campaignId).toBe(CAMPAIGN);
          else expectClientError(r, `totals ${params.toString().slice(0, 80)}`, [400, 403, 404]);
        },
      ),
      { numRuns: 300 },
    );
    await expectAlive(s, officer);
  });

  const newUser = { username: "fuzzed", name: "Fuzz", role: "officer", unitIds: ["than-uyen"], password: PASSWORD };
  const userKeys = Object.keys(newUser) as (keyof typeof newUser)[];
  /** A user body with one field made bad: the create must fail, whatever else is right. */
  const badUser: fc.Arbitrary<{ body: string | Uint8Array<ArrayBuffer>; label: string }> = fc.oneof(
    fc
      .tuple(fc.constantFrom(...userKeys), fc.oneof(notString, hugeString, hugeArray))
      .filter(([k, v]) => !(k === "unitIds" && Array.isArray(v) && v.length === 0))
      .map(([k, v]) => ({ body: JSON.stringify({ ...newUser, [k]: v }), label: `bad ${k}` })),
    fc.constantFrom(...userKeys).map((k) => {
      const u: Record<string, unknown> = { ...newUser };
      delete u[k];
      return { body: JSON.stringify(u), label: `missing ${k}` };
    }),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 12 }), anyJson)
      .filter(([k]) => !(userKeys as string[]).includes(k))
      .map(([k, v]) => ({ body: JSON.stringify({ ...newUser, [k]: v }), label: `extra ${k}` })),
    fc
      .constantFrom(["atlantis"], [], ["than-uyen", "x y"], ["lct", "no-such"])
      .map((unitIds) => ({ body: JSON.stringify({ ...newUser, unitIds }), label: `units ${unitIds}` })),
    fc
      .constantFrom("superuser", "Admin", "", "officer ")
      .map((role) => ({ body: JSON.stringify({ ...newUser, role }), label: `role ${role}` })),
    fc
      .constantFrom("admin", "tamduong", "TAMDUONG")
      .map((username) => ({ body: JSON.stringify({ ...newUser, username }), label: "taken username" })),
    fc.constantFrom("short", "").map((password) => ({ body: JSON.stringify({ ...newUser, password }), label: "weak" })),
    deepJsonText.map((t) => ({ body: t, label: "deep JSON" })),
    badUtf8.map((b) => ({
      body: withBadBytes(JSON.stringify({ ...newUser, name: `x${BAD_MARK}` }), b),
      label: "UTF-8",
    })),
    anyJson.map((v) => ({ body: JSON.stringify(v), label: "any JSON" })),
  );

  it("admin create: every bad user body answers 400/409/413 and creates nobody", async () => {
    await fc.assert(
      fc.asyncProperty(badUser, async ({ body, label }) => {
        counter.hit("POST /admin/users");
        const r = await s.call("POST", "/api/v1/admin/users", {
          cookie: admin,
          body,
          headers: { "content-type": "application/json" },
        });
        expectClientError(r, label, [400, 409, 413]);
      }),
      { numRuns: 300 },
    );
    expect((await s.store.accounts.users()).length).toBe(users);
    await expectAlive(s, admin);
  });

  it("admin patch: bad bodies and ids answer 400/404/413 and change nothing", async () => {
    const before = JSON.stringify(await s.store.accounts.users());
    // A list of existing units is a valid patch (even empty, for an admin): not what this fuzzes.
    const knownUnits = new Set((await s.store.catalog.units()).units.map((u) => u.id));
    const patchBody = fc.oneof(
      fc
        .tuple(fc.constantFrom("name", "role", "unitIds", "password", "disabled"), fc.oneof(anyJson, hugeString))
        .filter(([k, v]) => !(k === "disabled" && typeof v === "boolean"))
        .filter(([k, v]) => !(k === "name" && typeof v === "string" && v.length >= 1 && v.length <= 200))
        .filter(([k, v]) => !(k === "password" && typeof v === "string" && v.length >= 8 && v.length <= 256))
        .filter(([k, v]) => !(k === "role" && ["officer", "supervisor", "admin"].includes(v as string)))
        .filter(([k, v]) => !(k === "unitIds" && Array.isArray(v) && v.every((u) => knownUnits.has(u as string))))
        .map(([k, v]) => JSON.stringify({ [k]: v })),
      fc.tuple(fc.string({ maxLength: 10 }), anyJson).map(([k, v]) => JSON.stringify({ [`x${k}`]: v })),
      deepJsonText,
      anyJson.filter((v) => typeof v !== "object" || v === null || Array.isArray(v)).map((v) => JSON.stringify(v)),
    );
    const id = fc.oneof(
      fc.constantFrom(s.ids.tamduong as string, s.ids.admin as string),
      text.filter((t) => t !== ""),
    );
    await fc.assert(
      fc.asyncProperty(id, patchBody, async (userId, body) => {
        counter.hit("PATCH /admin/users/:id");
        const r = await s.call("PATCH", `/api/v1/admin/users/${encodeURIComponent(userId)}`, {
          cookie: admin,
          body,
          headers: { "content-type": "application/json" },
        });
        expectClientError(r, `patch ${userId.slice(0, 20)} ${body.slice(0, 60)}`, [400, 404, 413]);
      }),
      { numRuns: 300 },
    );
    expect(JSON.stringify(await s.store.accounts.users())).toBe(before);
    await expectAlive(s, admin);
  });

  it("admin and catalog routes: 401 without a session, 403 for officers, whatever the body", async () => {
    const routes = [
      ["GET", "/api/v1/admin/users"],
      ["POST", "/api/v1/admin/users"],
      ["PATCH", `/api/v1/admin/users/${s.ids.tamduong}`],
      ["GET", "/api/v1/units"],
      ["GET", "/api/v1/campaigns"],
    ] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), anyJson, fc.boolean(), async ([method, path], json, signedIn) => {
        counter.hit(`${method} ${path.replace(s.ids.tamduong as string, ":id")} (not admin)`);
        const opts = method === "GET" ? {} : { json };
        const r = await s.call(method, path, signedIn ? { ...opts, cookie: officer } : opts);
        expectClientError(r, `${method} ${path}`, [signedIn ? 403 : 401]);
      }),
      { numRuns: 200 },
    );
    expect((await s.store.accounts.users()).length).toBe(users);
  });

  it("10 MB bodies to the admin API are refused with 413", async () => {
    for (const [method, path] of [
      ["POST", "/api/v1/admin/users"],
      ["PATCH", `/api/v1/admin/users/${s.ids.tamduong}`],
    ] as const) {
      for (const declared of [true, false]) {
        counter.hit(`${method} /admin/users (10 MB)`);
        const { body, headers } = tenMegabytes(declared);
        const r = await s.call(method, path, { cookie: admin, body, headers });
        expectClientError(r, `${method} 10 MB`, [413]);
      }
    }
    await expectAlive(s, admin);
  });

  it("unknown paths and methods under /api answer 404 in the error shape", async () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,30}$/);
    const known = new Set(["auth", "sync", "totals", "admin", "units", "campaigns"]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { minLength: 1, maxLength: 4 }).filter((p) => !known.has(p[0] as string)),
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"),
        async (segments, method) => {
          counter.hit("* /api/v1/<unknown>");
          const r = await s.call(method, `/api/v1/${segments.join("/")}`, { cookie: officer });
          expectClientError(r, `${method} ${segments.join("/")}`, [404]);
        },
      ),
      { numRuns: 150 },
    );
    for (const [method, path] of [
      ["GET", "/api/v1/sync/push"],
      ["DELETE", "/api/v1/sync/pull"],
      ["PUT", "/api/v1/totals"],
      ["GET", "/api/v1/auth/login"],
      ["DELETE", "/api/v1/admin/users"],
    ] as const) {
      counter.hit("* /api/v1/<wrong method>");
      expectClientError(await s.call(method, path, { cookie: admin }), `${method} ${path}`, [404, 405]);
    }
    expect(await ledgerSize(s)).toBe(entries);
    await expectAlive(s, officer);
  });
});
