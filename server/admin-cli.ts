/**
 * The admin CLI entry (bundled to dist-server/admin.js): opens DATA_DIR (or DATABASE_URL) like the
 * server and runs one command. `migrate-to-postgres` opens its own source and target instead, and
 * `backup` / `restore` work on the SQLite file itself (the server may be running during a backup).
 */
import { runBackupCommand } from "./admin-backup";
import { runAdminCommand } from "./admin-commands";
import { runMigrateToPostgres } from "./admin-migrate";
import { openDataDir } from "./bootstrap";
import { productionScrypt } from "./config";
import { silentLogger } from "./log";

const argv = process.argv.slice(2);
const print = (line: string) => {
  process.stdout.write(`${line}\n`);
};
if (argv[0] === "backup" || argv[0] === "restore") {
  process.exitCode = runBackupCommand(argv, process.env, print);
} else if (argv[0] === "migrate-to-postgres") {
  process.exitCode = await runMigrateToPostgres(argv.slice(1), process.env, print);
} else {
  const store = await openDataDir(process.env.DATA_DIR ?? "./var", silentLogger, process.env.DATABASE_URL).catch(
    (err: unknown) => {
      print(`error: cannot open the data: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    },
  );
  if (!store) process.exitCode = 1;
  else {
    try {
      process.exitCode = await runAdminCommand(argv, store, productionScrypt, print);
    } finally {
      await store.close();
    }
  }
}
