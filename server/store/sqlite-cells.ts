/**
 * The maintained cells of the SQLite store, folded in behind the pushes.
 *
 * A cell is derived data: the net of every entry of one campaign, part, unit and phase. A push
 * commits the entries (the facts) and their chain nets; it does not write cells in its own
 * transaction. Instead this connection keeps each committed push's cell deltas in memory, and a
 * fold adds them to the cells (table `cell_nets` since schema version 4; `cells` is a read-only view
 * of it) in one transaction that also moves `cells_folded.seq`, the entry seq up to which the
 * cells are complete. Cells and mark change together or not at all.
 *
 * Every read of cells folds first (the store calls `fold()`), so no reader sees them behind. A
 * fold also runs after FOLD_EVERY unfolded entries (on the next turn of the event loop, after the
 * answers of the pushes that got there), FOLD_AFTER_MS after the first one, when the
 * store is migrated (start-up) and when it is closed. A fold that fails after a push or on the
 * timer is reported and tried again later; the push it followed is stored all the same.
 *
 * Two ways to fold, with the same result: from memory, when this connection committed every entry
 * since the mark (one server process: the usual case); otherwise from the ledger itself, a
 * `SUM … GROUP BY` over the entries past the mark (after a crash lost the memory, or when another
 * process, the admin command, wrote entries). The tests compare both with a recount.
 *
 * Why: measured per push of 500 entries spread over ~440 cells (`npm run bench`), upserting the
 * cells in the push took ~0.55 ms of ~3.7 ms, and their pages went through every push's WAL sync.
 * Folded once per many pushes, each cell is written once per fold.
 */
import type Database from "better-sqlite3";
import { addCellDeltas, type Cell } from "../../src/domain/totals";
import type { Statements } from "./sqlite-statements";

/** Fold once this many entries are waiting (a fold writes each touched cell once). */
const FOLD_EVERY = 20_000;

/** Fold this long after the first entry that waits, so an idle server's cells are current. */
const FOLD_AFTER_MS = 2_000;

/** Rows per multi-row upsert. */
const ROWS_PER_UPSERT = 50;

/** What set a fold off. */
export type FoldTrigger = "read" | "push" | "timer" | "start" | "close";

/** What one fold did, for the log. */
export type FoldReport = {
  entries: number;
  cells: number;
  from: "memory" | "ledger";
  trigger: FoldTrigger;
  ms: number;
};

/** Who hears of folds: each one done, and each one that failed (the next one recounts). */
export type FoldListener = {
  folded?: (report: FoldReport) => void;
  failed?: (error: unknown, trigger: FoldTrigger) => void;
};

/**
 * Every cell as a fold would leave it, read without writing: `cells` plus the entries past the
 * mark, summed. For readers outside a running store (the copy to PostgreSQL, the chaos check),
 * which may find entries a server committed and had not folded yet.
 */
export const FOLDED_CELLS_SQL = `SELECT campaign_id, part_id, unit_id, phase_id, sum(net) AS net FROM (
    SELECT campaign_id, part_id, unit_id, phase_id, net FROM cell_nets
    UNION ALL
    SELECT campaign_id, part_id, unit_id, phase_id, quantity AS net FROM entries
    WHERE seq > (SELECT seq FROM cells_folded)
  ) GROUP BY campaign_id, part_id, unit_id, phase_id`;

/**
 * What waits: entries with seq in (`base`, `top`], and their cell deltas when this connection
 * committed all of them (undefined once another process's entries came in between).
 */
type Pending = { base: number; top: number; cells: Map<string, Cell> | undefined };

