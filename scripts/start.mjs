// `npm start`: make sure the app and the server are built and current, then run the server
// bundle with the inherited environment (PORT, DATA_DIR, ADMIN_PASSWORD, ...), passing signals on.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const ensured = spawnSync(process.execPath, ["scripts/ensure-built.mjs"], { cwd: root, stdio: "inherit" });
if (ensured.status !== 0) process.exit(ensured.status ?? 1);

const server = spawn(process.execPath, ["dist-server/main.js"], { cwd: root, stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
