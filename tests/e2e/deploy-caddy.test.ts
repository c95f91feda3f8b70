/**
 * The deployment recipe (deploy/, README "Đưa lên máy chủ"), run for real on loopback: the built
 * server started as the systemd unit starts it (HOST=127.0.0.1, TRUST_PROXY=1, DATA_DIR), behind
 * Debian's caddy with deploy/Caddyfile, where only the domain becomes localhost with `tls
 * internal`, the ports free ones and the log a temp file. Over HTTPS a sign-in gets a `Secure`
 * cookie and HSTS, a push through the proxy is stored, and /healthz answers through it; the
 * nightly backup script (deploy/backup.sh, as its systemd unit runs it) copies the running
 * database with that push in it; systemd accepts the units.
 * Skipped, saying so, only where caddy is not installed (.ci/run installs it).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEntry } from "../support/fixtures";
import { loopbackCaddyfile } from "./support/caddyfile";
import { freePort } from "./support/server";

const CADDY = "/usr/bin/caddy";
const root = new URL("../../", import.meta.url).pathname;
const ADMIN_PASSWORD = "quan-tri-caddy-2023";
const hasCaddy = existsSync(CADDY);

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** The shipped Caddyfile with only what a loopback test must change. */
function testCaddyfile(httpPort: number, httpsPort: number, serverPort: number, logFile: string): string {
  const shipped = readFileSync(join(root, "deploy/Caddyfile"), "utf8");
  return loopbackCaddyfile(shipped, serverPort, { kind: "https", httpPort, httpsPort, logFile });
}

