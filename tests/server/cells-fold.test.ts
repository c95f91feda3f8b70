/**
 * The SQLite store folds cells in behind the pushes (server/store/sqlite-cells.ts). Whatever
 * happens between a push and the next read of cells (a crash that loses the memory, another
 * process writing entries in between, a database from before the fold existed), every read must
 * give exactly the cells a recount of the ledger gives: nothing missing, nothing counted twice.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { seedCatalog } from "../../server/bootstrap";
import { Catalog } from "../../server/catalog";
import { silentLogger } from "../../server/log";
import { openSqliteStore, type SqliteStore } from "../../server/store/sqlite";
import type { FoldReport } from "../../server/store/sqlite-cells";
import type { UserRecord } from "../../server/store/store";
import { applyPush } from "../../server/sync/push";
import type { Entry, PushResult } from "../../src/domain/schemas";
import { type Cell, cellsFromEntries } from "../../src/domain/totals";
import { CAMPAIGN, correction, makeEntry } from "./helpers";

const ADMIN: UserRecord = {
  id: randomUUID(),
  username: "admin",
  name: "Admin",
  role: "admin",
  unitIds: [],
  disabled: false,
  passwordHash: "not used here",
  createdAt: "2023-01-01T00:00:00.000Z",
};

const UNITS = ["tam-duong-01", "tam-duong-02", "phong-tho-01", "sin-ho-01"];
const PARTS = ["t1-1", "t2-1", "t11-1", "t10-1", "t12-1"];

/** `n` entries spread over a few units, parts and both phases, every fifth one corrected. */
function someEntries(n: number, seed: number): Entry[] {
  const out: Entry[] = [];
  for (let i = 0; i < n; i++) {
    const e = makeEntry({
      unitId: UNITS[(i + seed) % UNITS.length],
      partId: PARTS[(i * 7 + seed) % PARTS.length],
      date: i % 3 === 0 ? "2023-09-20" : "2023-03-15",
      quantity: 1 + ((i + seed) % 9),
    });
    out.push(e);
    if (i % 5 === 0) out.push(correction(e, -1));
  }
  return out;
}

