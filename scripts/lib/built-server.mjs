/**
 * The built server of a checkout (`<root>/dist-server/main.js`) on a free port with a fresh data
 * folder, for the before/after screenshot scripts: started, waited for, and an API client with its
 * own cookie jar. `stop()` ends it and deletes the folder.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

export const ADMIN_PASSWORD = "quan-tri-anh-chup";
/** The password of the users a screenshot run creates. */
export const PASSWORD = "mat-khau-anh-chup";

/**
 * A screenshot run from the command line (`--root <built checkout>`, `--label before|after`): that
 * checkout's server started, `createUser` through its admin API, and where the pictures go.
 */
export async function screenshotRun() {
  const { values } = parseArgs({
    options: { root: { type: "string", default: "." }, label: { type: "string", default: "after" } },
  });
  const server = await startBuiltServer(resolve(values.root));
  const admin = server.client();
  try {
    await admin("POST", "/auth/login", { username: "admin", password: ADMIN_PASSWORD });
  } catch (err) {
    server.stop();
    throw err;
  }
  return {
    ...server,
    label: values.label,
    out: new URL("../../docs/screenshots/", import.meta.url).pathname,
    /** Create a user with PASSWORD. */
    createUser: (user) => admin("POST", "/admin/users", { ...user, password: PASSWORD }),
  };
}

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
