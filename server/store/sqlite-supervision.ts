/**
 * The supervision half of the SQLite store: reviews, phase reports and allocations. A review or
 * phase-report batch is one IMMEDIATE transaction, like a push (sqlite-ledger.ts): the write lock
 * is taken before the snapshot is read, and each table's `seq` continues from its max inside that
 * lock, so seq order is commit order and the pull cursor never skips a row.
 */
import type Database from "better-sqlite3";
import type { Allocation } from "../../src/domain/supervision";
import {
  type AllocationRow,
  REPORT_COLUMNS,
  REVIEW_COLUMNS,
  type ReportRow,
  type ReviewRow,
  rowMappers,
  toAllocation,
} from "./rows";
import { statementCache } from "./sqlite-statements";
import type {
  NewPhaseReport,
  NewReview,
  PhaseReportPlanner,
  ReviewPlanner,
  StoredAllocation,
  StoredPhaseReport,
  StoredReview,
} from "./store";

const { toReview, toReport } = rowMappers((t) => t);

/** Supervision statements over one better-sqlite3 connection. */
export class SqliteSupervision {
  private readonly q: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.q = statementCache(db);
  }

  private nextSeq(table: "reviews" | "phase_reports"): number {
    return (this.q(`SELECT coalesce(max(seq), 0) AS s FROM ${table}`).get() as { s: number }).s + 1;
  }

  /** Load, plan and write one review batch atomically. */
  commitReviews<T>(ids: readonly string[], entryIds: readonly string[], plan: ReviewPlanner<T>): T {
    const run = this.db.transaction((): T => {
      const reviews = new Map<string, StoredReview>();
      const entryUnits = new Map<string, string>();
      if (ids.length > 0) {
        const rows = this.q(`SELECT ${REVIEW_COLUMNS} FROM reviews WHERE id IN (SELECT value FROM json_each(?))`).all(
          JSON.stringify(ids),
        ) as ReviewRow[];
        for (const r of rows) reviews.set(r.id, toReview(r));
      }
      if (entryIds.length > 0) {
        const rows = this.q("SELECT id, unit_id FROM entries WHERE id IN (SELECT value FROM json_each(?))").all(
          JSON.stringify(entryIds),
        ) as { id: string; unit_id: string }[];
        for (const r of rows) entryUnits.set(r.id, r.unit_id);
      }
      const { write, result } = plan({ reviews, entryUnits });
      this.writeReviews(write);
      return result;
    });
    return run.immediate();
  }

  private writeReviews(reviews: readonly NewReview[]): void {
    if (reviews.length === 0) return;
    let seq = this.nextSeq("reviews");
    const insert = this.q(`INSERT INTO reviews (${REVIEW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const r of reviews) {
      insert.run(
        r.id,
        seq++,
        r.entryId,
        r.unitId,
        r.state,
        r.comment ?? null,
        r.createdAt,
        r.reviewerId,
        r.reviewerName,
        r.clientId,
        r.receivedAt,
      );
    }
  }

  /** Reviews after a seq, in seq order, optionally only of some units. */
  reviewsAfter(afterSeq: number, unitIds: readonly string[] | null, limit: number): StoredReview[] {
    return (this.after("reviews", REVIEW_COLUMNS, afterSeq, unitIds, limit) as ReviewRow[]).map(toReview);
  }

  /** Load, plan and write one phase-report batch atomically. */
  commitPhaseReports<T>(ids: readonly string[], plan: PhaseReportPlanner<T>): T {
    const run = this.db.transaction((): T => {
      const stored = new Map<string, StoredPhaseReport>();
      if (ids.length > 0) {
        const rows = this.q(
          `SELECT ${REPORT_COLUMNS} FROM phase_reports WHERE id IN (SELECT value FROM json_each(?))`,
        ).all(JSON.stringify(ids)) as ReportRow[];
        for (const r of rows) stored.set(r.id, toReport(r));
      }
      const { write, result } = plan(stored);
      this.writeReports(write);
      return result;
    });
    return run.immediate();
  }

  private writeReports(reports: readonly NewPhaseReport[]): void {
    if (reports.length === 0) return;
    let seq = this.nextSeq("phase_reports");
    const insert = this.q(`INSERT INTO phase_reports (${REPORT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const r of reports) {
      insert.run(
        r.id,
        seq++,
        r.campaignId,
        r.phaseId,
        r.unitId,
        r.note ?? null,
        r.createdAt,
        r.authorId,
        r.clientId,
        r.receivedAt,
      );
    }
  }

  /** Phase reports after a seq, in seq order, optionally only of some units. */
  phaseReportsAfter(afterSeq: number, unitIds: readonly string[] | null, limit: number): StoredPhaseReport[] {
    return (this.after("phase_reports", REPORT_COLUMNS, afterSeq, unitIds, limit) as ReportRow[]).map(toReport);
  }

  private after(table: string, columns: string, afterSeq: number, unitIds: readonly string[] | null, limit: number) {
    return unitIds === null
      ? this.q(`SELECT ${columns} FROM ${table} WHERE seq > ? ORDER BY seq LIMIT ?`).all(afterSeq, limit)
      : this.q(
          `SELECT ${columns} FROM ${table} WHERE seq > ? AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ?`,
        ).all(afterSeq, JSON.stringify(unitIds), limit);
  }

  /** Set or remove allocations in one transaction; the touched units' allocations after it. */
  applyAllocations(items: readonly Allocation[], setBy: string, at: string): StoredAllocation[] {
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
      return this.allocations(null, [...new Set(items.map((a) => a.unitId))]);
    });
    return run.immediate();
  }

  /** Stored allocations, optionally of one campaign and/or some units. */
  allocations(campaignId: string | null, unitIds: readonly string[] | null): StoredAllocation[] {
    const rows = this.q(
      `SELECT campaign_id, part_id, unit_id, goal FROM allocations
       WHERE (@campaign IS NULL OR campaign_id = @campaign)
         AND (@units IS NULL OR unit_id IN (SELECT value FROM json_each(@units)))
       ORDER BY campaign_id, unit_id, part_id`,
    ).all({ campaign: campaignId, units: unitIds === null ? null : JSON.stringify(unitIds) }) as AllocationRow[];
    return rows.map(toAllocation);
  }
}