describe.skipIf(!hasCaddy)(
  hasCaddy
    ? "deployment behind Caddy over HTTPS"
    : "deployment behind Caddy [skipped: /usr/bin/caddy is not installed]",
  () => {
    const dir = mkdtempSync(join(tmpdir(), "stdua-caddy-"));
    let server: ChildProcess | undefined;
    let caddy: ChildProcess | undefined;
    let logs = "";
    let httpsPort = 0;
    let ca: Buffer;
    let pushedId = "";
    const dataDir = join(dir, "data");

    /** One HTTPS request to Caddy, trusting only its internal CA. */
    function call(method: string, path: string, opts: { json?: unknown; cookie?: string } = {}): Promise<Reply> {
      const body = opts.json === undefined ? undefined : JSON.stringify(opts.json);
      const origin = `https://localhost:${httpsPort}`;
      // Caddy serves the site by Host: the name it was given, not the address dialled.
      const headers: Record<string, string> = { origin, host: `localhost:${httpsPort}` };
      if (body !== undefined) headers["content-type"] = "application/json";
      if (opts.cookie) headers.cookie = opts.cookie;
      return new Promise((resolve, reject) => {
        const req = request(
          { host: "127.0.0.1", servername: "localhost", port: httpsPort, method, path, headers, ca, agent: false },
          (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (d: string) => {
              text += d;
            });
            res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    }

    beforeAll(async () => {
      const serverPort = await freePort();
      httpsPort = await freePort();
      const httpPort = await freePort();
      server = spawn(process.execPath, [join(root, "dist-server/main.js")], {
        env: {
          ...process.env,
          HOST: "127.0.0.1",
          PORT: String(serverPort),
          TRUST_PROXY: "1",
          DATA_DIR: dataDir,
          ADMIN_PASSWORD,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const config = join(dir, "Caddyfile");
      writeFileSync(config, testCaddyfile(httpPort, httpsPort, serverPort, join(dir, "access.log")));
      // Caddy keeps its certificates and internal CA under XDG_DATA_HOME: a folder of this test.
      caddy = spawn(CADDY, ["run", "--config", config, "--adapter", "caddyfile"], {
        env: {
          ...process.env,
          HOME: dir,
          XDG_DATA_HOME: join(dir, "xdg-data"),
          XDG_CONFIG_HOME: join(dir, "xdg-config"),
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      for (const child of [server, caddy]) {
        child.stdout?.on("data", (d) => {
          logs += d;
        });
        child.stderr?.on("data", (d) => {
          logs += d;
        });
      }
      const rootCert = join(dir, "xdg-data/caddy/pki/authorities/local/root.crt");
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          if (existsSync(rootCert)) {
            ca = readFileSync(rootCert);
            const r = await call("GET", "/healthz");
            if (r.status === 200 && r.body.includes("ok")) break;
          }
        } catch {
          // Caddy or the server not ready yet.
        }
        if (Date.now() > deadline) throw new Error(`caddy or the server did not come up:\n${logs}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    });

    afterAll(async () => {
      for (const child of [caddy, server]) {
        if (child && child.exitCode === null) {
          await new Promise<void>((resolve) => {
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
          });
        }
      }
      rmSync(dir, { recursive: true, force: true });
    });

    it("/healthz answers through the proxy", async () => {
      const r = await call("GET", "/healthz");
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toEqual({ ok: true });
      expect(r.headers["strict-transport-security"]).toBe("max-age=31536000");
    });

    it("signs in over HTTPS with a Secure cookie and HSTS, and a push through the proxy is stored", async () => {
      const login = await call("POST", "/api/v1/auth/login", { json: { username: "admin", password: ADMIN_PASSWORD } });
      expect(login.status).toBe(200);
      const setCookie = String(login.headers["set-cookie"] ?? "");
      expect(setCookie).toMatch(/^sid=/);
      expect(setCookie).toContain("Secure");
      expect(setCookie).toContain("HttpOnly");
      expect(login.headers["strict-transport-security"]).toBe("max-age=31536000");
      const cookie = setCookie.split(";")[0] ?? "";

      const entry = makeEntry();
      const push = await call("POST", "/api/v1/sync/push", {
        json: { clientId: "caddy-phone", entries: [entry] },
        cookie,
      });
      expect(push.status).toBe(200);
      expect(JSON.parse(push.body).results).toEqual([{ id: entry.id, status: "stored" }]);
      pushedId = entry.id;

      const pull = await call("GET", "/api/v1/sync/pull", { cookie });
      expect(pull.status).toBe(200);
      expect(JSON.parse(pull.body).entries.map((e: { id: string }) => e.id)).toContain(entry.id);
    });

    it("the nightly backup script copies the running database, the pushed entry in it", () => {
      expect(pushedId).not.toBe("");
      const backups = join(dir, "backups");
      const run = spawnSync("/bin/sh", [join(root, "deploy/backup.sh")], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, BACKUP_DIR: backups, KEEP_DAYS: "30" },
        encoding: "utf8",
      });
      expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
      expect(run.stdout).toContain("checked");
      const file = join(backups, `so-thi-dua-${new Date().toISOString().slice(0, 10)}.sqlite`);
      const copy = new Database(file, { readonly: true });
      try {
        expect(copy.prepare("SELECT id FROM entries WHERE id = ?").get(pushedId)).toBeDefined();
      } finally {
        copy.close();
      }
    });

    it.skipIf(!existsSync("/usr/bin/systemd-analyze"))("systemd accepts the units as shipped", () => {
      const r = spawnSync(
        "/usr/bin/systemd-analyze",
        [
          "verify",
          "--man=no",
          ...["so-thi-dua.service", "so-thi-dua-backup.service", "so-thi-dua-backup.timer"].map((f) =>
            join(root, "deploy", f),
          ),
        ],
        { encoding: "utf8" },
      );
      expect(r.status, r.stderr).toBe(0);
    });

    it("the server itself listens on loopback only and trusts the proxy's address, not the client's claim", () => {
      expect(logs).toContain('"host":"127.0.0.1"');
      expect(logs).not.toContain("TRUST_PROXY=1 while listening beyond loopback");
    });
  },
);

/** Whether `nft` can check a ruleset here (it needs the nftables package and netlink). */
function nftChecks(): boolean {
  const r = spawnSync("nft", ["-c", "-f", "-"], { input: "table inet probe { }\n", encoding: "utf8" });
  return r.status === 0;
}

describe.skipIf(!nftChecks())("the per-address connection cap in front of Caddy", () => {
  it("deploy/nftables-so-thi-dua.nft is a ruleset nft accepts, capping new connections per address on 80 and 443", () => {
    const file = join(root, "deploy/nftables-so-thi-dua.nft");
    const r = spawnSync("nft", ["-c", "-f", file], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/tcp dport \{ 80, 443 \} ct state new add @per_v4 \{ ip saddr ct count over \d+ \}/);
    expect(text).toMatch(/ip6 saddr & ffff:ffff:ffff:ffff:: ct count over \d+/);
  });
});
