/**
 * The PostgreSQL implementation of `Store` (node-postgres 8), for deployments where several
 * server processes share one database. Same tables, versions and semantics as the SQLite store;
 * the parts share one pool and are split the same way: `postgres-catalog.ts`,
 * `postgres-accounts.ts`, `postgres-ledger.ts` (push transaction and the commit-ordered seq the
 * pull cursor relies on), `postgres-supervision.ts` (the record ledgers, the same way; allocations).
 * Every catalog write is one transaction; migrations run under an advisory lock, so processes
 * starting together apply each version exactly once.
 */

import { pendingMigrations } from "./migrations/migration";
import { postgresMigrations } from "./migrations/postgres";
import { PostgresAccounts } from "./postgres-accounts";
import { PostgresCatalog } from "./postgres-catalog";
import { PostgresLedger } from "./postgres-ledger";
import {
  createPool,
  inTransaction,
  lockForTransaction,
  MIGRATE_LOCK,
  type Pool,
  type PoolOptions,
} from "./postgres-pool";
import { PostgresSupervision } from "./postgres-supervision";
import type { Store } from "./store";

/** Open a PostgreSQL store at `url` (postgres://user:password@host:port/database?sslmode=…). */
export function openPostgresStore(url: string, options: PoolOptions = {}): PostgresStore {
  return new PostgresStore(createPool(url, options));
}

/** `Store` over a pg connection pool. */
export class PostgresStore implements Store {
  readonly catalog: PostgresCatalog;
  readonly accounts: PostgresAccounts;
  readonly ledger: PostgresLedger;
  readonly supervision: PostgresSupervision;

  constructor(readonly pool: Pool) {
    this.catalog = new PostgresCatalog(pool);
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
      const done = (await tx.query<{ version: number }>("SELECT version FROM schema_migrations")).rows;
      const pending = pendingMigrations(new Set(done.map((r) => r.version)), postgresMigrations);
      for (const m of pending) {
        await tx.query(m.sql);
        await tx.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
      }
      return pending.map((m) => m.version);
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
