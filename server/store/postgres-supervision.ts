/**
 * The supervision half of the PostgreSQL store: reviews, phase reports and allocations.
 *
 * Reviews and phase reports are pulled by their own `seq` cursor positions, so they face the
 * hazard postgres-ledger.ts explains for entries (a sequence hands out numbers in request order,
 * transactions commit in any order, and a cursor following it can skip a row for good). The cure
 * is the same: every writer of `reviews` or `phase_reports` takes PUSH_LOCK first and assigns
 * seq as max(seq)+1.. while holding it, so commits happen in seq order and any snapshot sees a
 * prefix of each table's seq order. Sharing the push lock (rather than one lock per table)
 * keeps one rule for every ledger-like writer; review and report batches are small and rare next
 * to pushes. The lock also makes snapshot-plan-write atomic: two batches with one id, the second
 * answers duplicate. Allocations are plain rows written in one transaction (all or nothing).
 */
import type { Allocation } from "../../src/domain/supervision";
import {
  fromDb,
  inTransaction,
  lockForTransaction,
  type Pool,
  PUSH_LOCK,
  type Tx,
  toDb,
  toDbOrNull,
} from "./postgres-pool";
import {
  type AllocationRow,
  REPORT_COLUMNS,
  REVIEW_COLUMNS,
  type ReportRow,
  type ReviewRow,
  rowMappers,
  toAllocation,
} from "./rows";
import type {
  NewPhaseReport,
  NewReview,
  PhaseReportPlanner,
  ReviewPlanner,
  StoredAllocation,
  StoredPhaseReport,
  StoredReview,
} from "./store";

const { toReview, toReport } = rowMappers(fromDb);

/**
 * Insert rows with seq continuing from the table's max, in the given order (call only under
 * PUSH_LOCK). `values` holds one array per column except seq, in `columns` order; `types` their types.
 */
async function insertWithSeq(
  tx: Tx,
  table: "reviews" | "phase_reports",
  columns: string,
  types: readonly string[],
  values: unknown[][],
): Promise<void> {
  const all = columns.split(", ");
  const names = all.filter((c) => c !== "seq");
  const arrays = types.map((t, i) => `$${i + 1}::${t}[]`).join(", ");
  await tx.query(
    `INSERT INTO ${table} (${columns})
     SELECT ${all.map((c) => (c === "seq" ? "base.s + t.ord" : `t.${c}`)).join(", ")}
     FROM (SELECT coalesce(max(seq), 0) AS s FROM ${table}) AS base,
       unnest(${arrays}) WITH ORDINALITY AS t(${names.join(", ")}, ord)
     ORDER BY t.ord`,
    values,
  );
}

/** Supervision queries over a pool. */
export class PostgresSupervision {
  constructor(private readonly pool: Pool) {}

  /** Lock, load, plan and write one review batch atomically (see the header). */
  async commitReviews<T>(ids: readonly string[], entryIds: readonly string[], plan: ReviewPlanner<T>): Promise<T> {
    return inTransaction(this.pool, async (tx) => {
      await lockForTransaction(tx, PUSH_LOCK);
      const stored = await tx.query<ReviewRow>(`SELECT ${REVIEW_COLUMNS} FROM reviews WHERE id = ANY($1::text[])`, [
        [...ids],
      ]);
      const entries = await tx.query<{ id: string; unit_id: string }>(
        "SELECT id, unit_id FROM entries WHERE id = ANY($1::text[])",
        [[...entryIds]],
      );
      const { write, result } = plan({
        reviews: new Map(stored.rows.map((r) => [r.id, toReview(r)])),
        entryUnits: new Map(entries.rows.map((r) => [r.id, r.unit_id])),
      });
      await this.writeReviews(tx, write);
      return result;
    });
  }

  private async writeReviews(tx: Tx, reviews: readonly NewReview[]): Promise<void> {
    if (reviews.length === 0) return;
    const col = (f: (r: NewReview) => unknown) => reviews.map(f);
    await insertWithSeq(tx, "reviews", REVIEW_COLUMNS, Array(10).fill("text"), [
      col((r) => r.id),
      col((r) => r.entryId),
      col((r) => r.unitId),
      col((r) => r.state),
      col((r) => toDbOrNull(r.comment)),
      col((r) => r.createdAt),
      col((r) => r.reviewerId),
      col((r) => toDb(r.reviewerName)),
      col((r) => toDb(r.clientId)),
      col((r) => r.receivedAt),
    ]);
  }

  /** Reviews after a seq, in seq order, optionally only of some units. */
  async reviewsAfter(afterSeq: number, unitIds: readonly string[] | null, limit: number): Promise<StoredReview[]> {
    return (await this.after<ReviewRow>("reviews", REVIEW_COLUMNS, afterSeq, unitIds, limit)).map(toReview);
  }

  /** Lock, load, plan and write one phase-report batch atomically (see the header). */
  async commitPhaseReports<T>(ids: readonly string[], plan: PhaseReportPlanner<T>): Promise<T> {
    return inTransaction(this.pool, async (tx) => {
      await lockForTransaction(tx, PUSH_LOCK);
      const stored = await tx.query<ReportRow>(
        `SELECT ${REPORT_COLUMNS} FROM phase_reports WHERE id = ANY($1::text[])`,
        [[...ids]],
      );
      const { write, result } = plan(new Map(stored.rows.map((r) => [r.id, toReport(r)])));
      await this.writeReports(tx, write);
      return result;
    });
  }

  private async writeReports(tx: Tx, reports: readonly NewPhaseReport[]): Promise<void> {
    if (reports.length === 0) return;
    const col = (f: (r: NewPhaseReport) => unknown) => reports.map(f);
    await insertWithSeq(tx, "phase_reports", REPORT_COLUMNS, Array(9).fill("text"), [
      col((r) => r.id),
      col((r) => r.campaignId),
      col((r) => r.phaseId),
      col((r) => r.unitId),
      col((r) => toDbOrNull(r.note)),
      col((r) => r.createdAt),
      col((r) => r.authorId),
      col((r) => toDb(r.clientId)),
      col((r) => r.receivedAt),
    ]);
  }

  /** Phase reports after a seq, in seq order, optionally only of some units. */
  async phaseReportsAfter(
    afterSeq: number,
    unitIds: readonly string[] | null,
    limit: number,
  ): Promise<StoredPhaseReport[]> {
    return (await this.after<ReportRow>("phase_reports", REPORT_COLUMNS, afterSeq, unitIds, limit)).map(toReport);
  }

  private async after<R extends object>(
    table: string,
    columns: string,
    afterSeq: number,
    unitIds: readonly string[] | null,
    limit: number,
  ): Promise<R[]> {
    const r =
      unitIds === null
        ? await this.pool.query<R>(`SELECT ${columns} FROM ${table} WHERE seq > $1 ORDER BY seq LIMIT $2`, [
            afterSeq,
            limit,
          ])
        : await this.pool.query<R>(
            `SELECT ${columns} FROM ${table} WHERE seq > $1 AND unit_id = ANY($2::text[]) ORDER BY seq LIMIT $3`,
            [afterSeq, [...unitIds], limit],
          );
    return r.rows;
  }

  /** Set or remove allocations in one transaction; the touched units' allocations after it. */
  async applyAllocations(items: readonly Allocation[], setBy: string, at: string): Promise<StoredAllocation[]> {
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
  }

  /** Stored allocations, optionally of one campaign and/or some units. */
  async allocations(campaignId: string | null, unitIds: readonly string[] | null): Promise<StoredAllocation[]> {
    return this.select(this.pool, campaignId, unitIds);
  }

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
