/** The admin CLI entry (bundled to dist-server/admin.js): opens DATA_DIR like the server and runs one command. */

import { runAdminCommand } from "./admin-commands";
import { openDataDir } from "./bootstrap";
import { productionScrypt } from "./config";
import { silentLogger } from "./log";

const store = await openDataDir(process.env.DATA_DIR ?? "./var", silentLogger);
try {
  process.exitCode = await runAdminCommand(process.argv.slice(2), store, productionScrypt, (line) => {
    process.stdout.write(`${line}\n`);
  });
} finally {
  await store.close();
}
