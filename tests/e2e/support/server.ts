/** Starts the real built server (dist-server/main.js) on a free port with its own data folder. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ADMIN_PASSWORD = "quan-tri-E2E-2023";
const root = new URL("../../../", import.meta.url).pathname;

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      s.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

/** A running server that can be stopped (a real outage) and started again on the same port and data. */
export class TestServer {
  private child: ChildProcess | undefined;
  readonly dataDir: string;
  log = "";

  private constructor(
    readonly port: number,
    dataDir?: string,
  ) {
    this.dataDir = dataDir ?? mkdtempSync(join(tmpdir(), "stdua-e2e-"));
  }

  /** Start a server on a free port with a fresh data folder. */
  static async start(): Promise<TestServer> {
    const s = new TestServer(await freePort());
    await s.up();
    return s;
  }

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  /** Start (or start again) the process and wait until it answers. */
  async up(): Promise<void> {
    this.child = spawn(process.execPath, [join(root, "dist-server/main.js")], {
      env: { ...process.env, PORT: String(this.port), DATA_DIR: this.dataDir, ADMIN_PASSWORD, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout?.on("data", (d) => {
      this.log += d;
    });
    this.child.stderr?.on("data", (d) => {
      this.log += d;
    });
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${this.url}/api/v1/auth/me`);
        if (res.status === 401 || res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start:\n${this.log}`);
  }

  /** Stop the process (SIGTERM by default, SIGKILL for a crash) and wait for it to exit. */
  async down(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once("exit", () => resolve());
      c.kill(signal);
    });
    this.child = undefined;
  }

  /** Stop and remove the data folder. */
  async dispose(): Promise<void> {
    await this.down();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** A minimal API client with a cookie jar, for setting up users and checking server state. */
export class ApiClient {
  private cookie = "";
  constructor(private readonly base: string) {}

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { origin: this.base };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0] ?? "";
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }

  /** Sign in; throws unless 200. */
  async login(username: string, password: string): Promise<void> {
    const r = await this.request("POST", "/auth/login", { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.json)}`);
  }

  /** Create a user (as admin); throws unless 201. */
  async createUser(u: { username: string; name: string; role: string; unitIds: string[]; password: string }) {
    const r = await this.request("POST", "/admin/users", u);
    if (r.status !== 201) throw new Error(`create ${u.username}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  }
}
