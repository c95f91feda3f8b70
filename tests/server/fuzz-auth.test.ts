/**
 * Fuzz of the sign-in routes: hostile login bodies answer 400/413 (or 401/429 when the shape is
 * right) in the error shape; bursts of logins, sequential and concurrent, hit the throttle of
 * DESIGN §7 (or 503 when password checks are saturated) and leave the server answering; random cookies never open a session; no user,
 * session or entry is created by any of it.
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
  hugeString,
  ledgerSize,
  notString,
  RouteCounter,
  tenMegabytes,
  withBadBytes,
} from "./fuzz-support";
import { type Answer, describeEachStore, PASSWORD, startTestServer, type TestServer } from "./helpers";

const LOGIN = "/api/v1/auth/login";
const counter = new RouteCounter();

/** A fresh documentation-range address per request, so the per-address throttle stays out of the way. */
let addressSeq = 0;
const freshAddress = () => {
  addressSeq++;
  return `198.18.${(addressSeq >> 8) & 255}.${addressSeq & 255}`;
};

/** 401 or 429 in the error shape, or 503 `busy` with Retry-After when password checks are saturated. */
function expectRefusedOrBusy(r: Answer, label: string): void {
  if (r.status !== 503) {
    expectClientError(r, label, [401, 429]);
    return;
  }
  expect(r.body?.error?.code, label).toBe("busy");
  expect(Number(r.headers.get("retry-after")), label).toBeGreaterThan(0);
}