/** The cells of one SQLite connection and what waits to be folded into them. */
export class SqliteCells {
  private pending: Pending | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    private readonly q: Statements,
    private readonly listener: FoldListener = {},
  ) {}

  /**
   * After a push's commit: entries with seq in (`from`, `to`] added `deltas`. Deltas that do not
   * continue what waits (another process committed in between) leave memory unusable, and the
   * next fold reads the ledger.
   */
  committed(from: number, to: number, deltas: ReadonlyMap<string, Cell>): void {
    if (to === from) return;
    let p = this.pending;
    if (p === undefined) {
      p = { base: from, top: to, cells: new Map() };
      this.pending = p;
    } else {
      if (p.top !== from) p.cells = undefined;
      p.top = to;
    }
    // Keyed as the planner keyed them (`cellKey`): the strings are hashed already.
    if (p.cells) addCellDeltas(p.cells, deltas);
    // The push is stored whatever happens here: a fold that fails is left to the timer.
    if (p.top - p.base >= FOLD_EVERY) this.foldBehind();
    else this.foldSoon();
  }

  /**
   * Bring `cells` up to the last committed entry. When nothing waits it only reads (two one-row
   * reads, no lock), so readers of cells are not held up by another process's write.
   */
  fold(trigger: FoldTrigger = "read"): void {
    this.clearTimer();
    if (this.pending === undefined) {
      const { mark, last } = this.markAndLast();
      if (mark === last) return;
    }
    const t0 = performance.now();
    // Without a WAL sync of its own (NORMAL): cells are derived, and a fold a power cut lost leaves
    // the mark behind, so the next fold recounts from the ledger. Its frames follow every commit
    // before them in the WAL, so they can never be kept without the entries they count. A sync
    // here held the event loop for every push waiting (bench/README.md, "Load").
    const relaxed = !this.db.inTransaction;
    if (relaxed) this.db.pragma("synchronous = NORMAL");
    let report: Omit<FoldReport, "ms" | "trigger"> | undefined;
    try {
      report = this.fold1();
    } finally {
      if (relaxed) this.db.pragma("synchronous = FULL");
    }
    this.pending = undefined;
    if (report) this.listener.folded?.({ ...report, trigger, ms: Math.round((performance.now() - t0) * 100) / 100 });
  }

  /** The fold's transaction: what it folded, or undefined when nothing waited. */
  private fold1(): Omit<FoldReport, "ms" | "trigger"> | undefined {
    return this.db
      .transaction((): Omit<FoldReport, "ms" | "trigger"> | undefined => {
        const { mark: folded, last } = this.markAndLast();
        const p = this.pending;
        if (last === folded) return undefined;
        let r: Omit<FoldReport, "ms" | "trigger">;
        if (p?.cells !== undefined && p.base === folded && p.top === last) {
          this.upsert([...p.cells.values()]);
          r = { entries: last - folded, cells: p.cells.size, from: "memory" };
        } else {
          const info = this.q(
            `INSERT INTO cell_nets (campaign_id, part_id, unit_id, phase_id, net)
             SELECT campaign_id, part_id, unit_id, phase_id, sum(quantity) FROM entries WHERE seq > ?
             GROUP BY campaign_id, part_id, unit_id, phase_id
             ON CONFLICT DO UPDATE SET net = net + excluded.net`,
          ).run(folded);
          r = { entries: last - folded, cells: info.changes, from: "ledger" };
        }
        this.q("UPDATE cells_folded SET seq = ?").run(last);
        return r;
      })
      .immediate();
  }

  /**
   * Fold what waits and stop the timer, before the connection closes. A fold that fails here is
   * reported and left: the next start recounts from the ledger past the mark.
   */
  close(): void {
    this.closed = true;
    this.tryFold("close");
  }

  /** The mark (cells are complete up to it) and the highest stored seq. */
  private markAndLast(): { mark: number; last: number } {
    const mark = (this.q("SELECT seq FROM cells_folded").get() as { seq: number }).seq;
    const last = (this.q("SELECT coalesce(max(seq), 0) AS s FROM entries").get() as { s: number }).s;
    return { mark, last };
  }

  /** Fold, reporting a failure instead of throwing; unless closing, the timer tries again. */
  private tryFold(trigger: FoldTrigger): void {
    try {
      this.fold(trigger);
    } catch (err) {
      this.listener.failed?.(err, trigger);
      this.foldSoon();
    }
  }

  /**
   * Fold on the next turn of the event loop, once the answers of the pushes that filled the
   * queue have been written: a fold of 20,000 entries holds the event loop for tens of ms, and
   * the pushes of the group that set it off need not wait for it (bench/README.md, "Load").
   */
  private foldBehind(): void {
    if (this.immediate !== undefined || this.closed) return;
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      if (!this.closed && this.db.open) this.tryFold("push");
    });
  }

  private immediate: ReturnType<typeof setImmediate> | undefined;

  /** Fold FOLD_AFTER_MS from now, unless a fold is already due or the store is closing. */
  private foldSoon(): void {
    if (this.timer !== undefined || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed && this.db.open) this.tryFold("timer");
    }, FOLD_AFTER_MS);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.immediate = undefined;
  }

  private readonly upserts = new Map<number, Database.Statement>();

  /** The multi-row upsert of `n` cell deltas (prepared on first use of that `n`). */
  private upsertStatement(n: number): Database.Statement {
    let s = this.upserts.get(n);
    if (!s) {
      s = this.db.prepare(
        `INSERT INTO cell_nets (campaign_id, part_id, unit_id, phase_id, net)
         VALUES ${Array.from({ length: n }, () => "(?, ?, ?, ?, ?)").join(", ")}
         ON CONFLICT DO UPDATE SET net = net + excluded.net`,
      );
      this.upserts.set(n, s);
    }
    return s;
  }

  /** Add each delta to its cell (a new cell starts at the delta). */
  private upsert(deltas: readonly Cell[]): void {
    for (let start = 0; start < deltas.length; start += ROWS_PER_UPSERT) {
      const n = Math.min(ROWS_PER_UPSERT, deltas.length - start);
      const values: unknown[] = [];
      for (let i = start; i < start + n; i++) {
        const c = deltas[i] as Cell;
        values.push(c.campaignId, c.partId, c.unitId, c.phaseId, c.net);
      }
      this.upsertStatement(n).run(values);
    }
  }
}
