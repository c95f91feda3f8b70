/**
 * Scope as a matrix (DESIGN §3, OWASP API1): for every user × every unit of the sample tree ×
 * every route that takes a unit, the answer is what the user's scope says, where the scope is
 * computed here from the unit file's parent links (not by the server's UnitTree). Also: a
 * disabled user's session stops at once, and every answer carries the CSP.
 */

import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Entry, Unit } from "../../src/domain/schemas";
import { CSP } from "./fuzz-support";
import {
  type Answer,
  CAMPAIGN,
  correction,
  describeEachStore,
  makeEntry,
  PASSWORD,
  startTestServer,
  type TestServer,
} from "./helpers";

const units: Unit[] = JSON.parse(readFileSync(new URL("../../data/units-sample.json", import.meta.url), "utf8")).units;
const UNKNOWN = "no-such-unit";

/** Every unit below (and including) the given ones, by walking parent links. */
function subtreeOf(roots: readonly string[]): Set<string> {
  const out = new Set<string>();
  const below = (id: string): boolean => {
    for (let u = units.find((x) => x.id === id); u; u = units.find((x) => x.id === u?.parentId)) {
      if (roots.includes(u.id)) return true;
    }
    return false;
  };
  for (const u of units) if (below(u.id)) out.add(u.id);
  return out;
}

/** The users of the matrix: role, assigned units, and (null for admins) the scope they imply. */
const MATRIX_USERS = {
  admin: { role: "admin", unitIds: [] as string[] },
  supervisor: { role: "supervisor", unitIds: ["lct"] },
  tamduong: { role: "officer", unitIds: ["tam-duong"] },
  phongtho: { role: "officer", unitIds: ["phong-tho"] },
  grassroots: { role: "officer", unitIds: ["tam-duong-01"] },
  twoplaces: { role: "supervisor", unitIds: ["sin-ho", "cd-y-te"] },
} as const;
type Who = keyof typeof MATRIX_USERS;
const WHO = Object.keys(MATRIX_USERS) as Who[];
const scopeOf = (who: Who): Set<string> | null =>
  MATRIX_USERS[who].role === "admin" ? null : subtreeOf(MATRIX_USERS[who].unitIds);
const allowed = (who: Who, unitId: string): boolean => {
  const scope = scopeOf(who);
  return scope === null ? unitId !== UNKNOWN : scope.has(unitId);
};

