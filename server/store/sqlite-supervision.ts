/**
 * The supervision half of the SQLite store: the record tables (reviews, replies to them, phase
 * reports, nominations, nomination decisions; rows.ts describes them) and allocations. A record batch is
 * one IMMEDIATE transaction, like a push (sqlite-ledger.ts): the write lock is taken before the
 * snapshot is read, and each table's `seq` continues from its max inside that lock, so seq order
 * is commit order and the pull cursor never skips a row.
 */
import type Database from "better-sqlite3";
import { type AllocationRow, RECORD_TABLES, type RecordRow, type RecordTable, toAllocation } from "./rows";
import { statementCache } from "./sqlite-statements";
import type { Receipt, StoredAllocation, SupervisionStore, Unsaved } from "./store";

const identity = (t: string) => t;

/** Supervision statements over one better-sqlite3 connection. */
export class SqliteSupervision implements SupervisionStore {
  private readonly q: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.q = statementCache(db);
  }

  /**
   * One record batch in one IMMEDIATE transaction: the stored records of `table` with `ids`,
   * then `plan` (which may read more inside the same transaction), then its write with seq
   * continuing from the table's max.
   */
  private async commitRecords<S extends Receipt, T>(
    table: RecordTable<S>,
    ids: readonly string[],
    plan: (stored: Map<string, S>) => { write: Unsaved<S>[]; result: T },
  ): Promise<T> {
    const run = this.db.transaction((): T => {
      const { write, result } = plan(this.byIds(table, ids));
      if (write.length > 0) {
        let seq = (this.q(`SELECT coalesce(max(seq), 0) AS s FROM ${table.table}`).get() as { s: number }).s + 1;
        const marks = table.columns.split(", ").map(() => "?");
        const insert = this.q(`INSERT INTO ${table.table} (${table.columns}) VALUES (${marks.join(", ")})`);
        for (const r of write) {
          const [id, ...rest] = table.values(r, identity);
          insert.run(id, seq++, ...rest);
        }
      }
      return result;
    });
    return run.immediate();
  }

  private byIds<S extends Receipt>(table: RecordTable<S>, ids: readonly string[]): Map<string, S> {
    const out = new Map<string, S>();
    if (ids.length === 0) return out;
    const rows = this.q(`SELECT ${table.columns} FROM ${table.table} WHERE id IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(ids),
    ) as RecordRow[];
    for (const r of rows) out.set(r.id as string, table.fromRow(r, identity));
    return out;
  }

  // The public methods take their types from `SupervisionStore`, where they are written once.

  readonly commitReviews: SupervisionStore["commitReviews"] = (ids, entryIds, plan) =>
    this.commitRecords(RECORD_TABLES.reviews, ids, (reviews) => {
      const entryUnits = new Map<string, string>();
      const entryCampaigns = new Map<string, string>();
      if (entryIds.length > 0) {
        const rows = this.q(
          "SELECT id, unit_id, campaign_id FROM entries WHERE id IN (SELECT value FROM json_each(?))",
        ).all(JSON.stringify(entryIds)) as { id: string; unit_id: string; campaign_id: string }[];
        for (const r of rows) {
          entryUnits.set(r.id, r.unit_id);
          entryCampaigns.set(r.id, r.campaign_id);
        }
      }
      return plan({ reviews, entryUnits, entryCampaigns });
    });

  readonly commitPhaseReports: SupervisionStore["commitPhaseReports"] = (ids, plan) =>
    this.commitRecords(RECORD_TABLES.phaseReports, ids, plan);

  readonly commitNominations: SupervisionStore["commitNominations"] = (ids, plan) =>
    this.commitRecords(RECORD_TABLES.nominations, ids, plan);

  readonly commitNominationReviews: SupervisionStore["commitNominationReviews"] = (ids, nominationIds, plan) =>
    this.commitRecords(RECORD_TABLES.nominationReviews, ids, (reviews) =>
      plan({ reviews, nominations: this.byIds(RECORD_TABLES.nominations, nominationIds) }),
    );

  /** Load, plan and write one batch of replies to reviews atomically (with the entries they name). */
  readonly commitReplies: SupervisionStore["commitReplies"] = (ids, entryIds, plan) =>
    this.commitRecords(RECORD_TABLES.replies, ids, (replies) => {
      const found = this.q(
        "SELECT id, unit_id, campaign_id, author_id FROM entries WHERE id IN (SELECT value FROM json_each(?))",
      ).all(JSON.stringify(entryIds)) as { id: string; unit_id: string; campaign_id: string; author_id: string }[];
      const entries = new Map(
        found.map((e) => [e.id, { unitId: e.unit_id, campaignId: e.campaign_id, authorId: e.author_id }]),
      );
      return plan({ replies, entries });
    });

  readonly recordsAfter: SupervisionStore["recordsAfter"] = async (kind, afterSeq, unitIds, limit) => {
    const table = RECORD_TABLES[kind];
    const { columns } = table;
    const rows =
      unitIds === null
        ? this.q(`SELECT ${columns} FROM ${table.table} WHERE seq > ? ORDER BY seq LIMIT ?`).all(afterSeq, limit)
        : this.q(
            `SELECT ${columns} FROM ${table.table} WHERE seq > ? AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ?`,
          ).all(afterSeq, JSON.stringify(unitIds), limit);
    return (rows as RecordRow[]).map((r) => table.fromRow(r, identity));
  };

  /** Set or remove allocations in one transaction; the touched units' allocations after it. */
  readonly applyAllocations: SupervisionStore["applyAllocations"] = async (items, setBy, at) => {
    const run = this.db.transaction((): StoredAllocation[] => {
      const upsert = this.q(
        `INSERT INTO allocations (campaign_id, part_id, unit_id, goal, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET goal = excluded.goal, set_by = excluded.set_by, set_at = excluded.set_at`,
      );
      const remove = this.q("DELETE FROM allocations WHERE campaign_id = ? AND part_id = ? AND unit_id = ?");
      for (const a of items) {
        if (a.goal === null) remove.run(a.campaignId, a.partId, a.unitId);
        else upsert.run(a.campaignId, a.partId, a.unitId, a.goal, setBy, at);
      }
      return this.select(null, [...new Set(items.map((a) => a.unitId))]);
    });
    return run.immediate();
  };

  readonly allocations: SupervisionStore["allocations"] = async (campaignId, unitIds) =>
    this.select(campaignId, unitIds);

  private select(campaignId: string | null, unitIds: readonly string[] | null): StoredAllocation[] {
    const rows = this.q(
      `SELECT campaign_id, part_id, unit_id, goal FROM allocations
       WHERE (@campaign IS NULL OR campaign_id = @campaign)
         AND (@units IS NULL OR unit_id IN (SELECT value FROM json_each(@units)))
       ORDER BY campaign_id, unit_id, part_id`,
    ).all({ campaign: campaignId, units: unitIds === null ? null : JSON.stringify(unitIds) }) as AllocationRow[];
    return rows.map(toAllocation);
  }
}
