/**
 * The supervision half of the PostgreSQL store: the record tables (reviews, replies to them, phase
 * reports, nominations, nomination decisions; rows.ts describes them) and allocations.
 *
 * Record tables are pulled by their own `seq` cursor positions, so they face the
 * hazard postgres-ledger.ts explains for entries (a sequence hands out numbers in request order,
 * transactions commit in any order, and a cursor following it can skip a row for good). The cure
 * is the same: every writer of a record table takes PUSH_LOCK first and assigns
 * seq as max(seq)+1.. while holding it, so commits happen in seq order and any snapshot sees a
 * prefix of each table's seq order. Sharing the push lock (rather than one lock per table)
 * keeps one rule for every ledger-like writer; review and report batches are small and rare next
 * to pushes. The lock also makes snapshot-plan-write atomic: two batches with one id, the second
 * answers duplicate. Allocations are plain rows written in one transaction (all or nothing).
 */
import type { Allocation } from "../../src/domain/supervision";
import { fromDb, inTransaction, type Pool, PUSH_LOCK, type Tx, toDb } from "./postgres-pool";
import { type AllocationRow, RECORD_TABLES, type RecordRow, type RecordTable, toAllocation } from "./rows";
import type { Receipt, StoredAllocation, SupervisionStore, Unsaved } from "./store";

/** The stored records of `table` with `ids`. */
async function byIds<S extends Receipt>(
  tx: Tx,
  table: RecordTable<S>,
  ids: readonly string[],
): Promise<Map<string, S>> {
  const r = await tx.query<RecordRow>(`SELECT ${table.columns} FROM ${table.table} WHERE id = ANY($1::text[])`, [
    [...ids],
  ]);
  return new Map(r.rows.map((row) => [row.id as string, table.fromRow(row, fromDb)]));
}

/**
 * Insert records with seq continuing from the table's max, in the given order (call only under
 * PUSH_LOCK): one statement over one text array per column.
 */
async function insertWithSeq<S extends Receipt>(
  tx: Tx,
  table: RecordTable<S>,
  records: readonly Unsaved<S>[],
): Promise<void> {
  if (records.length === 0) return;
  const all = table.columns.split(", ");
  const names = all.filter((c) => c !== "seq");
  const rows = records.map((r) => table.values(r, toDb));
  await tx.query(
    `INSERT INTO ${table.table} (${table.columns})
     SELECT ${all.map((c) => (c === "seq" ? "base.s + t.ord" : `t.${c}`)).join(", ")}
     FROM (SELECT coalesce(max(seq), 0) AS s FROM ${table.table}) AS base,
       unnest(${names.map((_, i) => `$${i + 1}::text[]`).join(", ")}) WITH ORDINALITY AS t(${names.join(", ")}, ord)
     ORDER BY t.ord`,
    names.map((_, i) => rows.map((values) => values[i] ?? null)),
  );
}

/** Supervision queries over a pool. */
export class PostgresSupervision implements SupervisionStore {
  constructor(private readonly pool: Pool) {}

  /** Lock, load, plan and write one record batch atomically (see the header). */
  private commitRecords<S extends Receipt, T>(
    table: RecordTable<S>,
    ids: readonly string[],
    plan: (tx: Tx, stored: Map<string, S>) => Promise<{ write: Unsaved<S>[]; result: T }>,
  ): Promise<T> {
    return inTransaction(
      this.pool,
      async (tx) => {
        const { write, result } = await plan(tx, await byIds(tx, table, ids));
        await insertWithSeq(tx, table, write);
        return result;
      },
      PUSH_LOCK,
    );
  }

  // The public methods take their types from `SupervisionStore`, where they are written once.

  readonly commitReviews: SupervisionStore["commitReviews"] = (ids, entryIds, plan) =>
    this.commitRecords(RECORD_TABLES.reviews, ids, async (tx, reviews) => {
      const entries = await tx.query<{ id: string; unit_id: string; campaign_id: string }>(
        "SELECT id, unit_id, campaign_id FROM entries WHERE id = ANY($1::text[])",
        [[...entryIds]],
      );
      return plan({
        reviews,
        entryUnits: new Map(entries.rows.map((r) => [r.id, r.unit_id])),
        entryCampaigns: new Map(entries.rows.map((r) => [r.id, r.campaign_id])),
      });
    });

