/**
 * The SQLite implementation of `Store` (better-sqlite3 12). WAL mode, so pulls and totals read
 * while a push writes. `synchronous = FULL`: a push answered "stored" lets the phone mark its
 * entries synced, and with NORMAL a power cut could roll back a commit the phone already
 * trusted, losing those entries for good; FULL costs one WAL fsync per push (not per entry).
 * Foreign keys are on; temporary files (the statement journal of the ledger's multi-row INSERTs)
 * are kept in memory. The work is split: catalog here, `sqlite-accounts.ts`, `sqlite-ledger.ts`,
 * `sqlite-supervision.ts` (reviews, phase reports, allocations).
 */

import Database from "better-sqlite3";
import type { Campaign } from "../../src/domain/schemas";
import type { Allocation } from "../../src/domain/supervision";
import type { Cell } from "../../src/domain/totals";
import { refuseNewerSchema, sqliteMigrations } from "./migrations/sqlite";
import { SqliteAccounts } from "./sqlite-accounts";
import type { FoldListener } from "./sqlite-cells";
import { SqliteLedger } from "./sqlite-ledger";
import { statementCache } from "./sqlite-statements";
import { SqliteSupervision } from "./sqlite-supervision";
import type {
  CampaignUsage,
  ClientRelease,
  LoginFailureKey,
  NominationPlanner,
  NominationReviewPlanner,
  PhaseReportPlanner,
  PushPlanner,
  ReviewPlanner,
  SessionRecord,
  Store,
  StoredAllocation,
  StoredEntry,
  StoredPhaseReport,
  StoredReview,
  StoredUnits,
  UserPatch,
  UserRecord,
} from "./store";
import { usageOf } from "./store";
import { type UnitRow, unitExtra, unitOfRow } from "./unit-rows";

/** Open (creating when missing) a SQLite store at `filename` (":memory:" for a throwaway one). */
export function openSqliteStore(filename: string, folds?: FoldListener): SqliteStore {
  return new SqliteStore(new Database(filename), folds);
}

/** `Store` over one better-sqlite3 connection. */
export class SqliteStore implements Store {
  private readonly q: (sql: string) => Database.Statement;
  private readonly accounts: SqliteAccounts;
  private readonly ledger: SqliteLedger;
  private readonly supervision: SqliteSupervision;

