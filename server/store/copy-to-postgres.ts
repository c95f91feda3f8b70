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
import { FOLDED_CELLS_SQL } from "./sqlite-cells";
import type { StoredEntry } from "./store";

/** What was copied, table by table. */
export type CopyReport = Record<string, number>;

type Row = Record<string, unknown>;
type Column = { name: string; type: string; from?: (v: unknown) => unknown };

const text = (v: unknown) => (v === null ? null : toDb(String(v)));
const bool = (v: unknown) => v !== 0;

/** The tables copied as they are, in foreign-key order (entries, cells and chain nets follow). */
const PLAIN_TABLES: { table: string; columns: Column[]; optional?: "sessions" }[] = [
  {
    table: "settings",
    columns: [
      { name: "key", type: "text" },
      { name: "value", type: "text", from: text },
    ],
  },
  {
    table: "campaigns",
    columns: [
      { name: "id", type: "text" },
      { name: "position", type: "integer" },
      { name: "body", type: "json" },
      { name: "imported_at", type: "text" },
    ],
  },
  {
    table: "units",
    columns: [
      { name: "id", type: "text" },
      { name: "position", type: "integer" },
      { name: "name", type: "text", from: text },
      { name: "parent_id", type: "text" },
      { name: "sector", type: "text" },
      { name: "extra", type: "text" },
    ],
  },
  {
    table: "users",
    columns: [
      { name: "id", type: "text" },
      { name: "username", type: "text", from: text },
      { name: "name", type: "text", from: text },
      { name: "role", type: "text" },
      { name: "password_hash", type: "text" },
      { name: "disabled", type: "boolean", from: bool },
      { name: "created_at", type: "text" },
    ],
  },
  {
    table: "user_units",
    columns: [
      { name: "user_id", type: "text" },
      { name: "unit_id", type: "text" },
      { name: "position", type: "integer" },
    ],
  },
  {
    table: "clients",
    columns: [
      { name: "client_id", type: "text", from: text },
      { name: "user_id", type: "text" },
      { name: "created_at", type: "text" },
    ],
  },
  {
    table: "sessions",
    optional: "sessions",
    columns: [
      { name: "token_hash", type: "text" },
      { name: "user_id", type: "text" },
      { name: "created_at", type: "bigint" },
      { name: "last_seen_at", type: "bigint" },
    ],
  },
];

const columnsOf = (names: string[], texts: string[]): Column[] =>
  names.map((name) => {
    if (name === "seq") return { name, type: "bigint" };
    return texts.includes(name) ? { name, type: "text", from: text } : { name, type: "text" };
  });

/** Copied after the entries they refer to, seq values kept. */
const SUPERVISION_TABLES: { table: string; columns: Column[] }[] = [
  {
    table: "reviews",
    columns: columnsOf(
      "id seq entry_id unit_id state comment created_at reviewer_id reviewer_name client_id received_at".split(" "),
      ["comment", "reviewer_name", "client_id"],
    ),
  },
  {
    table: "phase_reports",
    columns: columnsOf(
      "id seq campaign_id phase_id unit_id note created_at author_id client_id received_at sections figures".split(" "),
      ["note", "client_id"],
    ),
  },
  {
    table: "nominations",
    columns: columnsOf(
      "id seq campaign_id unit_id kind name achievements award created_at author_id client_id received_at".split(" "),
      ["name", "achievements", "award", "client_id"],
    ),
  },
  {
    table: "nomination_reviews",
    columns: columnsOf(
      "id seq nomination_id unit_id campaign_id state comment created_at reviewer_id reviewer_name client_id received_at".split(
        " ",
      ),
      ["comment", "reviewer_name", "client_id"],
    ),
  },
  {
    table: "replies",
    columns: columnsOf(
      "id seq entry_id unit_id text created_at author_id author_name client_id received_at".split(" "),
      ["text", "author_name", "client_id"],
    ),
  },
  {
    table: "allocations",
    columns: [
      ...columnsOf(["campaign_id", "part_id", "unit_id"], []),
      { name: "goal", type: "bigint" },
      ...columnsOf(["set_by", "set_at"], []),
    ],
  },
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

function toNewEntry(r: Row): Omit<StoredEntry, "seq"> {
  const e: Omit<StoredEntry, "seq"> = {
    id: r.id as string,
    campaignId: r.campaign_id as string,
    partId: r.part_id as string,
    unitId: r.unit_id as string,
    date: r.date as string,
    quantity: r.quantity as number,
    createdAt: r.created_at as string,
    phaseId: r.phase_id as string,
    rootId: r.root_id as string,
    authorId: r.author_id as string,
    clientId: r.client_id as string,
    receivedAt: r.received_at as string,
  };
  if (r.note !== null) e.note = r.note as string;
  if (r.corrects_id !== null) e.correctsId = r.corrects_id as string;
  return e;
}

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
          rows.map(toNewEntry),
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
