/**
 * The ledger half of the SQLite store: one push is one IMMEDIATE transaction (the write lock is
 * taken before the snapshot is read, so no other writer, in this process or another, can slip in
 * between the checks and the insert). Lookups are batched through `json_each`, never one SELECT
 * per entry; `seq` is max(seq)+1 onward inside that lock, so seq order is commit order.
 */
import type Database from "better-sqlite3";
import type { Cell } from "../../src/domain/totals";
import { ENTRY_COLUMNS, type EntryRow, rowMappers } from "./rows";
import { statementCache } from "./sqlite-statements";
import type { LedgerSnapshot, PushPlanner, StoredEntry } from "./store";

const { toStoredEntry } = rowMappers((t) => t);

/** Ledger statements over one better-sqlite3 connection. */
export class SqliteLedger {
  private readonly q: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.q = statementCache(db);
  }

  /** Load, plan and write one push atomically. */
  commitPush<T>(ids: readonly string[], plan: PushPlanner<T>): T {
    const run = this.db.transaction((): T => {
      const { write, result } = plan(this.snapshot(ids));
      this.write(write.entries, write.cellDeltas, write.correctedChainNets);
      return result;
    });
    return run.immediate();
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

  private write(
    entries: readonly Omit<StoredEntry, "seq">[],
    cellDeltas: readonly Cell[],
    chainNets: ReadonlyMap<string, number>,
  ): void {
    if (entries.length === 0) return;
    let seq = (this.q("SELECT coalesce(max(seq), 0) AS s FROM entries").get() as { s: number }).s;
    const insert = this.q(
      `INSERT INTO entries (${ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const e of entries) {
      seq += 1;
      insert.run(
        e.id,
        seq,
        e.campaignId,
        e.partId,
        e.unitId,
        e.date,
        e.quantity,
        e.note ?? null,
        e.correctsId ?? null,
        e.createdAt,
        e.phaseId,
        e.rootId,
        e.authorId,
        e.clientId,
        e.receivedAt,
      );
    }
    const cell = this.q(
      "INSERT INTO cells (campaign_id, part_id, unit_id, phase_id, net) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET net = net + excluded.net",
    );
    for (const c of cellDeltas) cell.run(c.campaignId, c.partId, c.unitId, c.phaseId, c.net);
    const chain = this.q(
      "INSERT INTO chain_nets (root_id, net) VALUES (?, ?) ON CONFLICT DO UPDATE SET net = excluded.net",
    );
    for (const [root, net] of chainNets) chain.run(root, net);
  }

  /** Entries after a seq, in seq order, optionally only of some units. */
  entriesAfter(afterSeq: number, unitIds: readonly string[] | null, limit: number): StoredEntry[] {
    const rows =
      unitIds === null
        ? this.q(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE seq > ? ORDER BY seq LIMIT ?`).all(afterSeq, limit)
        : this.q(
            `SELECT ${ENTRY_COLUMNS} FROM entries WHERE seq > ? AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ?`,
          ).all(afterSeq, JSON.stringify(unitIds), limit);
    return (rows as EntryRow[]).map(toStoredEntry);
  }

  /** The cells of one campaign. */
  cells(campaignId: string): Cell[] {
    const rows = this.q("SELECT part_id, unit_id, phase_id, net FROM cells WHERE campaign_id = ?").all(campaignId) as {
      part_id: string;
      unit_id: string;
      phase_id: string;
      net: number;
    }[];
    return rows.map((r) => ({ campaignId, partId: r.part_id, unitId: r.unit_id, phaseId: r.phase_id, net: r.net }));
  }
}