describeEachStore("fuzz: auth", () => {
  let s: TestServer;
  let cookie: string;
  let users = 0;
  let entries = 0;

  beforeAll(async () => {
    s = await startTestServer({ trustProxy: true });
    cookie = await s.login("supervisor");
    users = (await s.store.accounts.users()).length;
    entries = await ledgerSize(s);
  });
  afterAll(async () => {
    counter.print("auth");
    expect((await s.store.accounts.users()).length).toBe(users);
    expect(await ledgerSize(s)).toBe(entries);
    await s.close();
  });

  const field = fc.oneof(notString, hugeString, fc.constant(""));
  const badBody: fc.Arbitrary<{ body: string | Uint8Array<ArrayBuffer>; label: string }> = fc.oneof(
    fc
      .record({ username: field, password: fc.constant(PASSWORD) })
      .map((v) => ({ body: JSON.stringify(v), label: "bad username" })),
    fc
      .record({ username: fc.constant("admin"), password: field })
      .map((v) => ({ body: JSON.stringify(v), label: "bad password" })),
    fc
      .constantFrom({}, { username: "admin" }, { password: PASSWORD })
      .map((v) => ({ body: JSON.stringify(v), label: "missing field" })),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 12 }), anyJson)
      .filter(([k]) => k !== "username" && k !== "password")
      .map(([k, v]) => ({
        body: JSON.stringify({ username: "admin", password: PASSWORD, [k]: v }),
        label: `extra ${k}`,
      })),
    anyJson
      .filter((v) => typeof v !== "object" || v === null || Array.isArray(v))
      .map((v) => ({ body: JSON.stringify(v), label: "not an object" })),
    fc.string({ maxLength: 100 }).map((t) => ({ body: `{${t}`, label: "not JSON" })),
    deepJsonText.map((t) => ({ body: t, label: "deep JSON" })),
    badUtf8.map((b) => ({
      body: withBadBytes(JSON.stringify({ username: `admin${BAD_MARK}`, password: PASSWORD }), b),
      label: "invalid UTF-8",
    })),
  );

  it("answers 400 or 413 to every malformed login body", async () => {
    await fc.assert(
      fc.asyncProperty(badBody, async ({ body, label }) => {
        counter.hit("POST /auth/login (malformed)");
        const r = await s.call("POST", LOGIN, {
          body,
          headers: { "content-type": "application/json", "x-forwarded-for": freshAddress() },
        });
        expectClientError(r, label, [400, 413]);
        expect(r.headers.get("set-cookie"), label).toBeNull();
      }),
      { numRuns: 300 },
    );
    await expectAlive(s, cookie);
  });

  it("answers 401 (or 429 once throttled) to well-formed wrong credentials, never a session", async () => {
    const credentials = fc.record({
      username: fc.oneof(fc.string({ minLength: 1, maxLength: 100 }), fc.constantFrom("admin", "ADMIN", " tamduong ")),
      password: fc.string({ minLength: 1, maxLength: 1000 }).filter((p) => p !== PASSWORD),
    });
    await fc.assert(
      fc.asyncProperty(credentials, async (json) => {
        counter.hit("POST /auth/login (wrong)");
        const r = await s.call("POST", LOGIN, { json, headers: { "x-forwarded-for": freshAddress() } });
        expectClientError(r, "wrong credentials", [401, 429]);
        expect(r.headers.get("set-cookie")).toBeNull();
      }),
      { numRuns: 150 },
    );
    await expectAlive(s, cookie);
  });

  it("refuses 10 MB login bodies with 413", async () => {
    for (const declared of [true, false]) {
      counter.hit("POST /auth/login (10 MB)");
      const { body, headers } = tenMegabytes(declared);
      const r = await s.call("POST", LOGIN, { body, headers: { ...headers, "x-forwarded-for": freshAddress() } });
      expectClientError(r, `10 MB declared=${declared}`, [413]);
    }
    await expectAlive(s, cookie);
  });

  it("a sequential burst for one username from one address: 5 × 401, then 429 there, even with the right password; another address signs in", async () => {
    const address = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      counter.hit("POST /auth/login (burst)");
      const r = await s.call("POST", LOGIN, {
        json: { username: "tamduong2", password: `wrong ${i}` },
        headers: { "x-forwarded-for": address },
      });
      expectClientError(r, `burst ${i}`, [401, 429]);
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    counter.hit("POST /auth/login (burst)");
    const right = await s.call("POST", LOGIN, {
      json: { username: "tamduong2", password: PASSWORD },
      headers: { "x-forwarded-for": address },
    });
    expectClientError(right, "right password while throttled", [429]);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    counter.hit("POST /auth/login (burst)");
    const elsewhere = await s.call("POST", LOGIN, {
      json: { username: "tamduong2", password: PASSWORD },
      headers: { "x-forwarded-for": freshAddress() },
    });
    expect(elsewhere.status).toBe(200);
    await expectAlive(s, cookie);
  });

  it("a concurrent burst from one address across usernames: 401s, then 429s; other addresses unaffected", async () => {
    const address = freshAddress();
    const burst = Array.from({ length: 60 }, (_, i) =>
      s.call("POST", LOGIN, {
        json: { username: `ghost-${i}`, password: "nope" },
        headers: { "x-forwarded-for": address },
      }),
    );
    const answers = await Promise.all(burst);
    for (const [i, r] of answers.entries()) {
      counter.hit("POST /auth/login (concurrent)");
      expectRefusedOrBusy(r, `concurrent ${i}`);
    }
    // Answers of 503 (checks saturated) record no failure: go on one at a time until throttled.
    for (let i = 0; i < 20; i++) {
      counter.hit("POST /auth/login (concurrent)");
      const r = await s.call("POST", LOGIN, {
        json: { username: `ghost-after-${i}`, password: "nope" },
        headers: { "x-forwarded-for": address },
      });
      expectClientError(r, `after the burst ${i}`, [401, 429]);
      if (r.status === 429) break;
    }
    counter.hit("POST /auth/login (concurrent)");
    const after = await s.call("POST", LOGIN, {
      json: { username: "phongtho", password: PASSWORD },
      headers: { "x-forwarded-for": address },
    });
    expectClientError(after, "after the burst, same address", [429]);
    counter.hit("POST /auth/login (concurrent)");
    const elsewhere = await s.call("POST", LOGIN, {
      json: { username: "phongtho", password: PASSWORD },
      headers: { "x-forwarded-for": freshAddress() },
    });
    expect(elsewhere.status).toBe(200);
    await expectAlive(s, cookie);
  });

  it("a concurrent burst at one username from many addresses: 401, 429 or 503, and the right password still signs in", async () => {
    const burst = Array.from({ length: 100 }, (_, i) =>
      s.call("POST", LOGIN, {
        json: { username: "phongtho", password: `guess ${i}` },
        headers: { "x-forwarded-for": freshAddress() },
      }),
    );
    const answers = await Promise.all(burst);
    for (const [i, r] of answers.entries()) {
      counter.hit("POST /auth/login (concurrent, one user)");
      expectRefusedOrBusy(r, `guess ${i}`);
    }
    expect(answers.some((r) => r.status === 503)).toBe(true);
    const right = await s.call("POST", LOGIN, {
      json: { username: "phongtho", password: PASSWORD },
      headers: { "x-forwarded-for": freshAddress() },
    });
    expect(right.status).toBe(200);
    await expectAlive(s, cookie);
  });

  it("random cookies open no session on any signed-in route", async () => {
    const routes = ["GET /api/v1/auth/me", "GET /api/v1/sync/pull", "GET /api/v1/totals?campaignId=laichau-2023"];
    const cookies = fc.oneof(
      fc.string({ maxLength: 200 }).map((v) => `sid=${encodeURIComponent(v)}`),
      fc.base64String({ minLength: 40, maxLength: 48 }).map((v) => `sid=${v}`),
      fc.string({ maxLength: 50 }).map((v) => `other=${encodeURIComponent(v)}`),
    );
    await fc.assert(
      fc.asyncProperty(cookies, fc.constantFrom(...routes), async (c, route) => {
        const [method, path] = route.split(" ") as [string, string];
        counter.hit(`${method} ${path.split("?")[0]} (forged cookie)`);
        const r = await s.call(method, path, { cookie: c });
        expectClientError(r, `${route} with ${c.slice(0, 40)}`, [401]);
      }),
      { numRuns: 150 },
    );
    counter.hit("POST /auth/logout (forged cookie)");
    const out = await s.call("POST", "/api/v1/auth/logout", { cookie: "sid=forged" });
    expect(out.status).toBe(204);
    await expectAlive(s, cookie);
  });
});