describeEachStore("scope matrix: user × unit × route", () => {
  let s: TestServer;
  const cookies = {} as Record<Who, string>;
  /** One entry per unit, stored by the admin before the matrix runs. */
  const seeded = new Map<string, Entry>();
  let requests = 0;

  async function call(who: Who | null, method: string, path: string, json?: unknown): Promise<Answer> {
    requests++;
    const opts: { cookie?: string; json?: unknown } = json === undefined ? {} : { json };
    if (who) opts.cookie = cookies[who];
    const r = await s.call(method, path, opts);
    expect(r.headers.get("content-security-policy"), `${method} ${path}`).toBe(CSP);
    return r;
  }

  beforeAll(async () => {
    s = await startTestServer();
    const admin = await s.login("admin");
    for (const [username, u] of Object.entries(MATRIX_USERS)) {
      if (username !== "admin" && !(username in s.ids)) {
        const r = await s.call("POST", "/api/v1/admin/users", {
          cookie: admin,
          json: { username, name: username, role: u.role, unitIds: [...u.unitIds], password: PASSWORD },
        });
        expect(r.status).toBe(201);
      }
      cookies[username as Who] = await s.login(username);
    }
    const entries = units.map((u) => makeEntry({ unitId: u.id, quantity: 2 }));
    const r = await s.push(admin, entries, "matrix-admin");
    expect(r.body.results.every((x: { status: string }) => x.status === "stored")).toBe(true);
    for (const e of entries) seeded.set(e.unitId, e);
  });
  afterAll(async () => {
    console.log(`scope matrix: ${WHO.length} users × ${units.length + 1} units, ${requests} requests`);
    await s.close();
  });

  it("push: stored inside the scope, forbidden outside (unknown units too, for non-admins)", async () => {
    for (const who of WHO) {
      const entries = [...units.map((u) => u.id), UNKNOWN].map((unitId) => makeEntry({ unitId }));
      const r = await call(who, "POST", "/api/v1/sync/push", { clientId: `matrix-${who}`, entries });
      expect(r.status).toBe(200);
      entries.forEach((e, i) => {
        const expected = allowed(who, e.unitId)
          ? { status: "stored" }
          : who === "admin"
            ? { status: "rejected", reason: "unknown-unit" }
            : { status: "rejected", reason: "forbidden" };
        expect(r.body.results[i], `${who} → ${e.unitId}`).toMatchObject(expected);
      });
    }
  });

  it("nominations: stored inside the scope, forbidden outside; decisions only from the level above", async () => {
    const nominate = (unitId: string) => ({
      id: randomUUID(),
      campaignId: CAMPAIGN,
      unitId,
      kind: "collective",
      name: `Tập thể ${unitId}`,
      achievements: "Hoàn thành xuất sắc nhiệm vụ",
      award: "Giấy khen",
      createdAt: "2023-12-20T09:00:00.000+07:00",
    });
    for (const who of WHO) {
      const nominations = [...units.map((u) => u.id), UNKNOWN].map(nominate);
      const r = await call(who, "POST", "/api/v1/nominations", { clientId: `matrix-${who}`, nominations });
      expect(r.status).toBe(200);
      nominations.forEach((n, i) => {
        const expected = allowed(who, n.unitId)
          ? { status: "stored" }
          : { status: "rejected", reason: who === "admin" ? "unknown-unit" : "forbidden" };
        expect(r.body.results[i], `${who} → ${n.unitId}`).toMatchObject(expected);
      });
    }
    const byAdmin = units.map((u) => nominate(u.id));
    await call("admin", "POST", "/api/v1/nominations", { clientId: "matrix-admin", nominations: byAdmin });
    for (const who of WHO) {
      const reviews = byAdmin.map((n) => ({
        id: randomUUID(),
        nominationId: n.id,
        state: "accepted",
        createdAt: "2023-12-28T09:00:00.000+07:00",
      }));
      const r = await call(who, "POST", "/api/v1/nomination-reviews", { clientId: `matrix-${who}`, reviews });
      expect(r.status).toBe(200);
      byAdmin.forEach((n, i) => {
        const parent = units.find((u) => u.id === n.unitId)?.parentId;
        const scope = scopeOf(who);
        const expected =
          MATRIX_USERS[who].role === "officer"
            ? "forbidden"
            : !allowed(who, n.unitId)
              ? "unknown-nomination"
              : parent !== undefined && (scope === null || scope.has(parent))
                ? undefined
                : "forbidden";
        const want = expected === undefined ? { status: "stored" } : { status: "rejected", reason: expected };
        expect(r.body.results[i], `${who} decides on ${n.unitId}`).toMatchObject(want);
      });
    }
  });

  it("replies to reviews: stored for an entry in scope, unknown-entry outside it (exactly like a missing one)", async () => {
    for (const who of WHO) {
      const replies = [...units.map((u) => (seeded.get(u.id) as Entry).id), randomUUID()].map((entryId) => ({
        id: randomUUID(),
        entryId,
        text: "Đã bổ sung",
        createdAt: "2023-12-20T09:00:00.000+07:00",
      }));
      const r = await call(who, "POST", "/api/v1/replies", { clientId: `matrix-${who}`, replies });
      expect(r.status).toBe(200);
      replies.forEach((reply, i) => {
        const unitId = units[i]?.id ?? UNKNOWN;
        const want = allowed(who, unitId) ? { status: "stored" } : { status: "rejected", reason: "unknown-entry" };
        expect(r.body.results[i], `${who} replies on ${unitId}: ${reply.entryId}`).toMatchObject(want);
      });
    }
  });

  it("correction: allowed inside the scope; an entry outside it is unknown, even from a unit inside", async () => {
    for (const who of WHO) {
      const own = scopeOf(who);
      const home = own ? [...own][0] : "lct";
      const entries: Entry[] = [];
      const expected: string[] = [];
      for (const u of units) {
        const target = seeded.get(u.id) as Entry;
        if (allowed(who, u.id)) {
          entries.push(correction(target, -1, { id: randomUUID() }));
          expected.push("stored");
        } else {
          // Same part and date, written at a unit the user may write for: must not reveal the entry.
          entries.push(correction(target, -1, { id: randomUUID(), unitId: home as string }));
          expected.push("unknown-corrected-entry");
        }
      }
      const r = await call(who, "POST", "/api/v1/sync/push", { clientId: `matrix-${who}`, entries });
      expect(r.status).toBe(200);
      const got = r.body.results.map((x: { status: string; reason?: string }) => x.reason ?? x.status);
      expect(got, who).toEqual(expected);
      // Undo, so every seeded chain is back to its net for the next user.
      const undo = entries
        .filter((_, i) => expected[i] === "stored")
        .map((e) => correction(e, 1, { id: randomUUID() }));
      if (undo.length > 0) await call(who, "POST", "/api/v1/sync/push", { clientId: `matrix-${who}`, entries: undo });
    }
  });

  it("totals by unit: 200 inside the scope, 403 outside and for unknown units", async () => {
    for (const who of WHO) {
      for (const unitId of [...units.map((u) => u.id), UNKNOWN]) {
        const r = await call(who, "GET", `/api/v1/totals?campaignId=${CAMPAIGN}&unitId=${unitId}`);
        expect(r.status, `${who} totals ${unitId}`).toBe(allowed(who, unitId) ? 200 : 403);
      }
    }
  });

  it("totals without a unit: one row per top scope root", async () => {
    for (const who of WHO) {
      const r = await call(who, "GET", `/api/v1/totals?campaignId=${CAMPAIGN}`);
      expect(r.status).toBe(200);
      const rows = r.body.units.map((u: { unitId: string }) => u.unitId).sort();
      const expected = who === "admin" ? ["lct"] : [...MATRIX_USERS[who].unitIds].sort();
      expect(rows, who).toEqual(expected);
    }
  });

  it("pull: exactly the entries of the scope's units, no other", async () => {
    for (const who of WHO) {
      const seen = new Set<string>();
      let since = "";
      for (let page = 0; page < 100; page++) {
        const r = await call(who, "GET", `/api/v1/sync/pull${since ? `?since=${since}` : ""}`);
        expect(r.status).toBe(200);
        for (const e of r.body.entries) seen.add(e.unitId);
        since = r.body.cursor;
        if (!r.body.hasMore) break;
      }
      const expected = units.map((u) => u.id).filter((id) => allowed(who, id));
      expect([...seen].sort(), who).toEqual(expected.sort());
    }
  });

  it("admin and catalog routes: only admins", async () => {
    const routes: [string, string, unknown?][] = [
      ["GET", "/api/v1/admin/users"],
      ["POST", "/api/v1/admin/users", { username: "m1", name: "m", role: "officer", unitIds: ["lct"], password: "x" }],
      ["PATCH", `/api/v1/admin/users/${s.ids.tamduong}`, { name: "Renamed" }],
      ["GET", "/api/v1/units"],
      ["GET", "/api/v1/campaigns"],
    ];
    for (const who of [...WHO, null]) {
      for (const [method, path, json] of routes) {
        const r = await call(who, method, path, json);
        const expected = who === null ? [401] : who === "admin" ? [200, 400] : [403];
        expect(expected, `${who} ${method} ${path}: ${r.status}`).toContain(r.status);
      }
    }
  });

  it("a disabled user's session stops at once on every route; re-enabling does not revive it", async () => {
    const r = await call("admin", "PATCH", `/api/v1/admin/users/${s.ids.tamduong}`, { disabled: true });
    expect(r.status).toBe(200);
    const routes: [string, string, unknown?][] = [
      ["GET", "/api/v1/auth/me"],
      ["POST", "/api/v1/sync/push", { clientId: "matrix-tamduong", entries: [makeEntry()] }],
      ["GET", "/api/v1/sync/pull"],
      ["GET", `/api/v1/totals?campaignId=${CAMPAIGN}`],
    ];
    for (const [method, path, json] of routes) {
      expect((await call("tamduong", method, path, json)).status, `${method} ${path}`).toBe(401);
    }
    const login = await call(null, "POST", "/api/v1/auth/login", { username: "tamduong", password: PASSWORD });
    expect(login.status).toBe(401);
    await call("admin", "PATCH", `/api/v1/admin/users/${s.ids.tamduong}`, { disabled: false });
    expect((await call("tamduong", "GET", "/api/v1/auth/me")).status).toBe(401);
    const again = await call(null, "POST", "/api/v1/auth/login", { username: "tamduong", password: PASSWORD });
    expect(again.status).toBe(200);
  });
});
