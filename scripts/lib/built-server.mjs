/**
 * The built server of a checkout (`<root>/dist-server/main.js`) on a free port with a fresh data
 * folder, for the before/after screenshot scripts: started, waited for, and an API client with its
 * own cookie jar. `stop()` ends it and deletes the folder.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ADMIN_PASSWORD = "quan-tri-anh-chup";

/** A free TCP port on loopback. */
function freePort() {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => ok(p));
    });
  });
}

/** Start `root`'s built server and wait until it answers. */
export async function startBuiltServer(root) {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), "before-after-"));
  const server = spawn(process.execPath, [join(root, "dist-server/main.js")], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ADMIN_PASSWORD, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () => {
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; i < 200; i++) {
    const up = await fetch(`${url}/api/v1/auth/me`).catch(() => undefined);
    if (up) return { url, stop, client: () => client(url) };
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`the server in ${root} did not answer on ${url}`);
}

/** One JSON call at a time with its own cookie jar: `call(method, path, body)`. */
function client(url) {
  let cookie = "";
  return async (method, path, body) => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { "content-type": "application/json", origin: url, cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0] ?? "";
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  };
}
