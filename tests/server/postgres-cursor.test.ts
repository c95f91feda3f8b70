/**
 * The pull cursor on PostgreSQL never skips a row (postgres-ledger.ts explains why). First the
 * hazard itself, shown with a plain sequence: two transactions commit out of sequence order and a
 * cursor following the sequence misses a row for good. Then the store under that very
 * interleaving, made deterministic by a test trigger that holds push A inside its transaction
 * (after its rows got their seq) while push B, from a second app with its own pool, tries to
 * commit and pulls page through both apps: nothing is missed, and B's entries come after A's.
 */
import { afterEach, expect, it } from "vitest";
import { createApp } from "../../server/app";
import { silentLogger } from "../../server/log";
import { openPostgresStore } from "../../server/store/postgres";
import { LOCK_NAMESPACE, PUSH_LOCK, pg } from "../../server/store/postgres-pool";
import type { Entry } from "../../src/domain/schemas";
import {
  type Answer,
  createTestDatabase,
  describePostgres,
  makeEntry,
  startTestServer,
  TEST_SCRYPT,
  type TestServer,
} from "./helpers";

async function connect(url: string): Promise<InstanceType<typeof pg.Client>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

describePostgres("pull cursor on PostgreSQL under concurrent writers", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanups.splice(0).reverse()) await f();
  });

  it("a plain sequence commits out of order, and a cursor following it skips a row (the hazard)", async () => {
    const db = await createTestDatabase(false);
    cleanups.push(db.drop);
    const [a, b, reader] = await Promise.all([connect(db.url), connect(db.url), connect(db.url)]);
    cleanups.push(async () => {
      await Promise.all([a.end(), b.end(), reader.end()]);
    });
    await reader.query("CREATE TABLE naive (seq bigserial PRIMARY KEY, v text NOT NULL)");
    await a.query("BEGIN");
    await a.query("INSERT INTO naive (v) VALUES ('a')"); // takes seq 1, not committed yet
    await b.query("BEGIN");
    await b.query("INSERT INTO naive (v) VALUES ('b')"); // takes seq 2
    await b.query("COMMIT");
    const page1 = await reader.query<{ seq: string }>("SELECT seq FROM naive WHERE seq > 0 ORDER BY seq");
    const cursor = Number(page1.rows.at(-1)?.seq);
    await a.query("COMMIT");
    const page2 = await reader.query("SELECT seq FROM naive WHERE seq > $1 ORDER BY seq", [cursor]);
    const total = await reader.query("SELECT count(*)::int AS n FROM naive");
    expect(page1.rows.map((r) => Number(r.seq))).toEqual([2]);
    expect(page2.rows).toEqual([]);
    expect(total.rows[0].n).toBe(2); // row 1 exists, and no cursor will ever hand it out
  });

  it("the store: while push A is in flight, push B waits; pulls through both apps miss nothing", async () => {
    const s: TestServer = await startTestServer({ pullPageSize: 3 });
    cleanups.push(() => s.close());
    const url = s.databaseUrl as string;
    const storeB = openPostgresStore(url);
    cleanups.push(() => storeB.close());
    const appB = createApp({
      store: storeB,
      config: { scrypt: TEST_SCRYPT, log: silentLogger, pushBurst: 1e6, readBurst: 1e6 },
    });
    const sql = await connect(url);
    cleanups.push(() => sql.end());
    // Test-only: a row with note "slow" holds its push inside the INSERT, after seq was assigned.
    await sql.query(`
      CREATE FUNCTION stdua_test_slow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.note = 'slow' THEN PERFORM pg_sleep(0.6); END IF; RETURN NEW; END $$;
      CREATE TRIGGER stdua_test_slow BEFORE INSERT ON entries FOR EACH ROW EXECUTE FUNCTION stdua_test_slow();`);
    const cookie = await s.login("tamduong");
    const callB = async (path: string, init: RequestInit): Promise<Answer> => {
      const res = await appB.request(path, init);
      return { status: res.status, body: await res.json(), headers: res.headers };
    };
    const pushB = (entries: Entry[]) =>
      callB("/api/v1/sync/push", {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ clientId: "dev-b", entries }),
      });

    const aEntries = [makeEntry({ note: "slow" }), ...Array.from({ length: 6 }, () => makeEntry({ note: "a" }))];
    const bEntries = Array.from({ length: 6 }, () => makeEntry({ note: "b" }));
    const pushA = s.push(cookie, aEntries, "dev-a");
    // Wait until A holds the push lock (it is then sleeping inside its transaction).
    for (let tries = 0; ; tries++) {
      if (tries > 500) throw new Error("push A never took the push lock");
      const held = await sql.query(
        "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = $2",
        [LOCK_NAMESPACE, PUSH_LOCK],
      );
      if (held.rowCount) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const pushBDone = pushB(bEntries);

    // A device pulls page after page, alternating apps, while both pushes are in flight.
    const seen: string[] = [];
    let cursor = "";
    let settled = false;
    void Promise.all([pushA, pushBDone]).then(() => {
      settled = true;
    });
    for (let round = 0; ; round++) {
      const wasSettled = settled;
      const q = cursor === "" ? "" : `?since=${encodeURIComponent(cursor)}`;
      const page =
        round % 2 === 0
          ? await s.call("GET", `/api/v1/sync/pull${q}`, { cookie })
          : await callB(`/api/v1/sync/pull${q}`, { headers: { cookie } });
      expect(page.status).toBe(200);
      seen.push(...page.body.entries.map((e: Entry) => e.id));
      cursor = page.body.cursor;
      if (wasSettled && !page.body.hasMore) break;
      if (!page.body.hasMore) await new Promise((r) => setTimeout(r, 20));
    }
    const [a, b] = await Promise.all([pushA, pushBDone]);
    expect(a.body.results.map((r: { status: string }) => r.status)).toEqual(aEntries.map(() => "stored"));
    expect(b.body.results.map((r: { status: string }) => r.status)).toEqual(bEntries.map(() => "stored"));
    // Every entry exactly once, and B (which waited for A's lock) after all of A.
    expect(seen).toEqual([...aEntries, ...bEntries].map((e) => e.id));
  });
});
