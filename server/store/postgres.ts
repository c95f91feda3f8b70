/**
 * The PostgreSQL implementation of `Store` (node-postgres 8), for deployments where several
 * server processes share one database. Same tables, versions and semantics as the SQLite store;
 * the work is split the same way: catalog and migrations here, `postgres-accounts.ts`,
 * `postgres-ledger.ts` (push transaction and the commit-ordered seq the pull cursor relies on),
 * `postgres-supervision.ts` (reviews and phase reports, the same way; allocations).
 * Every catalog write is one transaction; migrations run under an advisory lock, so processes
 * starting together apply each version exactly once.
 */

import type { Campaign } from "../../src/domain/schemas";
import type { Allocation } from "../../src/domain/supervision";
import type { Cell } from "../../src/domain/totals";
import { postgresMigrations } from "./migrations/postgres";
import { refuseNewerSchema } from "./migrations/sqlite";
import { PostgresAccounts } from "./postgres-accounts";
import { PostgresLedger } from "./postgres-ledger";
import {
  createPool,
  fromDb,
  inTransaction,
  lockForTransaction,
  MIGRATE_LOCK,
  type Pool,
  type PoolOptions,
  type Tx,
  toDb,
} from "./postgres-pool";
import { PostgresSupervision } from "./postgres-supervision";
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

/** Open a PostgreSQL store at `url` (postgres://user:password@host:port/database?sslmode=…). */
export function openPostgresStore(url: string, options: PoolOptions = {}): PostgresStore {
  return new PostgresStore(createPool(url, options));
}

async function bumpCatalogVersion(tx: Tx): Promise<void> {
  await tx.query(
    `INSERT INTO settings (key, value) VALUES ('catalog_version', '1')
     ON CONFLICT (key) DO UPDATE SET value = (settings.value::bigint + 1)::text`,
  );
}

/** `Store` over a pg connection pool. */
export class PostgresStore implements Store {
  private readonly accounts: PostgresAccounts;
  private readonly ledger: PostgresLedger;
  private readonly supervision: PostgresSupervision;

  constructor(readonly pool: Pool) {
    this.accounts = new PostgresAccounts(pool);
    this.ledger = new PostgresLedger(pool);
    this.supervision = new PostgresSupervision(pool);
  }

