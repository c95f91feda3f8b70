import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachStore, PASSWORD, sessionCookie, startTestServer, type TestServer } from "./helpers";

describeEachStore("auth", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it("signs in: 200 with the profile, expiry and a hardened session cookie", async () => {
    const r = await s.call("POST", "/api/v1/auth/login", { json: { username: "tamduong", password: PASSWORD } });
    expect(r.status).toBe(200);
    expect(r.body.user).toEqual({ id: s.ids.tamduong, name: "User tamduong", role: "officer", unitIds: ["tam-duong"] });
    expect(Date.parse(r.body.expiresAt)).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    const cookie = r.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^sid=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Secure");
  });

  it("ignores a client's own X-Forwarded-Proto when no proxy is trusted (production-http tests the trusted case)", async () => {
    const r = await s.call("POST", "/api/v1/auth/login", {
      json: { username: "tamduong", password: PASSWORD },
      headers: { "x-forwarded-proto": "https" },
    });
    expect(r.headers.get("set-cookie")).not.toContain("Secure");
  });

  it("usernames are case-insensitive", async () => {
    const r = await s.call("POST", "/api/v1/auth/login", { json: { username: "TamDuong", password: PASSWORD } });
    expect(r.status).toBe(200);
  });

  it("answers 401 for a wrong password and an unknown user, 400 for a bad body", async () => {
    const wrong = await s.call("POST", "/api/v1/auth/login", { json: { username: "phongtho", password: "nope" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("invalid-credentials");
    const unknown = await s.call("POST", "/api/v1/auth/login", { json: { username: "ghost", password: "x" } });
    expect(unknown.status).toBe(401);
    const bad = await s.call("POST", "/api/v1/auth/login", { json: { username: "x" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "invalid", path: "password" });
  });

  it("me: 200 with the session, 401 without", async () => {
    const cookie = await s.login("supervisor");
    const me = await s.call("GET", "/api/v1/auth/me", { cookie });
    expect(me.status).toBe(200);
    expect(me.body.user.role).toBe("supervisor");
    expect(typeof me.body.expiresAt).toBe("string");
    const none = await s.call("GET", "/api/v1/auth/me");
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("unauthenticated");
    const forged = await s.call("GET", "/api/v1/auth/me", { cookie: "sid=forged" });
    expect(forged.status).toBe(401);
  });

  it("logout: 204 with or without a session, and the session is gone", async () => {
    const cookie = await s.login("supervisor");
    const out = await s.call("POST", "/api/v1/auth/logout", { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/sid=;.*Max-Age=0/);
    expect((await s.call("GET", "/api/v1/auth/me", { cookie })).status).toBe(401);
    expect((await s.call("POST", "/api/v1/auth/logout")).status).toBe(204);
  });

  it("throttles a username from one address after 5 failures: 429 with Retry-After there, even with the right password", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await s.call("POST", "/api/v1/auth/login", { json: { username: "tamduong2", password: "wrong" } });
      expect(r.status).toBe(401);
    }
    const r = await s.call("POST", "/api/v1/auth/login", { json: { username: "tamduong2", password: PASSWORD } });
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe("throttled");
    const retry = Number(r.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
  });
});

describeEachStore("auth throttle per address and session lifetime", () => {
  it("throttles an address after 20 failures across usernames", async () => {
    const s = await startTestServer({ trustProxy: true });
    try {
      const headers = { "x-forwarded-for": "203.0.113.7" };
      for (let i = 0; i < 20; i++) {
        const r = await s.call("POST", "/api/v1/auth/login", { json: { username: `u${i}`, password: "x" }, headers });
        expect(r.status).toBe(401);
      }
      const blocked = await s.call("POST", "/api/v1/auth/login", {
        json: { username: "admin", password: PASSWORD },
        headers,
      });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
      // Another address is not affected.
      const other = await s.call("POST", "/api/v1/auth/login", {
        json: { username: "admin", password: PASSWORD },
        headers: { "x-forwarded-for": "198.51.100.1" },
      });
      expect(other.status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it("the throttle lifts once the window has passed", async () => {
    let now = Date.parse("2024-01-01T00:00:00Z");
    const s = await startTestServer({ now: () => now });
    try {
      for (let i = 0; i < 5; i++)
        await s.call("POST", "/api/v1/auth/login", { json: { username: "admin", password: "x" } });
      const blocked = await s.call("POST", "/api/v1/auth/login", { json: { username: "admin", password: PASSWORD } });
      expect(blocked.status).toBe(429);
      now += Number(blocked.headers.get("retry-after")) * 1000;
      const ok = await s.call("POST", "/api/v1/auth/login", { json: { username: "admin", password: PASSWORD } });
      expect(ok.status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it("a session expires after 30 idle days and slides with use", async () => {
    let now = Date.parse("2024-01-01T00:00:00Z");
    const day = 24 * 3600 * 1000;
    const s = await startTestServer({ now: () => now });
    try {
      const cookie = await s.login("tamduong");
      now += 20 * day;
      expect((await s.call("GET", "/api/v1/auth/me", { cookie })).status).toBe(200);
      now += 20 * day; // 40 days after login, 20 after last use
      const me = await s.call("GET", "/api/v1/auth/me", { cookie });
      expect(me.status).toBe(200);
      expect(Date.parse(me.body.expiresAt)).toBe(now + 30 * day);
      now += 31 * day;
      expect((await s.call("GET", "/api/v1/auth/me", { cookie })).status).toBe(401);
    } finally {
      await s.close();
    }
  });

  it("disabling a user kills their sessions at once and refuses login", async () => {
    const s = await startTestServer();
    try {
      const cookie = await s.login("tamduong");
      const admin = await s.login("admin");
      const patch = await s.call("PATCH", `/api/v1/admin/users/${s.ids.tamduong}`, {
        cookie: admin,
        json: { disabled: true },
      });
      expect(patch.status).toBe(200);
      expect(patch.body.disabled).toBe(true);
      expect((await s.call("GET", "/api/v1/auth/me", { cookie })).status).toBe(401);
      expect((await s.push(cookie, [])).status).toBe(401);
      const login = await s.call("POST", "/api/v1/auth/login", { json: { username: "tamduong", password: PASSWORD } });
      expect(login.status).toBe(401);
    } finally {
      await s.close();
    }
  });

  it("changing a password kills every session of that user; the new password works", async () => {
    const s = await startTestServer();
    try {
      const a = await s.login("phongtho");
      const b = await s.login("phongtho");
      const admin = await s.login("admin");
      const patch = await s.call("PATCH", `/api/v1/admin/users/${s.ids.phongtho}`, {
        cookie: admin,
        json: { password: "a brand new secret" },
      });
      expect(patch.status).toBe(200);
      expect((await s.call("GET", "/api/v1/auth/me", { cookie: a })).status).toBe(401);
      expect((await s.call("GET", "/api/v1/auth/me", { cookie: b })).status).toBe(401);
      expect((await s.call("GET", "/api/v1/auth/me", { cookie: admin })).status).toBe(200);
      const login = await s.call("POST", "/api/v1/auth/login", {
        json: { username: "phongtho", password: "a brand new secret" },
      });
      expect(login.status).toBe(200);
      expect(sessionCookie(login.headers)).toMatch(/^sid=/);
    } finally {
      await s.close();
    }
  });
});
