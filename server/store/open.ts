/**
 * Choosing the store: PostgreSQL when DATABASE_URL is set (postgres:// or postgresql://),
 * otherwise the embedded SQLite file in DATA_DIR.
 */
import { join } from "node:path";
import { openPostgresStore } from "./postgres";
import type { PoolOptions } from "./postgres-pool";
import { openSqliteStore } from "./sqlite";
import type { FoldListener } from "./sqlite-cells";
import type { Store } from "./store";

/** The database file inside DATA_DIR. */
export const DATABASE_FILE = "so-thi-dua.sqlite";

/** Where the data lives. */
export type StoreLocation = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

/** The location for DATA_DIR and an optional DATABASE_URL; throws on a URL of another scheme. */
export function storeLocation(dataDir: string, databaseUrl: string | undefined): StoreLocation {
  if (databaseUrl === undefined || databaseUrl.trim() === "")
    return { kind: "sqlite", file: join(dataDir, DATABASE_FILE) };
  if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw new Error("DATABASE_URL must start with postgres:// or postgresql:// (unset it to use SQLite in DATA_DIR)");
  }
  return { kind: "postgres", url: databaseUrl };
}

/** The location with any password hidden, for logs. */
export function describeLocation(location: StoreLocation): string {
  if (location.kind === "sqlite") return `sqlite:${location.file}`;
  try {
    const u = new URL(location.url);
    if (u.password !== "") u.password = "***";
    return u.toString();
  } catch {
    return "postgres:(unparsable url)";
  }
}

/** PostgreSQL's pool options, and who hears of SQLite's cell folds (`sqlite-cells.ts`). */
export type StoreOptions = PoolOptions & { folds?: FoldListener };

/** Open (not migrate) the store at a location. */
export function openStore(location: StoreLocation, options: StoreOptions = {}): Store {
  return location.kind === "sqlite"
    ? openSqliteStore(location.file, options.folds)
    : openPostgresStore(location.url, options);
}
