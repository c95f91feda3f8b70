/**
 * Sign-in security (DESIGN §7): nobody can lock a user out by failing at their username from
 * elsewhere (the locks fall on the failing addresses; the username only gets a growing wait),
 * `unlock-user` lifts a lock, and a flood of password checks is answered 503 + Retry-After
 * instead of stalling the server.
 */
import { expect, it } from "vitest";
import { runAdminCommand } from "../../server/admin-commands";
import { describeEachStore, PASSWORD, startTestServer, TEST_SCRYPT } from "./helpers";

const LOGIN = "/api/v1/auth/login";

describeEachStore("sign-in locks fall on the failing addresses", () => {
  it("50 wrong passwords for admin from other addresses do not refuse the right one from an unthrottled address", async () => {
    const s = await startTestServer({ trustProxy: true });
    try {
      for (let i = 0; i < 50; i++) {
        const r = await s.call("POST", LOGIN, {
          json: { username: "admin", password: `guess ${i}` },
          headers: { "x-forwarded-for": `203.0.113.${i % 5}` },
        });
        expect([401, 429]).toContain(r.status);
      }
      const attacker = await s.call("POST", LOGIN, {
        json: { username: "admin", password: PASSWORD },
        headers: { "x-forwarded-for": "203.0.113.1" },
      });
      expect(attacker.status).toBe(429);
      const admin = await s.call("POST", LOGIN, {
        json: { username: "admin", password: PASSWORD },
        headers: { "x-forwarded-for": "198.51.100.20" },
      });
      expect(admin.status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it("failures at a username from everywhere make its check wait, longer as they grow", async () => {
    const s = await startTestServer({ trustProxy: true, loginUserDelayMs: 150, loginUserDelayMaxMs: 1000 });
    const timed = async (address: string, password: string) => {
      const started = performance.now();
      const r = await s.call("POST", LOGIN, {
        json: { username: "tamduong", password },
        headers: { "x-forwarded-for": address },
      });
      return { status: r.status, ms: performance.now() - started };
    };
    try {
      for (let i = 0; i < 5; i++) expect((await timed(`192.0.2.${i}`, "wrong")).status).toBe(401);
      const after5 = await timed("192.0.2.100", PASSWORD);
      expect(after5.status).toBe(200);
      expect(after5.ms).toBeGreaterThanOrEqual(140);
      // The right password cleared only its own address's failures: the others' still count.
      for (let i = 5; i < 10; i++) expect((await timed(`192.0.2.${i}`, "wrong")).status).toBe(401);
      const after10 = await timed("192.0.2.101", PASSWORD);
      expect(after10.status).toBe(200);
      expect(after10.ms).toBeGreaterThanOrEqual(290);
    } finally {
      await s.close();
    }
  });

  it("npm run admin -- unlock-user lifts the lock of a throttled address", async () => {
    const s = await startTestServer();
    try {
      for (let i = 0; i < 5; i++) {
        expect((await s.call("POST", LOGIN, { json: { username: "supervisor", password: "x" } })).status).toBe(401);
      }
      expect((await s.call("POST", LOGIN, { json: { username: "supervisor", password: PASSWORD } })).status).toBe(429);
      const lines: string[] = [];
      expect(await runAdminCommand(["unlock-user", "Supervisor"], s.store, TEST_SCRYPT, (l) => lines.push(l))).toBe(0);
      expect(lines.join("\n")).toContain("supervisor");
      expect((await s.call("POST", LOGIN, { json: { username: "supervisor", password: PASSWORD } })).status).toBe(200);
      expect(await runAdminCommand(["unlock-user"], s.store, TEST_SCRYPT, () => {})).toBe(1);
    } finally {
      await s.close();
    }
  });
});

describeEachStore("password checks are limited", () => {
  it("a flood of sign-ins beyond 2 running and 2 queued checks is answered 503 busy with Retry-After", async () => {
    // A costlier hash (16 MiB) so that the checks overlap; unknown names check against it too.
    const s = await startTestServer({
      trustProxy: true,
      scrypt: { N: 2 ** 14, r: 8, p: 1 },
      passwordChecksRunning: 2,
      passwordChecksQueued: 2,
    });
    try {
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          s.call("POST", LOGIN, {
            json: { username: `ghost-${i}`, password: "nope" },
            headers: { "x-forwarded-for": `198.18.0.${i}` },
          }),
        ),
      );
      const busy = answers.filter((r) => r.status === 503);
      expect(busy.length).toBeGreaterThan(0);
      expect(answers.every((r) => r.status === 401 || r.status === 503)).toBe(true);
      for (const r of busy) {
        expect(r.body.error.code).toBe("busy");
        expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      }
      // Nothing stays taken: a sign-in afterwards is checked.
      const ok = await s.call("POST", LOGIN, { json: { username: "admin", password: PASSWORD } });
      expect(ok.status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