describe("cells folded in behind the pushes (SQLite)", () => {
  let dir: string;
  let file: string;
  const open: SqliteStore[] = [];
  const folds: FoldReport[] = [];

  /** A store on the shared file, as one server process (or the admin command) opens it. */
  async function process(): Promise<SqliteStore> {
    const store = openSqliteStore(file, { folded: (r) => folds.push(r) });
    open.push(store);
    await store.migrate();
    return store;
  }

  /** One push through the server's push path, as the admin. */
  async function push(store: SqliteStore, entries: Entry[]): Promise<PushResult[]> {
    const view = await new Catalog(store).current();
    const results = await applyPush(store, view, ADMIN, "fold-test", entries, new Date().toISOString());
    expect(results.filter((r) => r.status !== "stored")).toEqual([]);
    return results;
  }

  const sorted = (cells: readonly Cell[]) =>
    [...cells].sort((a, b) =>
      `${a.partId} ${a.unitId} ${a.phaseId}`.localeCompare(`${b.partId} ${b.unitId} ${b.phaseId}`),
    );

  /** The cells a recount of every stored entry gives. */
  async function recount(store: SqliteStore): Promise<Cell[]> {
    return sorted(cellsFromEntries(await store.ledger.entriesAfter(0, null, 1_000_000)));
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "std-fold-"));
    file = join(dir, "fold.sqlite");
    folds.length = 0;
    const first = await process();
    await seedCatalog(first, silentLogger);
    await first.accounts.createUser(ADMIN);
    await first.accounts.claimClient("fold-test", ADMIN.id, new Date().toISOString());
  });

  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a read after pushes folds them from memory, once, and matches a recount", async () => {
    const server = open[0] as SqliteStore;
    await push(server, someEntries(120, 1));
    await push(server, someEntries(80, 2));
    expect(folds).toEqual([]);
    const cells = sorted(await server.ledger.cells(CAMPAIGN));
    expect(cells).toEqual(await recount(server));
    expect(folds.map((f) => [f.from, f.entries])).toEqual([["memory", 120 + 24 + 80 + 16]]);
    await server.ledger.cells(CAMPAIGN);
    expect(folds).toHaveLength(1);
  });

  it("after a crash lost the memory, the next start folds from the ledger without counting twice", async () => {
    const crashed = open[0] as SqliteStore;
    await push(crashed, someEntries(60, 3));
    expect(sorted(await crashed.ledger.cells(CAMPAIGN))).toEqual(await recount(crashed)); // folded: 72
    await push(crashed, someEntries(90, 4)); // waits in the crashed process's memory only
    folds.length = 0;
    const restarted = await process(); // migrate() folds what the crash left
    expect(folds.map((f) => [f.from, f.entries])).toEqual([["ledger", 90 + 18]]);
    expect(sorted(await restarted.ledger.cells(CAMPAIGN))).toEqual(await recount(restarted));
    // The crashed connection finds nothing left to fold: its memory is never added again.
    expect(sorted(await crashed.ledger.cells(CAMPAIGN))).toEqual(await recount(restarted));
    expect(folds).toHaveLength(1);
  });

  it("entries another process wrote in between are folded from the ledger, each once", async () => {
    const server = open[0] as SqliteStore;
    const admin = await process();
    await push(server, someEntries(40, 5));
    await push(admin, someEntries(30, 6));
    await push(server, someEntries(50, 7));
    folds.length = 0;
    expect(sorted(await server.ledger.cells(CAMPAIGN))).toEqual(await recount(server));
    expect(folds.map((f) => f.from)).toEqual(["ledger"]);
    expect(sorted(await admin.ledger.cells(CAMPAIGN))).toEqual(await recount(server));
    await push(admin, someEntries(20, 8));
    expect(sorted(await server.ledger.cells(CAMPAIGN))).toEqual(await recount(server));
    expect(sorted(await admin.ledger.cells(CAMPAIGN))).toEqual(await recount(server));
    // The other process wrote last, after this one's push: this one's memory is not all there is.
    await push(server, someEntries(10, 11));
    await push(admin, someEntries(15, 12));
    expect(sorted(await server.ledger.cells(CAMPAIGN))).toEqual(await recount(server));
    // The other process wrote first and did not fold: this one's memory starts after the mark.
    await push(admin, someEntries(25, 13));
    await push(server, someEntries(35, 14));
    expect(sorted(await server.ledger.cells(CAMPAIGN))).toEqual(await recount(server));
    expect(sorted(await admin.ledger.cells(CAMPAIGN))).toEqual(await recount(server));
  });

  it("checkpoints a growing WAL into the database file while the server writes, and loses nothing", async () => {
    const server = open[0] as SqliteStore;
    const before = statSync(file).size;
    let pushed = 0;
    for (let i = 0; i < 40; i++) pushed += (await push(server, someEntries(500, i))).length;
    // A worker checkpoints every 200 ms once the WAL passes 4 MB (server/store/sqlite-checkpointer.ts);
    // the writer's own checkpoint waits for 10,000 pages then, which these pushes do not reach.
    const deadline = Date.now() + 10_000;
    while (statSync(file).size <= before + 4 * 2 ** 20 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(statSync(file).size).toBeGreaterThan(before + 4 * 2 ** 20);
    await server.close();
    open.length = 0;
    const again = await process();
    expect((await again.ledger.entriesAfter(0, null, 100_000)).length).toBe(pushed);
    expect(sorted(await again.ledger.cells(CAMPAIGN))).toEqual(await recount(again));
  });

  it("folds by itself once enough entries wait, with no read", async () => {
    const server = open[0] as SqliteStore;
    // The 2 s timer held still: on a loaded machine 42 durable pushes can take longer than that,
    // and a fold on the timer would restart the count this test is about.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      for (let i = 0; i < 42; i++) await push(server, someEntries(500, i).slice(0, 500));
      // Let a fold the last pushes set off (on the next turn of the event loop) run.
      await new Promise((r) => setImmediate(r));
    } finally {
      vi.useRealTimers();
    }
    expect(folds.length).toBe(1);
    expect(folds[0]).toMatchObject({ from: "memory", trigger: "push" });
    expect(folds[0]?.entries).toBeGreaterThanOrEqual(20_000);
    expect(sorted(await server.ledger.cells(CAMPAIGN))).toEqual(await recount(server));
  });

  it("closing folds what waits, so the file alone holds current cells", async () => {
    const server = open.pop() as SqliteStore;
    await push(server, someEntries(70, 9));
    await server.close();
    expect(folds.map((f) => f.from)).toEqual(["memory"]);
    const db = new Database(file, { readonly: true });
    try {
      const mark = db.prepare("SELECT seq FROM cells_folded").get() as { seq: number };
      const last = db.prepare("SELECT max(seq) AS s FROM entries").get() as { s: number };
      expect(mark.seq).toBe(last.s);
    } finally {
      db.close();
    }
  });

  it("a read with nothing to fold takes no lock: another process's long write does not hold it up", async () => {
    const server = open[0] as SqliteStore;
    await push(server, someEntries(25, 19));
    await server.ledger.cells(CAMPAIGN); // folded
    const other = new Database(file);
    try {
      other.exec("BEGIN IMMEDIATE");
      const t0 = performance.now();
      expect(sorted(await server.ledger.cells(CAMPAIGN))).toEqual(await recount(server));
      expect(performance.now() - t0).toBeLessThan(1_000); // the busy timeout is 5 s
      other.exec("ROLLBACK");
    } finally {
      other.close();
    }
  });

  it("refuses a write to cells from anything but the fold: an older server cannot count twice", async () => {
    const server = open[0] as SqliteStore;
    await push(server, someEntries(10, 20));
    const older = new Database(file);
    try {
      // What a server from before the fold did in each push: refused as it is prepared.
      const write = () =>
        older
          .prepare(
            `INSERT INTO cells (campaign_id, part_id, unit_id, phase_id, net) VALUES (?, 't1-1', 'tam-duong-01', 'dot-1', 5)
             ON CONFLICT DO UPDATE SET net = net + excluded.net`,
          )
          .run(CAMPAIGN);
      expect(write).toThrow(/cannot modify cells because it is a view/);
      // It still reads totals.
      expect(older.prepare("SELECT count(*) AS n FROM cells").get()).toEqual({ n: expect.any(Number) });
    } finally {
      older.close();
    }
    expect(sorted(await server.ledger.cells(CAMPAIGN))).toEqual(await recount(server));
  });

  it("refuses to open a database a newer server has upgraded", async () => {
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 'x')").run();
    db.close();
    await expect(process()).rejects.toThrow(/schema version 99, newer than this server knows/);
  });

  it("closing a store that was never migrated reports the failed fold and still closes", async () => {
    const failures: string[] = [];
    const store = openSqliteStore(":memory:", { failed: (err, trigger) => failures.push(`${trigger}: ${err}`) });
    await store.close();
    expect(failures).toEqual([expect.stringMatching(/^close: .*cells_folded/)]);
  });

  it("upgrading a database from before the fold keeps its cells as they were", async () => {
    const server = open.pop() as SqliteStore;
    await push(server, someEntries(100, 10));
    const before = sorted(await server.ledger.cells(CAMPAIGN));
    await server.close();
    // The file as version 2 left it: cells written with every push, no mark.
    const db = new Database(file);
    db.exec(
      `DROP VIEW cells; ALTER TABLE cell_nets RENAME TO cells; DROP TABLE cells_folded;
       DELETE FROM schema_migrations WHERE version IN (3, 4)`,
    );
    db.close();
    folds.length = 0;
    const upgraded = await process();
    expect(sorted(await upgraded.ledger.cells(CAMPAIGN))).toEqual(before);
    expect(before).toEqual(await recount(upgraded));
    expect(folds).toEqual([]);
  });
});
