/**
 * The ledger half of the SQLite store: pushes are written in IMMEDIATE transactions (the write
 * lock is taken before the snapshot is read, so no other writer, in this process or another, can
 * slip in between the checks and the insert). Lookups are batched through `json_each`, never one
 * SELECT per entry; `seq` is max(seq)+1 onward inside that lock, so seq order is commit order.
 *
 * Group commit (DESIGN §7 "Load"): better-sqlite3 is synchronous, so a transaction holds the
 * event loop from BEGIN to its durable COMMIT (`synchronous = FULL`: one WAL fsync). A push does
 * not commit when it arrives: it joins a queue, and the first push of an empty queue schedules
 * the group's commit with `setImmediate`, after the I/O callbacks of this turn of the event loop.
 * Every push whose request was read meanwhile (under load: all that arrived while the previous
 * group was being written, up to GROUP_BUDGET_MS of work) is committed in ONE transaction, one
 * fsync for all, in arrival order, each in its own savepoint (a group of one push is its own
 * transaction): each plans against a snapshot read inside the transaction, so it sees the pushes
 * before it exactly as if they had committed alone (an id pushed twice in one group is
 * `duplicate` or `conflict` the second time), and a push that throws is rolled back alone. `seq`
 * follows arrival order, which is commit order; each push is answered only after the group's
 * commit is durable: the WAL sync that makes it so runs off the event loop, one for every group
 * committed while the previous one ran (`syncWal`). Reads (pull, totals) are never queued: they
 * run when their request does and see the groups committed before them. Measured in
 * bench/README.md ("Load").
 *
 * The push's cell deltas are not written in its transaction: they are handed, after the commit,
 * to `SqliteCells` (`sqlite-cells.ts`), which folds them into `cells` behind the pushes.
 *
 * Entries are written by multi-row INSERTs of up to ROWS_PER_INSERT rows (one
 * prepared statement per row count, kept). What that saves is binding, not calls: better-sqlite3
 * copies every string it binds, and some columns are the same for a whole push (an entry's
 * campaign, author, client and receipt time; a cell's campaign), so each run of rows sharing them
 * binds them once, as named parameters, instead of once per row. Measured through the store, per
 * push of 500 over ~2,000 cells: ~3.6 → ~3.2 ms in all. Multi-row statements that bind every
 * column per row saved nothing, and `INSERT … SELECT FROM json_each` cost more than it saved. A
 * multi-row statement keeps a statement journal (it must undo its earlier rows if a later one
 * fails), which is why the store keeps temporary files in memory (`sqlite.ts`).
 */
import { closeSync, fdatasync, fdatasyncSync, openSync } from "node:fs";
import type Database from "better-sqlite3";
import type { Cell } from "../../src/domain/totals";
import { ENTRY_COLUMNS, type EntryRow, rowMappers } from "./rows";
import { type FoldListener, SqliteCells } from "./sqlite-cells";
import { SqliteCheckpointer } from "./sqlite-checkpointer";
import { statementCache } from "./sqlite-statements";
import type { LedgerSnapshot, LedgerStore, NewEntry, PushPlanner, StoredEntry } from "./store";

const { toStoredEntry } = rowMappers((t) => t);

/**
 * A group stops taking pushes once it has spent this long planning and writing; the rest wait
 * for the next turn of the event loop. Node accepts ONE new connection per turn of its event loop
 * (libuv since 1.45; measured: bench/README.md, "Load"), so a turn that runs long leaves phones
 * that connect meanwhile waiting (connections ahead of them) × (turn). Since the WAL sync runs off
 * the loop (`syncWal`), a small group costs the loop nothing more than a large one: one sync
 * still serves every group committed while it ran. 20 ms and 5 ms measured in turns: 5 ms held
 * the loop less (p99 of the turns ~60–85 ms against ~95–145 ms on a loaded machine).
 */
const GROUP_BUDGET_MS = 5;

/** Rows per multi-row INSERT (25, 50 and 100 measured alike; SQLite allows 32,766 parameters). */
const ROWS_PER_INSERT = 50;

/** `n` copies of a VALUES tuple, comma-separated. */
const tuples = (tuple: string, n: number) => Array.from({ length: n }, () => tuple).join(", ");