  async migrate(): Promise<number[]> {
    return inTransaction(this.pool, async (tx) => {
      await lockForTransaction(tx, MIGRATE_LOCK);
      await tx.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)",
      );
      const done = new Set(
        (await tx.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version),
      );
      refuseNewerSchema(done, postgresMigrations);
      const applied: number[] = [];
      for (const m of postgresMigrations) {
        if (done.has(m.version)) continue;
        await tx.query(m.sql);
        await tx.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
        applied.push(m.version);
      }
      return applied;
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async catalogVersion(): Promise<number> {
    const r = await this.pool.query<{ value: string }>("SELECT value FROM settings WHERE key = 'catalog_version'");
    const row = r.rows[0];
    return row ? Number(row.value) : 0;
  }

  async campaigns(): Promise<Campaign[]> {
    const r = await this.pool.query<{ body: Campaign }>('SELECT body FROM campaigns ORDER BY position, id COLLATE "C"');
    return r.rows.map((row) => row.body);
  }

  async saveCampaign(campaign: Campaign): Promise<void> {
    await inTransaction(this.pool, async (tx) => {
      await tx.query(
        `INSERT INTO campaigns (id, position, body, imported_at)
         VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM campaigns), $2, $3)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, imported_at = excluded.imported_at`,
        [campaign.id, JSON.stringify(campaign), new Date().toISOString()],
      );
      await bumpCatalogVersion(tx);
    });
  }

  async campaignUsage(campaignId: string): Promise<CampaignUsage> {
    const r = await this.pool.query<{ part_id: string; unit_id: string; phase_id: string }>(
      "SELECT DISTINCT part_id, unit_id, phase_id FROM cells WHERE campaign_id = $1",
      [campaignId],
    );
    return usageOf(r.rows);
  }

  async units(): Promise<StoredUnits> {
    const [rows, meta] = await Promise.all([
      this.pool.query<UnitRow>("SELECT id, name, parent_id, sector, extra FROM units ORDER BY position"),
      this.pool.query<{ key: string; value: string }>(
        "SELECT key, value FROM settings WHERE key IN ('units_sample', 'units_description')",
      ),
    ]);
    const setting = (k: string) => meta.rows.find((m) => m.key === k)?.value;
    const result: StoredUnits = {
      sample: setting("units_sample") === "true",
      units: rows.rows.map((r) => unitOfRow({ ...r, name: fromDb(r.name) })),
    };
    const description = setting("units_description");
    if (description !== undefined) result.description = fromDb(description);
    return result;
  }

  async replaceUnits(file: StoredUnits): Promise<void> {
    await inTransaction(this.pool, async (tx) => {
      const ids = file.units.map((u) => u.id);
      await tx.query("DELETE FROM units WHERE NOT (id = ANY($1::text[]))", [ids]);
      await tx.query(
        `INSERT INTO units (id, position, name, parent_id, sector, extra)
         SELECT u.id, u.ord - 1, u.name, u.parent_id, u.sector, u.extra
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
           WITH ORDINALITY AS u(id, name, parent_id, sector, extra, ord)
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name,
           parent_id = excluded.parent_id, sector = excluded.sector, extra = excluded.extra`,
        [
          ids,
          file.units.map((u) => toDb(u.name)),
          file.units.map((u) => u.parentId ?? null),
          file.units.map((u) => u.sector ?? null),
          file.units.map(unitExtra),
        ],
      );
      const set =
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
      await tx.query(set, ["units_sample", String(file.sample)]);
      if (file.description === undefined) await tx.query("DELETE FROM settings WHERE key = 'units_description'");
      else await tx.query(set, ["units_description", toDb(file.description)]);
      await bumpCatalogVersion(tx);
    });
  }

  async unitIdsInUse(): Promise<Set<string>> {
    const r = await this.pool.query<{ unit_id: string }>(
      `SELECT unit_id FROM cells UNION SELECT unit_id FROM user_units
       UNION SELECT unit_id FROM phase_reports UNION SELECT unit_id FROM allocations
       UNION SELECT unit_id FROM nominations`,
    );
    return new Set(r.rows.map((x) => x.unit_id));
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
    await this.accounts.updateUser(id, patch);
  }
  async createSession(session: SessionRecord): Promise<void> {
    await this.accounts.createSession(session);
  }
  async session(tokenHash: string): Promise<SessionRecord | undefined> {
    return this.accounts.session(tokenHash);
  }
  async touchSession(tokenHash: string, lastSeenAt: number): Promise<void> {
    await this.accounts.touchSession(tokenHash, lastSeenAt);
  }
  async deleteSession(tokenHash: string): Promise<void> {
    await this.accounts.deleteSessions("token_hash", tokenHash);
  }
  async deleteUserSessions(userId: string): Promise<void> {
    await this.accounts.deleteSessions("user_id", userId);
  }
  async deleteIdleSessions(lastSeenBefore: number): Promise<void> {
    await this.accounts.deleteIdleSessions(lastSeenBefore);
  }
  async recordLoginFailure(username: string, address: string, at: number): Promise<void> {
    await this.accounts.recordLoginFailure(username, address, at);
  }
  async nthLoginFailure(where: LoginFailureKey, since: number, n: number): Promise<number | undefined> {
    return this.accounts.nthLoginFailure(where, since, n);
  }
  async clearLoginFailures(username: string, address?: string): Promise<void> {
    await this.accounts.clearLoginFailures(username, address);
  }
  async pruneLoginFailures(before: number): Promise<void> {
    await this.accounts.pruneLoginFailures(before);
  }
  async claimClient(clientId: string, userId: string, at: string): Promise<string> {
    return this.accounts.claimClient(clientId, userId, at);
  }
  async releaseClient(clientId: string, toUserId?: string): Promise<ClientRelease> {
    return this.accounts.releaseClient(clientId, toUserId);
  }

  async commitPush<T>(ids: readonly string[], plan: PushPlanner<T>): Promise<T> {
    return this.ledger.commitPush(ids, plan);
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
