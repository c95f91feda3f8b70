/**
 * `npm run admin -- migrate-to-postgres`: a SQLite deployment with users, sessions, a second
 * campaign, a re-imported unit tree, entries with corrections and voids (and notes PostgreSQL
 * cannot store as they are) is copied into PostgreSQL; a server on the copy answers every user's
 * pull (entries, order, cursor) and totals exactly as the SQLite server did, cursors issued
 * before the move stay valid, sessions survive (unless --without-sessions), and a database that
 * already has users is refused untouched.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { runAdminCommand } from "../../server/admin-commands";
import { runMigrateToPostgres } from "../../server/admin-migrate";
import { createApp } from "../../server/app";
import { silentLogger } from "../../server/log";
import { copySqliteToPostgres } from "../../server/store/copy-to-postgres";
import { openPostgresStore } from "../../server/store/postgres";
import type { Entry } from "../../src/domain/schemas";
import { type Cell, cellsFromEntries } from "../../src/domain/totals";
import {
  type Answer,
  CAMPAIGN,
  correction,
  createTestDatabase,
  describePostgres,
  makeEntry,
  startTestServer,
  TEST_SCRYPT,
  type TestServer,
} from "./helpers";

describePostgres("migrate-to-postgres: moving a SQLite deployment", () => {
  let source: TestServer;
  let file: string;
  const cookies: Record<string, string> = {};
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), "std-migrate-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    file = join(dir, "so-thi-dua.sqlite");
    source = await startTestServer({ pullPageSize: 25 }, file);
    cleanups.push(() => source.close());
    for (const u of ["admin", "tamduong", "phongtho", "supervisor"]) cookies[u] = await source.login(u);
    const admin = (...argv: string[]) => runAdminCommand(argv, source.store, TEST_SCRYPT, () => {});
    const [campaign] = await source.store.catalog.campaigns();
    writeFileSync(join(source.dir, "c.json"), JSON.stringify({ ...campaign, id: "laichau-2024", year: 2024 }));
    expect(await admin("import-campaign", join(source.dir, "c.json"))).toBe(0);
    const units = (await source.store.catalog.units()).units.map((u) =>
      u.id === "sin-ho" ? { ...u, name: "Sìn Hồ (mới)" } : u,
    );
    const unitFile = { format: "so-thi-dua/units@1", sample: false, description: "thật\u0000", units };
    writeFileSync(join(source.dir, "u.json"), JSON.stringify(unitFile));
    expect(await admin("import-units", join(source.dir, "u.json"))).toBe(0);
    expect(await admin("disable-user", "tamduong2")).toBe(0);
    const entries: Entry[] = [];
    for (let i = 0; i < 60; i++) {
      entries.push(makeEntry({ unitId: `tam-duong-0${(i % 5) + 1}`, quantity: 1 + (i % 7), note: `#${i}` }));
    }
    const first = entries[0] as Entry;
    const fix = correction(first, -1, { note: "nul \u0000 and marker \uFFFE inside" });
    entries.push(fix, correction(first, -(first.quantity - 1), { correctsId: fix.id, note: "\uFFFEstarts" }));
    for (let start = 0; start < entries.length; start += 20) {
      await source.push(cookies.tamduong as string, entries.slice(start, start + 20), "td-phone");
    }
    await source.push(cookies.phongtho as string, [makeEntry({ unitId: "phong-tho-02", date: "2023-09-09" })], "pt");
    // Supervisor work travels too: a review (with text PostgreSQL cannot store as is), a phase report, a share.
    const review = {
      id: randomUUID(),
      entryId: first.id,
      state: "has-issues",
      comment: "nul \u0000",
      createdAt: first.createdAt,
    };
    const report = {
      id: randomUUID(),
      campaignId: CAMPAIGN,
      phaseId: "dot-1",
      unitId: "tam-duong",
      createdAt: first.createdAt,
    };
    const sup = cookies.supervisor as string;
    await source.call("POST", "/api/v1/reviews", { cookie: sup, json: { clientId: "sup-phone", reviews: [review] } });
    await source.call("POST", "/api/v1/phase-reports", {
      cookie: sup,
      json: { clientId: "sup-phone", reports: [report] },
    });
    const allocation = { campaignId: CAMPAIGN, partId: "t1-1", unitId: "tam-duong", goal: 40 };
    expect(
      (await source.call("PUT", "/api/v1/allocations", { cookie: sup, json: { allocations: [allocation] } })).status,
    ).toBe(200);
  });
  afterEach(async () => {
    for (const f of cleanups.splice(0).reverse()) await f();
  });

  /** Everything a user's device would get: all pull pages and the totals. */
  async function snapshot(call: TestServer["call"], cookie: string) {
    const pages: Answer["body"][] = [];
    let since = "";
    for (;;) {
      const r = await call("GET", `/api/v1/sync/pull${since && `?since=${encodeURIComponent(since)}`}`, { cookie });
      expect(r.status).toBe(200);
      pages.push(r.body);
      since = r.body.cursor;
      if (!r.body.hasMore) break;
    }
    const totals = await call("GET", `/api/v1/totals?campaignId=${CAMPAIGN}`, { cookie });
    return { pages, totals: totals.body, status: totals.status };
  }

  /** A caller over an app on the copy. */
  async function targetServer(url: string) {
    const store = openPostgresStore(url);
    cleanups.push(() => store.close());
    const app = createApp({
      store,
      config: { scrypt: TEST_SCRYPT, log: silentLogger, pushBurst: 1e6, readBurst: 1e6, pullPageSize: 25 },
    });
    const call: TestServer["call"] = async (method, path, opts = {}) => {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.cookie) headers.cookie = opts.cookie;
      if (opts.json !== undefined) headers["content-type"] = "application/json";
      const init: RequestInit = { method, headers };
      if (opts.json !== undefined) init.body = JSON.stringify(opts.json);
      const res = await app.request(path, init);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
    };
    return { store, call };
  }

  async function migrate(...argv: string[]): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const code = await runMigrateToPostgres(argv, {}, (l) => lines.push(l));
    return { code, out: lines.join("\n") };
  }

  it("copies everything; every user's pull and totals are the same, sessions and cursors carry over", async () => {
    const db = await createTestDatabase(false);
    cleanups.push(db.drop);
    const result = await migrate("--from", file, "--to", db.url);
    expect(result.out).toContain("entries: 63");
    expect(result.out).toContain("reviews: 1");
    expect(result.out).toContain("phase reports: 1");
    expect(result.out).toContain("allocations: 1");
    expect(result.code).toBe(0);
    const target = await targetServer(db.url);
    for (const u of Object.keys(cookies)) {
      const cookie = cookies[u] as string;
      expect(await snapshot(target.call, cookie), u).toEqual(await snapshot(source.call, cookie));
    }
    expect(await target.store.accounts.users()).toEqual(await source.store.accounts.users());
    expect(await target.store.catalog.units()).toEqual(await source.store.catalog.units());
    expect(await target.store.catalog.campaigns()).toEqual(await source.store.catalog.campaigns());
    // A device that synced before the move continues from its cursor: it gets only what is new.
    const before = await snapshot(source.call, cookies.tamduong as string);
    const cursor = before.pages.at(-1).cursor as string;
    const fresh = makeEntry({ unitId: "tam-duong-04" });
    const pushed = await target.call("POST", "/api/v1/sync/push", {
      cookie: cookies.tamduong,
      json: { clientId: "td-phone", entries: [fresh] },
    });
    expect(pushed.body.results).toEqual([{ id: fresh.id, status: "stored" }]);
    const next = await target.call("GET", `/api/v1/sync/pull?since=${encodeURIComponent(cursor)}`, {
      cookie: cookies.tamduong,
    });
    expect(next.body.entries.map((e: Entry) => e.id)).toEqual([fresh.id]);
    // The copy refuses a database that already has users, and changes nothing in it.
    const again = await migrate("--from", file, "--to", db.url);
    expect(again.code).toBe(1);
    expect(again.out).toContain("already has users or entries");
    expect((await target.store.ledger.entriesAfter(0, null, 1000)).length).toBe(64);
  });

  it("onto a database a server already seeded, without sessions: everyone signs in again", async () => {
    const db = await createTestDatabase(true);
    cleanups.push(db.drop);
    const result = await migrate("--from", file, "--to", db.url, "--without-sessions");
    expect(result.code).toBe(0);
    expect(result.out).not.toContain("sessions:");
    const target = await targetServer(db.url);
    const pull = await target.call("GET", "/api/v1/sync/pull", { cookie: cookies.tamduong });
    expect(pull.status).toBe(401);
    expect((await target.store.catalog.units()).description).toBe("thật\u0000");
    expect((await target.store.catalog.campaigns()).map((c) => c.id)).toEqual(["laichau-2023", "laichau-2024"]);
  });

  it("copies cells as a fold would leave them while the SQLite server has pushes not folded in yet", async () => {
    // The source server is still running, and its last push waits in its memory, not in `cells`.
    await source.push(cookies.tamduong as string, [makeEntry({ unitId: "tam-duong-02", quantity: 9 })], "td-phone");
    const db = await createTestDatabase(false);
    cleanups.push(db.drop);
    const target = openPostgresStore(db.url);
    cleanups.push(() => target.close());
    await copySqliteToPostgres(file, target, { sessions: true });
    const key = (c: Cell) => `${c.campaignId} ${c.partId} ${c.unitId} ${c.phaseId}`;
    const byKey = (cells: readonly Cell[]) => [...cells].sort((a, b) => key(a).localeCompare(key(b)));
    const recount = cellsFromEntries(await source.store.ledger.entriesAfter(0, null, 1_000));
    expect(byKey(await target.ledger.cells(CAMPAIGN))).toEqual(byKey(recount.filter((c) => c.campaignId === CAMPAIGN)));
    expect(recount.some((c) => c.unitId === "tam-duong-02" && c.net >= 9)).toBe(true);
  });

  it("explains a missing source or target", async () => {
    expect((await migrate("--from", `${file}.nope`, "--to", "postgres://127.0.0.1/x")).code).toBe(1);
    const noTarget = await migrate("--from", file);
    expect(noTarget.code).toBe(2);
    expect(noTarget.out).toContain("--to postgres://");
  });
});