/** Consecutive runs [start, end) of at most ROWS_PER_INSERT items that `same` puts with the run's first. */
function* runs<T>(items: readonly T[], same: (a: T, b: T) => boolean): Generator<[number, number]> {
  for (let start = 0; start < items.length; ) {
    let end = start + 1;
    while (end < items.length && end - start < ROWS_PER_INSERT && same(items[start] as T, items[end] as T)) end++;
    yield [start, end];
    start = end;
  }
}

/** Whether two entries share the columns bound once per run: campaign, author, client, receipt time. */
const sameRun = (a: NewEntry, b: NewEntry) =>
  a.campaignId === b.campaignId &&
  a.authorId === b.authorId &&
  a.clientId === b.clientId &&
  a.receivedAt === b.receivedAt;

/** A push waiting for its group: what to commit, and how to answer it. */
type QueuedPush = {
  ids: readonly string[];
  plan: PushPlanner<unknown>;
  mustLoad: readonly string[] | undefined;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
};

/** What became of one push in its group: written (entries seq `after`+1 onward), or its error. */
type PushOutcome =
  | { ok: true; result: unknown; after: number; stored: number; cellDeltas: ReadonlyMap<string, Cell> }
  | { ok: false; error: unknown };

/** A committed group waiting for the WAL sync that makes it durable, before its pushes are answered. */
type CommittedGroup = { group: readonly QueuedPush[]; outcomes: readonly PushOutcome[] };

/** Thrown to roll back a plan made with only the corrected entries loaded (see `commitInSavepoint`). */
const NOT_ALL_NEW = new Error("not every pushed entry is stored as new: plan again with all ids loaded");

/** Ledger statements over one better-sqlite3 connection. */
export class SqliteLedger implements LedgerStore {
  private readonly q: (sql: string) => Database.Statement;
  /** The maintained cells, folded in behind the pushes. */
  readonly cellStore: SqliteCells;

  constructor(
    private readonly db: Database.Database,
    folds?: FoldListener,
  ) {
    this.q = statementCache(db);
    this.cellStore = new SqliteCells(db, this.q, folds);
    this.checkpointer = new SqliteCheckpointer(db);
  }

  /** WAL checkpoints in a worker thread once the WAL grows (`sqlite-checkpointer.ts`). */
  private readonly checkpointer: SqliteCheckpointer;

