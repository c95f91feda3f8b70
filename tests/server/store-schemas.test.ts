/**
 * The two stores keep the same tables with the same columns, so a database moved from SQLite to
 * PostgreSQL (copy-to-postgres) loses nothing and a column added to one is not forgotten in the
 * other. The exceptions are SQLite's documented cell maintenance (sqlite-cells.ts): the fold's
 * mark `cells_folded`, and `cell_nets` behind the read-only view `cells`.
 */
import type Database from "better-sqlite3";
import pg from "pg";
import { expect, it } from "vitest";
import { openSqliteStore } from "../../server/store/sqlite";
import { createTestDatabase, describePostgres } from "./helpers";

/** SQLite-only tables that exist for its cell maintenance, and the table that stands for `cells`. */
const SQLITE_ONLY = new Set(["cells_folded"]);
const RENAMED: Record<string, string> = { cell_nets: "cells" };

type Shape = Record<string, string[]>;

async function sqliteShape(): Promise<Shape> {
  const store = openSqliteStore(":memory:");
  await store.migrate();
  const db = (store as unknown as { db: Database.Database }).db;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as {
    name: string;
  }[];
  const shape: Shape = {};
  for (const { name } of tables) {
    if (SQLITE_ONLY.has(name)) continue;
    const columns = db.prepare("SELECT name FROM pragma_table_info(?)").all(name) as { name: string }[];
    shape[RENAMED[name] ?? name] = columns.map((c) => c.name).sort();
  }
  await store.close();
  return shape;
}

async function postgresShape(url: string): Promise<Shape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
    );
    const shape: Shape = {};
    for (const row of r.rows) shape[row.table_name] = [...(shape[row.table_name] ?? []), row.column_name];
    for (const k of Object.keys(shape)) shape[k]?.sort();
    return shape;
  } finally {
    await client.end();
  }
}

describePostgres("store schemas", () => {
  it("have the same tables and columns on SQLite and PostgreSQL", async () => {
    const db = await createTestDatabase();
    try {
      expect(await postgresShape(db.url)).toEqual(await sqliteShape());
    } finally {
      await db.drop();
    }
  });
});
