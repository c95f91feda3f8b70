/**
 * The maintained cells of the SQLite store, folded in behind the pushes.
 *
 * A cell is derived data: the net of every entry of one campaign, part, unit and phase. A push
 * commits the entries (the facts) and their chain nets; it does not write cells in its own
 * transaction. Instead this connection keeps each committed push's cell deltas in memory, and a
 * fold adds them to `cells` in one transaction that also moves `cells_folded.seq`, the entry seq
 * up to which `cells` is complete. Cells and mark change together or not at all.
 *
 * Every read of cells folds first (the store calls `fold()`), so no reader sees them behind. A
 * fold also runs after FOLD_EVERY unfolded entries, FOLD_AFTER_MS after the first one, when the
 * store is migrated (start-up) and when it is closed.
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
import type { Cell } from "../../src/domain/totals";
import type { Statements } from "./sqlite-statements";

/** Fold once this many entries are waiting (a fold writes each touched cell once). */
const FOLD_EVERY = 20_000;

/** Fold this long after the first entry that waits, so an idle server's cells are current. */
const FOLD_AFTER_MS = 2_000;

/** Rows per multi-row upsert. */
const ROWS_PER_UPSERT = 50;

/** What one fold did, for the log. */
export type FoldReport = { entries: number; cells: number; from: "memory" | "ledger"; ms: number };

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
    private readonly onFold: (report: FoldReport) => void = () => {},
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
    if (p.cells) {
      // Keyed as the planner keyed them (`cellKey`): the strings are hashed already.
      for (const [key, d] of deltas) {
        const c = p.cells.get(key);
        if (c) c.net += d.net;
        else
          p.cells.set(key, {
            campaignId: d.campaignId,
            partId: d.partId,
            unitId: d.unitId,
            phaseId: d.phaseId,
            net: d.net,
          });
      }
    }
    if (p.top - p.base >= FOLD_EVERY) this.fold();
    else if (this.timer === undefined && !this.closed) {
      this.timer = setTimeout(() => this.foldLater(), FOLD_AFTER_MS);
      this.timer.unref();
    }
  }

  /** Bring `cells` up to the last committed entry (a no-op when it is). */
  fold(): void {
    this.clearTimer();
    const t0 = performance.now();
    const report = this.db
      .transaction((): Omit<FoldReport, "ms"> | undefined => {
        const folded = (this.q("SELECT seq FROM cells_folded").get() as { seq: number }).seq;
        const last = (this.q("SELECT coalesce(max(seq), 0) AS s FROM entries").get() as { s: number }).s;
        const p = this.pending;
        if (last === folded) return undefined;
        let r: Omit<FoldReport, "ms">;
        if (p?.cells !== undefined && p.base === folded && p.top === last) {
          this.upsert([...p.cells.values()]);
          r = { entries: last - folded, cells: p.cells.size, from: "memory" };
        } else {
          const info = this.q(
            `INSERT INTO cells (campaign_id, part_id, unit_id, phase_id, net)
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
    this.pending = undefined;
    if (report) this.onFold({ ...report, ms: Math.round((performance.now() - t0) * 100) / 100 });
  }

  /** Fold now and stop the timer (before the connection closes). */
  close(): void {
    this.closed = true;
    this.fold();
  }

  /** The timer's fold; a failure (another process holding the lock too long) tries again later. */
  private foldLater(): void {
    this.timer = undefined;
    if (this.closed || !this.db.open) return;
    try {
      this.fold();
    } catch {
      if (!this.closed) {
        this.timer = setTimeout(() => this.foldLater(), FOLD_AFTER_MS);
        this.timer.unref();
      }
    }
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly upserts = new Map<number, Database.Statement>();

  /** The multi-row upsert of `n` cell deltas (prepared on first use of that `n`). */
  private upsertStatement(n: number): Database.Statement {
    let s = this.upserts.get(n);
    if (!s) {
      s = this.db.prepare(
        `INSERT INTO cells (campaign_id, part_id, unit_id, phase_id, net)
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
