/**
 * Moving a SQLite deployment to PostgreSQL (`npm run admin -- migrate-to-postgres`).
 *
 * The source is read in one SQLite read transaction (a consistent snapshot even if a server were
 * still writing; stop it anyway, or later pushes stay behind). The target, migrated to the same
 * schema version, is written in ONE PostgreSQL transaction holding PUSH_LOCK, so a server already
 * pointed at it sees nothing until the copy is complete, and never a half copy. The target must
 * hold no users, clients or entries; its catalog (seeded when a server started on it) is replaced.
 *
 * What is copied: settings (catalog version, unit-file metadata), campaigns, units, users with
 * their units, client ids, sessions (unless `sessions: false`: then everyone signs in again),
 * entries in seq order with their seq values (so devices' pull cursors stay valid), cells as a
 * fold would leave them (SQLite folds them in behind the pushes), chain nets as maintained, then reviews, phase reports, nominations and their decisions with their seq values (the cursor's
 * other positions) and allocations. Login failures are transient (15 minutes) and are not copied. Before
 * COMMIT the copy is checked: row counts, the sum of every cell and the highest seq must match.
 */
import Database from "better-sqlite3";
import type { PostgresStore } from "./postgres";
import { insertEntries } from "./postgres-ledger";
import { inTransaction, lockForTransaction, PUSH_LOCK, type Tx, toDb } from "./postgres-pool";
import { type EntryRow, RECORD_TABLES, rowMappers } from "./rows";
import { FOLDED_CELLS_SQL } from "./sqlite-cells";

/** What was copied, table by table. */
export type CopyReport = Record<string, number>;

type Row = Record<string, unknown>;
type Column = { name: string; type: string; from?: (v: unknown) => unknown };

const text = (v: unknown) => (v === null ? null : toDb(String(v)));
const bool = (v: unknown) => v !== 0;

/**
 * Columns from a list: `name` is text kept as it is, `name~` free text (through `toDb`), `name:type`
 * a PostgreSQL type, with `:boolean` mapped from SQLite's 0/1.
 */
const columns = (list: string): Column[] =>
  list.split(" ").map((spec) => {
    if (spec.endsWith("~")) return { name: spec.slice(0, -1), type: "text", from: text };
    const [name = spec, type = "text"] = spec.split(":");
    return type === "boolean" ? { name, type, from: bool } : { name, type };
  });

/** The tables copied as they are, in foreign-key order (entries, cells and chain nets follow). */
const PLAIN_TABLES: { table: string; columns: Column[]; optional?: "sessions" }[] = [
  { table: "settings", columns: columns("key value~") },
  { table: "campaigns", columns: columns("id position:integer body:json imported_at") },
  { table: "units", columns: columns("id position:integer name~ parent_id sector extra") },
  { table: "users", columns: columns("id username~ name~ role password_hash disabled:boolean created_at") },
  { table: "user_units", columns: columns("user_id unit_id position:integer") },
  { table: "clients", columns: columns("client_id~ user_id created_at") },
  {
    table: "sessions",
    optional: "sessions",
    columns: columns("token_hash user_id created_at:bigint last_seen_at:bigint"),
  },
];

/** Copied after the entries they refer to, seq values kept: the record tables as the stores know them. */
const SUPERVISION_TABLES: { table: string; columns: Column[] }[] = [
  ...Object.values(RECORD_TABLES).map(({ table, columns: names, textColumns }) => ({
    table,
    columns: columns(
      names
        .split(", ")
        .map((c) => (c === "seq" ? "seq:bigint" : textColumns.includes(c) ? `${c}~` : c))
        .join(" "),
    ),
  })),
  { table: "allocations", columns: columns("campaign_id part_id unit_id goal:bigint set_by set_at") },
];

const BATCH = 5000;

async function insertRows(tx: Tx, table: string, columns: Column[], rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((c) => c.name).join(", ");
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
  await tx.query(
    `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`,
    columns.map((c) => rows.map((r) => (c.from ? c.from(r[c.name]) : r[c.name]))),
  );
}

/** Stream a SQLite query into `sink` in batches. */
async function inBatches(statement: Database.Statement, sink: (rows: Row[]) => Promise<void>): Promise<number> {
  let batch: Row[] = [];
  let count = 0;
  for (const row of statement.iterate() as IterableIterator<Row>) {
    batch.push(row);
    count += 1;
    if (batch.length === BATCH) {
      await sink(batch);
      batch = [];
    }
  }
  await sink(batch);
  return count;
}

/** Entries are read back as the SQLite store reads them, and written as the PostgreSQL store writes them. */
const { toStoredEntry } = rowMappers((t) => t);

