/**
 * Production settings over HTTP (DESIGN §6, §7): /healthz; Secure cookie and HSTS whenever the
 * request came over HTTPS (a TLS socket, or a trusted proxy saying so) and never on a claim
 * from an untrusted client; a 90-day absolute session lifetime; the CSRF check compares whole
 * origins, scheme included; IPv6 clients counted by /64; DATA_DIR created 0700.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { openDataDir } from "../../server/bootstrap";
import { addressKey } from "../../server/http/client-address";
import { silentLogger } from "../../server/log";
import { describeEachStore, PASSWORD, startTestServer } from "./helpers";

const LOGIN = "/api/v1/auth/login";
const DAY = 24 * 3600 * 1000;

describeEachStore("production: health and HTTPS", () => {
  it("GET /healthz answers 200 {ok:true} while the store answers, 503 once it does not", async () => {
    const s = await startTestServer();
    try {
      const ok = await s.call("GET", "/healthz");
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ ok: true });
    } finally {
      await s.close();
    }
    const down = await s.call("GET", "/healthz");
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ok: false, error: { code: "store-unavailable" } });
  });

  it("Secure cookie and HSTS behind a trusted proxy saying https; neither when the proxy is not trusted", async () => {
    const trusted = await startTestServer({ trustProxy: true });
    const untrusted = await startTestServer();
    try {
      const json = { username: "tamduong", password: PASSWORD };
      const headers = { "x-forwarded-proto": "https" };
      const yes = await trusted.call("POST", LOGIN, { json, headers });
      expect(yes.status).toBe(200);
      expect(yes.headers.get("set-cookie")).toContain("Secure");
      expect(yes.headers.get("strict-transport-security")).toBe("max-age=31536000");
      const page = await trusted.call("GET", "/healthz", { headers });
      expect(page.headers.get("strict-transport-security")).toBe("max-age=31536000");
      const plain = await trusted.call("POST", LOGIN, { json });
      expect(plain.headers.get("set-cookie")).not.toContain("Secure");
      expect(plain.headers.get("strict-transport-security")).toBeNull();
      const claimed = await untrusted.call("POST", LOGIN, { json, headers });
      expect(claimed.status).toBe(200);
      expect(claimed.headers.get("set-cookie")).not.toContain("Secure");
      expect(claimed.headers.get("strict-transport-security")).toBeNull();
    } finally {
      await trusted.close();
      await untrusted.close();
    }
  });

  it("Secure cookie and HSTS when the request itself came over TLS", async () => {
    const s = await startTestServer();
    try {
      const res = await s.app.request("https://sothidua.example/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "tamduong", password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("set-cookie")).toContain("Secure");
      expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
    } finally {
      await s.close();
    }
  });

  it("a session used every week still ends 90 days after sign-in", async () => {
    let now = Date.parse("2024-01-01T00:00:00Z");
    const s = await startTestServer({ now: () => now });
    try {
      const cookie = await s.login("tamduong");
      for (let day = 7; day <= 84; day += 7) {
        now = Date.parse("2024-01-01T00:00:00Z") + day * DAY;
        const me = await s.call("GET", "/api/v1/auth/me", { cookie });
        expect(me.status).toBe(200);
        expect(Date.parse(me.body.expiresAt)).toBeLessThanOrEqual(Date.parse("2024-01-01T00:00:00Z") + 90 * DAY);
      }
      now = Date.parse("2024-01-01T00:00:00Z") + 90 * DAY + 1000;
      expect((await s.call("GET", "/api/v1/auth/me", { cookie })).status).toBe(401);
    } finally {
      await s.close();
    }
  });

  it("refuses a state-changing request whose Origin differs only in scheme", async () => {
    const s = await startTestServer({ trustProxy: true });
    try {
      const json = { username: "tamduong", password: PASSWORD };
      const https = { "x-forwarded-proto": "https", host: "sothidua.example" };
      const downgraded = await s.call("POST", LOGIN, {
        json,
        headers: { ...https, origin: "http://sothidua.example" },
      });
      expect(downgraded.status).toBe(403);
      expect(downgraded.body.error.code).toBe("cross-origin");
      const same = await s.call("POST", LOGIN, { json, headers: { ...https, origin: "https://sothidua.example" } });
      expect(same.status).toBe(200);
      const plain = await s.call("POST", LOGIN, {
        json,
        headers: { host: "localhost:8080", origin: "https://localhost:8080" },
      });
      expect(plain.status).toBe(403);
      const plainSame = await s.call("POST", LOGIN, {
        json,
        headers: { host: "localhost:8080", origin: "http://localhost:8080" },
      });
      expect(plainSame.status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it("counts IPv6 clients by /64: five failures from one /64 throttle the whole block", async () => {
    const s = await startTestServer({ trustProxy: true });
    try {
      for (let i = 1; i <= 5; i++) {
        const r = await s.call("POST", LOGIN, {
          json: { username: "phongtho", password: "wrong" },
          headers: { "x-forwarded-for": `2001:db8:7:42::${i}` },
        });
        expect(r.status).toBe(401);
      }
      const sameBlock = await s.call("POST", LOGIN, {
        json: { username: "phongtho", password: PASSWORD },
        headers: { "x-forwarded-for": "2001:db8:7:42:abcd:1:2:3" },
      });
      expect(sameBlock.status).toBe(429);
      const otherBlock = await s.call("POST", LOGIN, {
        json: { username: "phongtho", password: PASSWORD },
        headers: { "x-forwarded-for": "2001:db8:7:43::1" },
      });
      expect(otherBlock.status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

it("addressKey: IPv4 as is, IPv6 by /64 in one spelling, IPv4-mapped as IPv4", () => {
  expect(addressKey("203.0.113.9")).toBe("203.0.113.9");
  expect(addressKey("2001:DB8:0:0:1::1")).toBe("2001:db8:0:0::/64");
  expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
  expect(addressKey("[2001:db8:a:b:c:d:e:f]")).toBe("2001:db8:a:b::/64");
  expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  expect(addressKey("::ffff:198.51.100.4")).toBe("198.51.100.4");
  expect(addressKey("::1")).toBe("0:0:0:0::/64");
  expect(addressKey("unknown")).toBe("unknown");
});

it("creates DATA_DIR readable by its owner only (0700)", async () => {
  const root = mkdtempSync(join(tmpdir(), "std-datadir-"));
  const dir = join(root, "var");
  try {
    const store = await openDataDir(dir, silentLogger);
    await store.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

describeEachStore("production: requests per address behind a proxy", () => {
  it("answers a client address over its cap 503 busy with Retry-After, while other addresses pass", async () => {
    const s = await startTestServer({ trustProxy: true, maxRequestsPerAddress: 2 });
    try {
      const cookie = await s.login("tamduong");
      const from = (address: string) => ({ "x-forwarded-for": `198.51.100.9, ${address}` });
      // Two pushes whose bodies are still arriving hold the two places of one address.
      const held = [0, 1].map(() => {
        let finish = () => {};
        let reading = () => {};
        const started = new Promise<void>((resolve) => {
          reading = resolve;
        });
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            finish = () => {
              controller.enqueue(new TextEncoder().encode(JSON.stringify({ clientId: "c-held", entries: [] })));
              controller.close();
            };
          },
          pull() {
            reading();
          },
        });
        const answer = s.call("POST", "/api/v1/sync/push", {
          cookie,
          body,
          headers: { ...from("203.0.113.5"), "content-type": "application/json" },
        });
        return { answer, started, finish: () => finish() };
      });
      await Promise.all(held.map((h) => h.started));

      const over = await s.call("GET", "/api/v1/auth/me", { cookie, headers: from("203.0.113.5") });
      expect(over.status).toBe(503);
      expect(over.body).toMatchObject({ error: { code: "busy" } });
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
      const other = await s.call("GET", "/api/v1/auth/me", { cookie, headers: from("203.0.113.6") });
      expect(other.status).toBe(200);

      for (const h of held) h.finish();
      for (const h of held) expect((await h.answer).status).not.toBe(503);
      const again = await s.call("GET", "/api/v1/auth/me", { cookie, headers: from("203.0.113.5") });
      expect(again.status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
