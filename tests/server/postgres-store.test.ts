/**
 * Where PostgreSQL differs from SQLite underneath, the API must not: text PostgreSQL cannot hold
 * as is (U+0000) round-trips in notes, client ids and names, on both stores; and on PostgreSQL,
 * processes starting together apply each migration once, and concurrent pushes of one entry id
 * or of corrections of one chain through two pools keep the same rules as one at a time.
 */
import { expect, it } from "vitest";
import { createApp } from "../../server/app";
import { silentLogger } from "../../server/log";
import { postgresMigrations } from "../../server/store/migrations/postgres";
import { openPostgresStore } from "../../server/store/postgres";
import type { Entry } from "../../src/domain/schemas";
import {
  CAMPAIGN,
  correction,
  createTestDatabase,
  describeEachStore,
  describePostgres,
  makeEntry,
  PASSWORD,
  startTestServer,
  TEST_SCRYPT,
} from "./helpers";

describeEachStore("text the database may not hold as is", () => {
  it("notes and client ids with U+0000 or U+FFFE round-trip, and a retry is still a duplicate", async () => {
    const s = await startTestServer();
    try {
      const cookie = await s.login("tamduong");
      const notes = ["a\u0000b", "\uFFFE", '\uFFFE{"json"}', "plain, with \\ and \" and '", "Sổ Thi Đua ✓"];
      const entries = notes.map((note) => makeEntry({ note }));
      const clientId = "dev\u0000\uFFFE";
      const first = await s.push(cookie, entries, clientId);
      expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(notes.map(() => "stored"));
      const again = await s.push(cookie, entries, clientId);
      expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(notes.map(() => "duplicate"));
      const other = await s.push(await s.login("phongtho"), [], clientId);
      expect(other.status).toBe(403);
      const pulled = await s.call("GET", "/api/v1/sync/pull", { cookie });
      expect(pulled.body.entries.map((e: Entry) => e.note)).toEqual(notes);
    } finally {
      await s.close();
    }
  });

  it("a username with U+0000 is a wrong login, not a server error", async () => {
    const s = await startTestServer();
    try {
      const r = await s.call("POST", "/api/v1/auth/login", {
        json: { username: "tam\u0000duong", password: PASSWORD },
      });
      expect(r.status).toBe(401);
    } finally {
      await s.close();
    }
  });
});

describePostgres("PostgreSQL: several processes", () => {
  it("processes starting together apply each migration once", async () => {
    const db = await createTestDatabase(false);
    const stores = [1, 2, 3].map(() => openPostgresStore(db.url));
    try {
      const applied = await Promise.all(stores.map((st) => st.migrate()));
      // Every version exactly once, across the three processes together.
      expect(applied.flat().sort((a, b) => a - b)).toEqual(postgresMigrations.map((m) => m.version));
    } finally {
      await Promise.all(stores.map((st) => st.close()));
      await db.drop();
    }
  });

  it("concurrent pushes through two pools: one id stored once, one chain never below zero", async () => {
    const s = await startTestServer();
    const other = openPostgresStore(s.databaseUrl as string);
    const appB = createApp({
      store: other,
      config: { scrypt: TEST_SCRYPT, log: silentLogger, pushBurst: 1e6, readBurst: 1e6 },
    });
    try {
      const cookie = await s.login("tamduong");
      const root = makeEntry({ quantity: 5 });
      expect((await s.push(cookie, [root], "dev-1")).body.results[0].status).toBe("stored");
      // Eight devices race: the same new entry, and a correction of -3 each (only one fits in 5).
      const shared = makeEntry({ quantity: 2 });
      const racers = Array.from({ length: 8 }, async (_, i) => {
        const json = { clientId: `dev-${i + 2}`, entries: [shared, correction(root, -3, { note: `fix ${i}` })] };
        if (i % 2 === 0) return (await s.call("POST", "/api/v1/sync/push", { cookie, json })).body;
        const headers = { cookie, "content-type": "application/json" };
        const res = await appB.request("/api/v1/sync/push", { method: "POST", headers, body: JSON.stringify(json) });
        return res.json();
      });
      const answers = await Promise.all(racers);
      const statuses = answers.map((a) =>
        a.results.map((r: { status: string; reason?: string }) => r.reason ?? r.status),
      );
      expect(statuses.filter((x) => x[0] === "stored")).toHaveLength(1);
      expect(statuses.filter((x) => x[0] === "duplicate")).toHaveLength(7);
      expect(statuses.filter((x) => x[1] === "stored")).toHaveLength(1);
      expect(statuses.filter((x) => x[1] === "negative-net")).toHaveLength(7);
      const totals = await s.call("GET", `/api/v1/totals?campaignId=${CAMPAIGN}&unitId=tam-duong-01`, { cookie });
      const t11 = totals.body.parts.find((p: { partId: string }) => p.partId === "t1-1");
      expect(t11.achieved).toBe(5 + 2 - 3);
      expect((await other.ledger.cells(CAMPAIGN)).reduce((n, c) => n + c.net, 0)).toBe(4);
    } finally {
      await other.close();
      await s.close();
    }
  });
});