  constructor(
    private readonly db: Database.Database,
    folds?: FoldListener,
  ) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    // The ledger's multi-row INSERTs keep a statement journal; in a temporary file it cost ~0.3 ms
    // a push of 500 (cell upserts measured ~0.85 → ~0.6 ms), in memory it is a few pages.
    db.pragma("temp_store = MEMORY");
    this.q = statementCache(db);
    this.accounts = new SqliteAccounts(db);
    this.ledger = new SqliteLedger(db, folds);
    this.supervision = new SqliteSupervision(db);
  }

  async migrate(): Promise<number[]> {
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    const rows = this.db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[];
    const done = new Set(rows.map((r) => r.version));
    refuseNewerSchema(done, sqliteMigrations);
    const applied: number[] = [];
    for (const m of sqliteMigrations) {
      if (done.has(m.version)) continue;
      this.db
        .transaction(() => {
          this.db.exec(m.sql);
          this.db
            .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
            .run(m.version, m.name, new Date().toISOString());
        })
        .immediate();
      applied.push(m.version);
    }
    // Cells a crash left behind the ledger are brought up to it before anyone reads them.
    this.ledger.cellStore.fold("start");
    return applied;
  }

  async close(): Promise<void> {
    if (this.db.open) {
      this.ledger.commitAll();
      this.ledger.cellStore.close();
    }
    this.db.close();
  }

  async catalogVersion(): Promise<number> {
    const row = this.q("SELECT value FROM settings WHERE key = 'catalog_version'").get() as
      | { value: string }
      | undefined;
    return row ? Number(row.value) : 0;
  }

  private bumpCatalogVersion(): void {
    this.q(
      "INSERT INTO settings (key, value) VALUES ('catalog_version', '1') ON CONFLICT DO UPDATE SET value = CAST(value AS INTEGER) + 1",
    ).run();
  }

  async campaigns(): Promise<Campaign[]> {
    const rows = this.q("SELECT body FROM campaigns ORDER BY position, id").all() as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as Campaign);
  }

  async saveCampaign(campaign: Campaign): Promise<void> {
    this.db
      .transaction(() => {
        this.q(
          `INSERT INTO campaigns (id, position, body, imported_at)
           VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM campaigns), ?, ?)
           ON CONFLICT DO UPDATE SET body = excluded.body, imported_at = excluded.imported_at`,
        ).run(campaign.id, JSON.stringify(campaign), new Date().toISOString());
        this.bumpCatalogVersion();
      })
      .immediate();
  }

  async campaignUsage(campaignId: string): Promise<CampaignUsage> {
    this.ledger.cellStore.fold();
    const rows = this.q("SELECT DISTINCT part_id, unit_id, phase_id FROM cell_nets WHERE campaign_id = ?").all(
      campaignId,
    ) as { part_id: string; unit_id: string; phase_id: string }[];
    return usageOf(rows);
  }

  async units(): Promise<StoredUnits> {
    const rows = this.q("SELECT id, name, parent_id, sector, extra FROM units ORDER BY position").all() as UnitRow[];
    const meta = this.q("SELECT key, value FROM settings WHERE key IN ('units_sample', 'units_description')").all() as {
      key: string;
      value: string;
    }[];
    const setting = (k: string) => meta.find((m) => m.key === k)?.value;
    const result: StoredUnits = {
      sample: setting("units_sample") === "true",
      units: rows.map(unitOfRow),
    };
    const description = setting("units_description");
    if (description !== undefined) result.description = description;
    return result;
  }

  async replaceUnits(file: StoredUnits): Promise<void> {
    this.db
      .transaction(() => {
        const keep = JSON.stringify(file.units.map((u) => u.id));
        this.q("DELETE FROM units WHERE id NOT IN (SELECT value FROM json_each(?))").run(keep);
        const upsert = this.q(
          `INSERT INTO units (id, position, name, parent_id, sector, extra) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT DO UPDATE SET position = excluded.position, name = excluded.name,
             parent_id = excluded.parent_id, sector = excluded.sector, extra = excluded.extra`,
        );
        file.units.forEach((u, i) => {
          upsert.run(u.id, i, u.name, u.parentId ?? null, u.sector ?? null, unitExtra(u));
        });
        const set = this.q(
          "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value",
        );
        set.run("units_sample", String(file.sample));
        if (file.description === undefined) this.q("DELETE FROM settings WHERE key = 'units_description'").run();
        else set.run("units_description", file.description);
        this.bumpCatalogVersion();
      })
      .immediate();
  }

  async unitIdsInUse(): Promise<Set<string>> {
    this.ledger.cellStore.fold();
    const rows = this.q(
      `SELECT unit_id FROM cell_nets UNION SELECT unit_id FROM user_units
       UNION SELECT unit_id FROM phase_reports UNION SELECT unit_id FROM allocations
       UNION SELECT unit_id FROM nominations`,
    ).all() as {
      unit_id: string;
    }[];
    return new Set(rows.map((r) => r.unit_id));
  }

  async users(): Promise<UserRecord[]> {
    return this.accounts.users();
  }
  async userById(id: string): Promise<UserRecord | undefined> {
    return this.accounts.userBy("id", id);
  }
  async userByUsername(username: string): Promise<UserRecord | undefined> {
    return this.accounts.userBy("username", username);
  }
  async createUser(user: UserRecord): Promise<boolean> {
    return this.accounts.createUser(user);
  }
  async updateUser(id: string, patch: UserPatch): Promise<void> {
    this.accounts.updateUser(id, patch);
  }
  async createSession(session: SessionRecord): Promise<void> {
    this.accounts.createSession(session);
  }
  async session(tokenHash: string): Promise<SessionRecord | undefined> {
    return this.accounts.session(tokenHash);
  }
  async touchSession(tokenHash: string, lastSeenAt: number): Promise<void> {
    this.accounts.touchSession(tokenHash, lastSeenAt);
  }
  async deleteSession(tokenHash: string): Promise<void> {
    this.accounts.deleteSessions("token_hash", tokenHash);
  }
  async deleteUserSessions(userId: string): Promise<void> {
    this.accounts.deleteSessions("user_id", userId);
  }
  async deleteIdleSessions(lastSeenBefore: number): Promise<void> {
    this.accounts.deleteIdleSessions(lastSeenBefore);
  }
  async recordLoginFailure(username: string, address: string, at: number): Promise<void> {
    this.accounts.recordLoginFailure(username, address, at);
  }
  async nthLoginFailure(where: LoginFailureKey, since: number, n: number): Promise<number | undefined> {
    return this.accounts.nthLoginFailure(where, since, n);
  }
  async clearLoginFailures(username: string, address?: string): Promise<void> {
    this.accounts.clearLoginFailures(username, address);
  }
  async pruneLoginFailures(before: number): Promise<void> {
    this.accounts.pruneLoginFailures(before);
  }
  async claimClient(clientId: string, userId: string, at: string): Promise<string> {
    return this.accounts.claimClient(clientId, userId, at);
  }
  async releaseClient(clientId: string, toUserId?: string): Promise<ClientRelease> {
    return this.accounts.releaseClient(clientId, toUserId);
  }

  /** How pushes were grouped into transactions so far (groups, pushes, the largest group). */
  get pushGroups(): Readonly<{ groups: number; pushes: number; largest: number }> {
    return this.ledger.groups;
  }

  async commitPush<T>(ids: readonly string[], plan: PushPlanner<T>, mustLoad?: readonly string[]): Promise<T> {
    return this.ledger.commitPush(ids, plan, mustLoad);
  }
  async entriesAfter(afterSeq: number, unitIds: readonly string[] | null, limit: number): Promise<StoredEntry[]> {
    return this.ledger.entriesAfter(afterSeq, unitIds, limit);
  }
  async cells(campaignId: string): Promise<Cell[]> {
    return this.ledger.cells(campaignId);
  }

  async commitReviews<T>(ids: readonly string[], entryIds: readonly string[], plan: ReviewPlanner<T>): Promise<T> {
    return this.supervision.commitReviews(ids, entryIds, plan);
  }
  async reviewsAfter(afterSeq: number, unitIds: readonly string[] | null, limit: number): Promise<StoredReview[]> {
    return this.supervision.reviewsAfter(afterSeq, unitIds, limit);
  }
  async commitPhaseReports<T>(ids: readonly string[], plan: PhaseReportPlanner<T>): Promise<T> {
    return this.supervision.commitPhaseReports(ids, plan);
  }
  async phaseReportsAfter(
    afterSeq: number,
    unitIds: readonly string[] | null,
    limit: number,
  ): Promise<StoredPhaseReport[]> {
    return this.supervision.phaseReportsAfter(afterSeq, unitIds, limit);
  }
  async commitNominations<T>(ids: readonly string[], plan: NominationPlanner<T>): Promise<T> {
    return this.supervision.commitNominations(ids, plan);
  }
  async nominationsAfter(afterSeq: number, unitIds: readonly string[] | null, limit: number) {
    return this.supervision.nominationsAfter(afterSeq, unitIds, limit);
  }
  async commitNominationReviews<T>(
    ids: readonly string[],
    nominationIds: readonly string[],
    plan: NominationReviewPlanner<T>,
  ) {
    return this.supervision.commitNominationReviews(ids, nominationIds, plan);
  }
  async nominationReviewsAfter(afterSeq: number, unitIds: readonly string[] | null, limit: number) {
    return this.supervision.nominationReviewsAfter(afterSeq, unitIds, limit);
  }
  async applyAllocations(items: readonly Allocation[], setBy: string, at: string): Promise<StoredAllocation[]> {
    return this.supervision.applyAllocations(items, setBy, at);
  }
  async allocations(campaignId: string | null, unitIds: readonly string[] | null): Promise<StoredAllocation[]> {
    return this.supervision.allocations(campaignId, unitIds);
  }
}