  /** Lock, load, plan and write one batch of replies to reviews atomically, with the entries they name. */
  readonly commitReplies: SupervisionStore["commitReplies"] = (ids, entryIds, plan) =>
    this.commitRecords(RECORD_TABLES.replies, ids, async (tx, replies) => {
      const found = await tx.query<{ id: string; unit_id: string; campaign_id: string; author_id: string }>(
        "SELECT id, unit_id, campaign_id, author_id FROM entries WHERE id = ANY($1::text[])",
        [[...entryIds]],
      );
      const entries = new Map(
        found.rows.map((e) => [e.id, { unitId: e.unit_id, campaignId: e.campaign_id, authorId: e.author_id }]),
      );
      return plan({ replies, entries });
    });

  readonly commitPhaseReports: SupervisionStore["commitPhaseReports"] = (ids, plan) =>
    this.commitRecords(RECORD_TABLES.phaseReports, ids, async (_tx, stored) => plan(stored));

  readonly commitNominations: SupervisionStore["commitNominations"] = (ids, plan) =>
    this.commitRecords(RECORD_TABLES.nominations, ids, async (_tx, stored) => plan(stored));

  readonly commitNominationReviews: SupervisionStore["commitNominationReviews"] = (ids, nominationIds, plan) =>
    this.commitRecords(RECORD_TABLES.nominationReviews, ids, async (tx, reviews) =>
      plan({ reviews, nominations: await byIds(tx, RECORD_TABLES.nominations, nominationIds) }),
    );

  readonly recordsAfter: SupervisionStore["recordsAfter"] = async (kind, afterSeq, unitIds, limit) => {
    const table = RECORD_TABLES[kind];
    const { columns } = table;
    const r =
      unitIds === null
        ? await this.pool.query<RecordRow>(
            `SELECT ${columns} FROM ${table.table} WHERE seq > $1 ORDER BY seq LIMIT $2`,
            [afterSeq, limit],
          )
        : await this.pool.query<RecordRow>(
            `SELECT ${columns} FROM ${table.table} WHERE seq > $1 AND unit_id = ANY($2::text[]) ORDER BY seq LIMIT $3`,
            [afterSeq, [...unitIds], limit],
          );
    return r.rows.map((row) => table.fromRow(row, fromDb));
  };

  /** Set or remove allocations in one transaction; the touched units' allocations after it. */
  readonly applyAllocations: SupervisionStore["applyAllocations"] = async (items, setBy, at) => {
    // The last item for a key wins (as if applied in order); then one statement per kind.
    const last = new Map(items.map((a) => [`${a.campaignId}\u0000${a.partId}\u0000${a.unitId}`, a]));
    const removed = [...last.values()].filter((a) => a.goal === null);
    const set = [...last.values()].filter((a) => a.goal !== null);
    const keys = (list: Allocation[]) => [
      list.map((a) => a.campaignId),
      list.map((a) => a.partId),
      list.map((a) => a.unitId),
    ];
    return inTransaction(this.pool, async (tx) => {
      if (removed.length > 0) {
        await tx.query(
          `DELETE FROM allocations a USING unnest($1::text[], $2::text[], $3::text[]) AS k(campaign_id, part_id, unit_id)
           WHERE a.campaign_id = k.campaign_id AND a.part_id = k.part_id AND a.unit_id = k.unit_id`,
          keys(removed),
        );
      }
      if (set.length > 0) {
        await tx.query(
          `INSERT INTO allocations (campaign_id, part_id, unit_id, goal, set_by, set_at)
           SELECT k.*, $5, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS k
           ON CONFLICT (campaign_id, part_id, unit_id)
           DO UPDATE SET goal = excluded.goal, set_by = excluded.set_by, set_at = excluded.set_at`,
          [...keys(set), set.map((a) => a.goal), setBy, at],
        );
      }
      return this.select(tx, null, [...new Set(items.map((a) => a.unitId))]);
    });
  };

  readonly allocations: SupervisionStore["allocations"] = (campaignId, unitIds) =>
    this.select(this.pool, campaignId, unitIds);

  private async select(
    on: Pool | Tx,
    campaignId: string | null,
    unitIds: readonly string[] | null,
  ): Promise<StoredAllocation[]> {
    const r = await on.query<AllocationRow>(
      `SELECT campaign_id, part_id, unit_id, goal FROM allocations
       WHERE ($1::text IS NULL OR campaign_id = $1) AND ($2::text[] IS NULL OR unit_id = ANY($2::text[]))
       ORDER BY campaign_id COLLATE "C", unit_id COLLATE "C", part_id COLLATE "C"`,
      [campaignId, unitIds === null ? null : [...unitIds]],
    );
    return r.rows.map(toAllocation);
  }
}
