/**
 * `npm run admin -- migrate-to-postgres [--from FILE] [--to URL] [--without-sessions]`: copy a
 * SQLite deployment into an empty PostgreSQL database (see store/copy-to-postgres.ts). The source
 * defaults to the SQLite file in DATA_DIR, the target to DATABASE_URL. The source is migrated to
 * the current schema first, as the server would on start.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { copySqliteToPostgres } from "./store/copy-to-postgres";
import { DATABASE_FILE, describeLocation, storeLocation } from "./store/open";
import { openPostgresStore } from "./store/postgres";
import { openSqliteStore } from "./store/sqlite";

/** Usage of the command. */
export const MIGRATE_USAGE = `usage: npm run admin -- migrate-to-postgres [--from FILE.sqlite] [--to postgres://…] [--without-sessions]
  --from              the SQLite database (default: so-thi-dua.sqlite in DATA_DIR, default ./var)
  --to                an empty PostgreSQL database (default: DATABASE_URL)
  --without-sessions  do not copy sessions: every user signs in again`;

/** Run the command; returns the exit code. `print` receives each output line. */
export async function runMigrateToPostgres(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  print: (line: string) => void,
): Promise<number> {
  let values: { from?: string; to?: string; "without-sessions"?: boolean; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        from: { type: "string" },
        to: { type: "string" },
        "without-sessions": { type: "boolean" },
        help: { type: "boolean" },
      },
    }).values;
  } catch (err) {
    print(`error: ${err instanceof Error ? err.message : String(err)}\n${MIGRATE_USAGE}`);
    return 2;
  }
  if (values.help) {
    print(MIGRATE_USAGE);
    return 0;
  }
  const sourceFile = values.from ?? join(env.DATA_DIR ?? "./var", DATABASE_FILE);
  const url = values.to ?? env.DATABASE_URL ?? "";
  let target: ReturnType<typeof storeLocation>;
  try {
    target = storeLocation("", url);
  } catch (err) {
    print(`error: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  if (target.kind !== "postgres") {
    print(`error: name the target with --to postgres://… or DATABASE_URL\n${MIGRATE_USAGE}`);
    return 2;
  }
  if (!existsSync(sourceFile)) {
    print(`error: no SQLite database at ${sourceFile}`);
    return 1;
  }
  const source = openSqliteStore(sourceFile);
  try {
    await source.migrate();
  } finally {
    await source.close();
  }
  print(`copying ${sourceFile} to ${describeLocation(target)} …`);
  const store = openPostgresStore(target.url);
  try {
    const report = await copySqliteToPostgres(sourceFile, store, { sessions: !values["without-sessions"] });
    for (const [table, n] of Object.entries(report)) print(`  ${table}: ${n}`);
    print("done: checked row counts, cell sums and the highest seq. Start the server with this DATABASE_URL.");
    return 0;
  } catch (err) {
    print(`error: ${err instanceof Error ? err.message : String(err)}; nothing was written to the target`);
    return 1;
  } finally {
    await store.close();
  }
}