/** Figures both sides must agree on after the copy: one query, or SQLite's and PostgreSQL's. */
const CHECKS: Record<string, string | { sqlite: string; postgres: string }> = {
  users: "SELECT count(*) AS n FROM users",
  campaigns: "SELECT count(*) AS n FROM campaigns",
  units: "SELECT count(*) AS n FROM units",
  entries: "SELECT count(*) AS n FROM entries",
  "max seq": "SELECT coalesce(max(seq), 0) AS n FROM entries",
  cells: { sqlite: `SELECT count(*) AS n FROM (${FOLDED_CELLS_SQL})`, postgres: "SELECT count(*) AS n FROM cells" },
  "sum of cells": {
    sqlite: `SELECT coalesce(sum(net), 0) AS n FROM (${FOLDED_CELLS_SQL})`,
    postgres: "SELECT coalesce(sum(net), 0) AS n FROM cells",
  },
  // Every entry adds its quantity to exactly one cell.
  "sum of cells against the entries": {
    sqlite: "SELECT coalesce(sum(quantity), 0) AS n FROM entries",
    postgres: "SELECT coalesce(sum(net), 0) AS n FROM cells",
  },
  "chain nets": "SELECT count(*) AS n FROM chain_nets",
  reviews: "SELECT count(*) AS n FROM reviews",
  "max review seq": "SELECT coalesce(max(seq), 0) AS n FROM reviews",
  "phase reports": "SELECT count(*) AS n FROM phase_reports",
  "max phase report seq": "SELECT coalesce(max(seq), 0) AS n FROM phase_reports",
  nominations: "SELECT count(*) AS n FROM nominations",
  "max nomination seq": "SELECT coalesce(max(seq), 0) AS n FROM nominations",
  "nomination reviews": "SELECT count(*) AS n FROM nomination_reviews",
  "max nomination review seq": "SELECT coalesce(max(seq), 0) AS n FROM nomination_reviews",
  replies: "SELECT count(*) AS n FROM replies",
  "max reply seq": "SELECT coalesce(max(seq), 0) AS n FROM replies",
  allocations: "SELECT count(*) AS n FROM allocations",
  "sum of allocations": "SELECT coalesce(sum(goal), 0) AS n FROM allocations",
};

/**
 * Copy the SQLite database `sourceFile` (already migrated) into `target` (migrated here) in one
 * transaction; throws, leaving the target unchanged, when it is not empty or a check fails.
 */
export async function copySqliteToPostgres(
  sourceFile: string,
  target: PostgresStore,
  options: { sessions: boolean },
): Promise<CopyReport> {
  await target.migrate();
  const source = new Database(sourceFile, { readonly: true, fileMustExist: true });
  try {
    source.exec("BEGIN");
    return await inTransaction(target.pool, async (tx) => {
      await lockForTransaction(tx, PUSH_LOCK);
      const busy = await tx.query<{ n: number }>(
        "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM clients) + (SELECT count(*) FROM entries) AS n",
      );
      if ((busy.rows[0]?.n ?? 0) > 0) {
        throw new Error("the target database already has users or entries: copy into a new, empty database");
      }
      const versionSql = "SELECT coalesce(max(value::bigint), 0) AS n FROM settings WHERE key = 'catalog_version'";
      const targetVersion = Number((await tx.query<{ n: number }>(versionSql)).rows[0]?.n ?? 0);
      await tx.query("DELETE FROM user_units; DELETE FROM units; DELETE FROM campaigns; DELETE FROM settings");
      const report: CopyReport = {};
      for (const t of PLAIN_TABLES) {
        if (t.optional === "sessions" && !options.sessions) continue;
        const select = source.prepare(`SELECT ${t.columns.map((c) => c.name).join(", ")} FROM ${t.table}`);
        report[t.table] = await inBatches(select, (rows) => insertRows(tx, t.table, t.columns, rows));
      }
      report.entries = await inBatches(source.prepare("SELECT * FROM entries ORDER BY seq"), (rows) =>
        insertEntries(
          tx,
          rows.map((r) => toStoredEntry(r as EntryRow)),
          rows.map((r) => r.seq as number),
        ),
      );
      const cellColumns: Column[] = ["campaign_id", "part_id", "unit_id", "phase_id"].map((name) => ({
        name,
        type: "text",
      }));
      cellColumns.push({ name: "net", type: "bigint" });
      // As a fold would leave them: a server that was still running may have committed entries
      // it had not folded in yet (sqlite-cells.ts).
      report.cells = await inBatches(source.prepare(FOLDED_CELLS_SQL), (rows) =>
        insertRows(tx, "cells", cellColumns, rows),
      );
      const chainColumns: Column[] = [
        { name: "root_id", type: "text" },
        { name: "net", type: "bigint" },
      ];
      report["chain nets"] = await inBatches(source.prepare("SELECT * FROM chain_nets"), (rows) =>
        insertRows(tx, "chain_nets", chainColumns, rows),
      );
      for (const t of SUPERVISION_TABLES) {
        const select = source.prepare(`SELECT ${t.columns.map((c) => c.name).join(", ")} FROM ${t.table}`);
        report[t.table.replace("_", " ")] = await inBatches(select, (rows) => insertRows(tx, t.table, t.columns, rows));
      }
      // A process already serving the target must see a catalog version it has not cached yet.
      await tx.query(
        `INSERT INTO settings (key, value) VALUES ('catalog_version', ($1::bigint + 1)::text) ON CONFLICT (key)
         DO UPDATE SET value = (greatest(settings.value::bigint, $1::bigint) + 1)::text`,
        [String(targetVersion)],
      );
      for (const [name, check] of Object.entries(CHECKS)) {
        const [mine, theirs] = typeof check === "string" ? [check, check] : [check.sqlite, check.postgres];
        const want = Number((source.prepare(mine).get() as { n: number | bigint }).n);
        const got = Number((await tx.query<{ n: number | string }>(theirs)).rows[0]?.n);
        if (want !== got) throw new Error(`copy check failed: ${name} is ${want} in SQLite but ${got} in PostgreSQL`);
      }
      return report;
    });
  } finally {
    if (source.inTransaction) source.exec("COMMIT");
    source.close();
  }
}
