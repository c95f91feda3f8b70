/**
 * `npm run admin -- backup FILE` and `restore FILE` for the SQLite store (DATA_DIR).
 *
 * Copying the database file while the server runs is not a backup: committed pushes sit in the
 * write-ahead log beside it until a checkpoint, and a copy taken mid-write can be torn (one copy
 * missed 300 entries that phones had already dropped from their outboxes). `backup` runs SQLite's
 * `VACUUM INTO` on its own connection: one read transaction, so the copy is exactly the database
 * as of one commit, WAL included, while the server goes on writing (WAL readers never block
 * writers). It writes beside FILE and renames, so FILE is never half-written, then checks the copy.
 *
 * `restore FILE` puts a checked backup in place of DATA_DIR's database: the old file and its WAL
 * are moved aside, not deleted. It refuses while the server still has the database open (leaving
 * WAL mode needs the only connection, so that is how it tells). PostgreSQL has its own tools (pg_dump).
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { DATABASE_FILE } from "./store/open";

/** Usage of the two commands. */
export const BACKUP_USAGE = `usage: npm run admin -- backup FILE    (a consistent copy of DATA_DIR's SQLite database, safe while the server runs)
       npm run admin -- restore FILE   (put a backup in place of DATA_DIR's database; stop the server first)`;

type Env = Record<string, string | undefined>;

/** What a copy holds, read while checking it. */
export type BackupReport = { entries: number; users: number };

/** Check a database file: SQLite's quick_check passes and our tables are there; returns its counts. */
export function checkDatabaseFile(file: string): BackupReport {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new Error(`${file} is damaged: ${String(check)}`);
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { entries: count("entries"), users: count("users") };
  } finally {
    db.close();
  }
}

/** Write a consistent copy of the SQLite database at `source` to `target` (replaced whole), and check it. */
export function backupDatabase(source: string, target: string): BackupReport {
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 10000");
    db.prepare("VACUUM INTO ?").run(partial);
  } finally {
    db.close();
  }
  const report = checkDatabaseFile(partial);
  renameSync(partial, target);
  return report;
}

/**
 * Throw when another connection (a running server) has `file` open. Switching it out of WAL mode
 * succeeds only for the sole connection; done on the file about to be moved aside, it also folds
 * the WAL into it, so the kept copy is whole by itself.
 */
function refuseWhileOpen(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 0");
    db.pragma("journal_mode = DELETE");
  } catch (err) {
    throw new Error(`${file} is in use (is the server running? stop it first): ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

/** Put the checked backup `file` in place of `target`; the old database and its WAL are moved aside. */
export function restoreDatabase(file: string, target: string, stamp: string): BackupReport {
  const report = checkDatabaseFile(file);
  if (existsSync(target)) refuseWhileOpen(target);
  const copy = `${target}.restoring`;
  rmSync(copy, { force: true });
  backupDatabase(file, copy);
  for (const suffix of ["", "-wal", "-shm"]) {
    if (existsSync(`${target}${suffix}`))
      renameSync(`${target}${suffix}`, `${target}${suffix}.before-restore-${stamp}`);
  }
  renameSync(copy, target);
  return report;
}

/** Run `backup` or `restore` (argv starts with the command); returns the exit code. */
export function runBackupCommand(argv: readonly string[], env: Env, print: (line: string) => void): number {
  const [command, file] = argv;
  if (!file || argv.length > 2) {
    print(BACKUP_USAGE);
    return 2;
  }
  if (env.DATABASE_URL) {
    print("error: DATABASE_URL is set: the data is in PostgreSQL; back it up with pg_dump (README)");
    return 2;
  }
  const database = join(env.DATA_DIR ?? "./var", DATABASE_FILE);
  try {
    if (command === "backup") {
      if (!existsSync(database)) throw new Error(`no database at ${database}`);
      const r = backupDatabase(database, resolve(file));
      print(`backup of ${database} written to ${file}: ${r.entries} entries, ${r.users} users, checked`);
    } else {
      const r = restoreDatabase(resolve(file), database, new Date().toISOString().replace(/[:.]/g, "-"));
      print(
        `${file} restored to ${database}: ${r.entries} entries, ${r.users} users (the old files were kept beside it)`,
      );
    }
    return 0;
  } catch (err) {
    print(`error: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