  /**
   * Load, plan and write one push; answered after the durable commit of its group (see
   * "Group commit" in the header). Its cell deltas go to the fold after that commit.
   */
  commitPush<T>(ids: readonly string[], plan: PushPlanner<T>, mustLoad?: readonly string[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ ids, plan, mustLoad, resolve: resolve as (r: unknown) => void, reject });
      if (this.queued.length === 1) setImmediate(() => this.commitGroup());
    });
  }

  /** Pushes waiting for the next group, in arrival order. */
  private queued: QueuedPush[] = [];

  /** Counters of the group commits (for the log and the load bench). */
  readonly groups = { groups: 0, pushes: 0, largest: 0 };

  /**
   * Commit the queued pushes in ONE IMMEDIATE transaction, in arrival order, each in a savepoint
   * of its own, up to GROUP_BUDGET_MS of work (the rest go first in the next group); then hand
   * each push's cell deltas to the fold and answer each. A push that throws is rolled back to its
   * savepoint and answered with its error, alone; a failed commit answers every push of the group
   * with the error (none of them is stored). A group of one push needs no savepoint: its
   * transaction is its own (`commitAlone`). Also called by the store's `close()`, so nothing
   * queued is left behind.
   */
  commitGroup(): void {
    const queued = this.queued;
    this.queued = [];
    if (queued.length === 0) return;
    const outcomes: PushOutcome[] = [];
    const started = performance.now();
    // With the WAL synced by this ledger (below), COMMIT itself does not sync.
    const wal = this.walFd();
    // A lone push with no sync in flight: nothing waits behind it, so its WAL is synced here, on
    // this thread, before it is answered; handing that fdatasync to the thread pool and back cost
    // a lone push ~1 ms (bench/README.md, "The thin budget: server ingest").
    const lone = queued.length === 1 && !this.syncing;
    if (wal !== undefined) this.db.pragma("synchronous = NORMAL");
    try {
      const [alone] = queued;
      if (alone && queued.length === 1) outcomes.push(this.commitAlone(alone));
      else
        this.db
          .transaction(() => {
            for (const push of queued) {
              outcomes.push(this.commitInSavepoint(push));
              // An error SQLite answers by rolling back the whole transaction (a full disk, an I/O
              // error) leaves no transaction: the next push would autocommit on its own. Stop.
              if (!this.db.inTransaction) throw new Error("the group's transaction was rolled back");
              if (performance.now() - started >= GROUP_BUDGET_MS) break;
            }
          })
          .immediate();
    } catch (err) {
      for (const push of queued) push.reject(err);
      return;
    } finally {
      if (wal !== undefined) this.db.pragma("synchronous = FULL");
    }
    const group = queued.slice(0, outcomes.length);
    const rest = queued.slice(outcomes.length);
    if (rest.length > 0) {
      // Past the budget: the rest go first in the next group, on the next turn of the loop.
      this.queued = [...rest, ...this.queued];
      setImmediate(() => this.commitGroup());
    }
    if (group.length === 0) return;
    this.groups.groups += 1;
    this.groups.pushes += group.length;
    this.groups.largest = Math.max(this.groups.largest, group.length);
    // The cell deltas go to the fold in commit order, now: a fold (which commits with FULL, after
    // this group in the WAL) can never make them durable without the entries they count.
    outcomes.forEach((o) => {
      if (o.ok) this.cellStore.committed(o.after, o.after + o.stored, o.cellDeltas);
    });
    if (wal === undefined) {
      this.answer({ group, outcomes });
      return;
    }
    this.checkpointer.wrote(wal);
    if (lone) {
      let error: unknown;
      try {
        fdatasyncSync(wal);
      } catch (err) {
        error = err;
      }
      this.answer({ group, outcomes }, error);
      return;
    }
    this.unsynced.push({ group, outcomes });
    if (!this.syncing) this.syncWal();
  }

  /** Commit everything queued, however many groups it takes, and answer it durably (the store is closing). */
  commitAll(): void {
    while (this.queued.length > 0) this.commitGroup();
    this.checkpointer.close();
    const fd = this.wal;
    const waiting = this.unsynced;
    this.unsynced = [];
    if (fd !== undefined && fd !== null) {
      let error: unknown;
      try {
        fdatasyncSync(fd);
      } catch (err) {
        error = err;
      }
      for (const g of waiting) this.answer(g, error);
      // A sync still in flight answers its own groups when it returns; the file is let go after it.
      if (!this.syncing) closeSync(fd);
      else this.closeWalAfterSync = true;
      this.wal = null;
    }
  }

  /**
   * The WAL sync off the event loop. A group commits with `synchronous = NORMAL`: COMMIT writes
   * its frames to the WAL file (the OS's cache) and does not wait for the disk; then `fdatasync`
   * of the WAL file runs on libuv's thread pool, and when it returns every group committed before
   * it started is durable exactly as if it had committed with FULL (FULL is that same sync, made
   * inside COMMIT on this thread), and only then are its pushes answered. Meanwhile the event loop
   * accepts connections, reads requests and commits the next group; those wait for the next sync,
   * one for all of them. WAL frames are chained by checksum, so a power cut keeps a prefix of the
   * commits: never a later group without an earlier one, never an answered group lost. What a
   * read sees between a commit and its sync (a pull, totals) was never answered to its pusher: if
   * a power cut then lost it, the phone still holds it and pushes it again (stored, with a new seq;
   * a phone that pulled it keeps it by id). Measured in bench/README.md ("Load").
   */
  private syncWal(): void {
    const fd = this.wal;
    const batch = this.unsynced;
    this.unsynced = [];
    if (fd === undefined || fd === null || batch.length === 0) return;
    this.syncing = true;
    fdatasync(fd, (err) => {
      this.syncing = false;
      if (this.closeWalAfterSync) {
        this.closeWalAfterSync = false;
        closeSync(fd);
      }
      for (const g of batch) this.answer(g, err ?? undefined);
      if (this.unsynced.length > 0) this.syncWal();
    });
  }

  /** Groups committed and waiting for the next WAL sync, in commit order. */
  private unsynced: CommittedGroup[] = [];
  /** Whether a WAL sync is on the thread pool. */
  private syncing = false;
  private closeWalAfterSync = false;
  /**
   * The WAL file's descriptor, opened on the first group (undefined: not tried yet; null: no WAL
   * file to sync, e.g. an in-memory database: groups are answered at once).
   */
  private wal: number | null | undefined;

  private walFd(): number | undefined {
    if (this.wal === undefined) {
      const file = this.db.name;
      const inWal = String(this.db.pragma("journal_mode", { simple: true })).toLowerCase() === "wal";
      this.wal = null;
      if (inWal && file !== "" && file !== ":memory:" && !this.db.memory) {
        try {
          this.wal = openSync(`${file}-wal`, "r");
        } catch {
          this.wal = null;
        }
      }
    }
    return this.wal ?? undefined;
  }

  /** After the group's durable commit: each push its answer (or, when the sync failed, its error). */
  private answer({ group, outcomes }: CommittedGroup, syncError?: unknown): void {
    group.forEach((push, i) => {
      const o = outcomes[i] as PushOutcome;
      if (syncError !== undefined) push.reject(syncError);
      else if (o.ok) push.resolve(o.result);
      else push.reject(o.error);
    });
  }

  /**
   * One push inside the group's transaction, in a savepoint (better-sqlite3 nests a transaction
   * function as SAVEPOINT … RELEASE, rolled back to on a throw). With `mustLoad`, the push is first
   * planned with only those loaded: the pushed ids are nearly always new, and looking each up
   * before inserting it repeats the primary key's own lookup (~0.15 ms a push of 500). That plan
   * stands only if it stores every pushed id, each as new: an id already stored (by an earlier
   * push, or by an earlier push of this group) then fails on the primary key. Anything else (an
   * entry the rules refused, which a stored twin might have made a `duplicate`; an id twice in
   * the push) rolls back to the savepoint, and the push is planned again with every id loaded.
   * The snapshot reads inside the group's transaction, so it sees the pushes before it.
   */
  private commitInSavepoint(push: QueuedPush): PushOutcome {
    return this.commitPlanned(push, (attempt) => this.db.transaction(attempt)());
  }

  /**
   * A group of one push (the usual case: one phone syncing at a time) in a transaction of its own,
   * without a savepoint: SQLite copies every page a savepoint touches into its sub-journal, ~8 % of
   * writing a push of 500 (`insertEntries` alone, measured in turns). A first attempt that must be
   * planned again rolls back the whole transaction, and the second runs in a new one.
   */
  private commitAlone(push: QueuedPush): PushOutcome {
    return this.commitPlanned(push, (attempt) => this.db.transaction(attempt).immediate());
  }

  /**
   * Plan and write a push in `run` (a savepoint, or a transaction of its own), planned again with
   * every id loaded when the first plan cannot stand.
   */
  private commitPlanned(push: QueuedPush, run: (attempt: () => PushOutcome) => PushOutcome): PushOutcome {
    const { ids, plan, mustLoad } = push;
    try {
      if (mustLoad !== undefined) {
        try {
          return run(() => this.planAndWrite(mustLoad, plan, ids.length - mustLoad.length));
        } catch (err) {
          if (err !== NOT_ALL_NEW && (err as { code?: unknown }).code !== "SQLITE_CONSTRAINT_PRIMARYKEY") throw err;
        }
      }
      return run(() => this.planAndWrite(ids, plan));
    } catch (error) {
      return { ok: false, error };
    }
  }

  /**
   * Plan with `ids` loaded and write, in the caller's savepoint or transaction; with `storesAll`,
   * throw (so that it is rolled back) unless it stores that many.
   */
  private planAndWrite(ids: readonly string[], plan: PushPlanner<unknown>, storesAll?: number): PushOutcome {
    const { write, result } = plan(this.snapshot(ids));
    if (storesAll !== undefined && write.entries.length !== storesAll) throw NOT_ALL_NEW;
    const after = this.write(write.entries, write.correctedChainNets);
    return { ok: true, result, after, stored: write.entries.length, cellDeltas: write.cellDeltas };
  }

  private snapshot(ids: readonly string[]): LedgerSnapshot {
    const entries = new Map<string, StoredEntry>();
    const chainNets = new Map<string, number>();
    if (ids.length === 0) return { entries, chainNets };
    const rows = this.q(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE id IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(ids),
    ) as EntryRow[];
    for (const r of rows) entries.set(r.id, toStoredEntry(r));
    const roots = [...new Set(rows.map((r) => r.root_id))];
    if (roots.length === 0) return { entries, chainNets };
    const nets = this.q("SELECT root_id, net FROM chain_nets WHERE root_id IN (SELECT value FROM json_each(?))").all(
      JSON.stringify(roots),
    ) as { root_id: string; net: number }[];
    for (const n of nets) chainNets.set(n.root_id, n.net);
    // A chain without a chain_nets row has no correction: its net is its root's quantity.
    const missing = roots.filter((r) => !chainNets.has(r) && !entries.has(r));
    for (const r of roots) {
      const root = entries.get(r);
      if (!chainNets.has(r) && root) chainNets.set(r, root.quantity);
    }
    if (missing.length > 0) {
      const rootRows = this.q("SELECT id, quantity FROM entries WHERE id IN (SELECT value FROM json_each(?))").all(
        JSON.stringify(missing),
      ) as { id: string; quantity: number }[];
      for (const r of rootRows) chainNets.set(r.id, r.quantity);
    }
    return { entries, chainNets };
  }

  /** Write the entries (seq after the highest stored) and chain nets; answers the seq they follow. */
  private write(entries: readonly NewEntry[], chainNets: ReadonlyMap<string, number>): number {
    if (entries.length === 0) return 0;
    const seq = (this.q("SELECT coalesce(max(seq), 0) AS s FROM entries").get() as { s: number }).s;
    this.insertEntries(entries, seq);
    const chain = this.q(
      "INSERT INTO chain_nets (root_id, net) VALUES (?, ?) ON CONFLICT DO UPDATE SET net = excluded.net",
    );
    for (const [root, net] of chainNets) chain.run(root, net);
    return seq;
  }

  /** Insert `entries` with seq `seq + 1` onward. */
  private insertEntries(entries: readonly NewEntry[], seq: number): void {
    for (const [start, end] of runs(entries, sameRun)) {
      const first = entries[start] as NewEntry;
      const values: unknown[] = [];
      for (let i = start; i < end; i++) {
        const e = entries[i] as NewEntry;
        seq += 1;
        values.push(
          e.id,
          seq,
          e.partId,
          e.unitId,
          e.date,
          e.quantity,
          e.note ?? null,
          e.correctsId ?? null,
          e.createdAt,
          e.phaseId,
          e.rootId,
        );
      }
      const shared = {
        campaignId: first.campaignId,
        authorId: first.authorId,
        clientId: first.clientId,
        receivedAt: first.receivedAt,
      };
      this.rowsStatement(end - start).run(values, shared);
    }
  }

  private readonly multiRow = new Map<number, Database.Statement>();

  /** The multi-row INSERT of `n` entries (prepared on first use of that `n`). */
  private rowsStatement(n: number): Database.Statement {
    let s = this.multiRow.get(n);
    if (!s) {
      s = this.db.prepare(
        `INSERT INTO entries (${ENTRY_COLUMNS}) VALUES ${tuples("(?, ?, @campaignId, ?, ?, ?, ?, ?, ?, ?, ?, ?, @authorId, @clientId, @receivedAt)", n)}`,
      );
      this.multiRow.set(n, s);
    }
    return s;
  }

  /** Entries after a seq, in seq order, optionally only of some units. */
  async entriesAfter(afterSeq: number, unitIds: readonly string[] | null, limit: number): Promise<StoredEntry[]> {
    const rows =
      unitIds === null
        ? this.q(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE seq > ? ORDER BY seq LIMIT ?`).all(afterSeq, limit)
        : this.q(
            `SELECT ${ENTRY_COLUMNS} FROM entries WHERE seq > ? AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ?`,
          ).all(afterSeq, JSON.stringify(unitIds), limit);
    return (rows as EntryRow[]).map(toStoredEntry);
  }

  /** The cells of one campaign (folded up to the last push first). */
  async cells(campaignId: string): Promise<Cell[]> {
    this.cellStore.fold();
    const rows = this.q("SELECT part_id, unit_id, phase_id, net FROM cell_nets WHERE campaign_id = ?").all(
      campaignId,
    ) as {
      part_id: string;
      unit_id: string;
      phase_id: string;
      net: number;
    }[];
    return rows.map((r) => ({ campaignId, partId: r.part_id, unitId: r.unit_id, phaseId: r.phase_id, net: r.net }));
  }
}
