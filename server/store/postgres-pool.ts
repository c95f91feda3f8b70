/**
 * The PostgreSQL plumbing shared by the `postgres*.ts` store files: the `pg` pool, transactions,
 * the advisory-lock keys, and the text codec.
 *
 * `pg` is CommonJS: inlined into an ESM bundle, its dynamic requires of Node built-ins fail at
 * run time. scripts/build-server.mjs marks it external, and it is still loaded through
 * `createRequire`, so every other esbuild bundle of server code (the benchmarks, the
 * two-process test) leaves it to Node as well without having to say so; like better-sqlite3 it
 * comes from node_modules.
 *
 * Text codec: PostgreSQL `text` cannot hold U+0000, SQLite can, and free text (a note, a client
 * id, a name, a username typed at the login form) may contain it. `toDb` keeps every other string
 * as it is and writes a string with U+0000, or one starting with the marker U+FFFE, as the marker
 * followed by its JSON; `fromDb` reverses it. The encoding is injective, so equality lookups on
 * an encoded key still work.
 */
import { createRequire } from "node:module";
import type * as Pg from "pg";

/** The `pg` module (CommonJS, loaded at run time). */
export const pg = createRequire(import.meta.url)("pg") as typeof Pg;

/** The type of a pool client inside a transaction. */
export type Tx = Pg.PoolClient;

/** A pool of connections. */
export type Pool = Pg.Pool;

const INT8_OID = 20;

/** bigint columns (seq, quantities, nets, ms times) come back as numbers: all stay below 2^53. */
const types: Pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary"
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as "text")) as Pg.CustomTypesConfig["getTypeParser"],
};

/** Options of `createPool`. */
export type PoolOptions = { max?: number; onError?: (err: Error) => void };

/**
 * A pool for `url`; a broken idle connection is reported to `onError` and replaced on next use.
 * Pushes queue on one lock, so nothing may hold a transaction open for long: a session idle in a
 * transaction for a minute is ended by the server (releasing the lock), TCP keepalive notices a
 * vanished peer, and a connection attempt gives up after 10 s (the phone retries later).
 */
export function createPool(url: string, options: PoolOptions = {}): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types,
    keepAlive: true,
    connectionTimeoutMillis: 10_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  pool.on("error", (err) => options.onError?.(err));
  return pool;
}

/** Advisory-lock keys (two-int form, namespace "STDU"), so other apps on the cluster do not collide. */
export const LOCK_NAMESPACE = 0x53544455;
/**
 * Held by every writer of `entries`, `reviews` or `phase_reports` until it commits: pushes, review
 * and phase-report batches, and the SQLite copy (see postgres-ledger.ts, postgres-supervision.ts).
 */
export const PUSH_LOCK = 1;
/** Held while migrations run, so two processes starting at once apply each version once. */
export const MIGRATE_LOCK = 2;

/** Take a transaction-scoped advisory lock (released at commit or rollback). */
export async function lockForTransaction(tx: Tx, key: number): Promise<void> {
  await tx.query(lockStatement(key));
}

/** The lock's statement with its two integers written in (a simple query, sent with BEGIN, takes no parameters). */
function lockStatement(key: number): string {
  if (!Number.isSafeInteger(key)) throw new Error(`lock key must be an integer: ${key}`);
  return `SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${key})`;
}

/**
 * Run `fn` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws.
 * With `lock`, the transaction-scoped advisory lock is taken in the same message as BEGIN (one
 * round trip fewer for every push group and record batch).
 */
export async function inTransaction<T>(pool: Pool, fn: (tx: Tx) => Promise<T>, lock?: number): Promise<T> {
  const tx = await pool.connect();
  let broken: Error | undefined;
  // A connection dropped between statements emits "error" on the client: note it (no crash); the
  // next statement fails, the transaction is rolled back by the server, and the client is discarded.
  const onError = (err: Error) => {
    broken = err;
  };
  tx.on("error", onError);
  try {
    await tx.query(lock === undefined ? "BEGIN" : `BEGIN; ${lockStatement(lock)}`);
    const result = await fn(tx);
    await tx.query("COMMIT");
    return result;
  } catch (err) {
    try {
      await tx.query("ROLLBACK");
    } catch (rollbackErr) {
      // The connection is unusable (e.g. the server went away): the pool must not hand it out again.
      broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
    }
    throw err;
  } finally {
    tx.off("error", onError);
    tx.release(broken);
  }
}

const MARK = "\uFFFE";

/** A string as stored in a `text` column (see the header: U+0000 cannot be stored as is). */
export function toDb(s: string): string {
  return s.includes("\u0000") || s.startsWith(MARK) ? MARK + JSON.stringify(s) : s;
}

/** A string read from a `text` column written with `toDb`. */
export function fromDb(s: string): string {
  return s.startsWith(MARK) ? (JSON.parse(s.slice(MARK.length)) as string) : s;
}

/** `toDb` for a nullable column. */
export function toDbOrNull(s: string | undefined): string | null {
  return s === undefined ? null : toDb(s);
}
