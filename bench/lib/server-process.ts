/**
 * The real built server (dist-server/main.js) as a child process on a fixed port, so it can be
 * killed with SIGKILL and started again on the same port and data folder (chaos), or loaded
 * with a big ledger and measured (bench). Its JSON log lines are handed to listeners, since the
 * server logs each push with its own duration.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

export { freePort } from "../../tests/e2e/support/server";

/** The project root (bench/ and .tmp/ bundles both live two levels below it or less). */
export const ROOT = process.env.SO_THI_DUA_ROOT ?? process.cwd();

export type ServerOptions = {
  port: number;
  dataDir: string;
  adminPassword: string;
  /** Folder of static files to serve instead of dist/ (the bench page). */
  distDir?: string;
  env?: Record<string, string>;
  /** Node flags of this bench's own (before BENCH_SERVER_FLAGS), e.g. `--require` a probe. */
  nodeFlags?: string[];
};

/** One server process at a time, restartable. */
export class ServerProcess {
  private child: ChildProcess | undefined;
  private readonly listeners: ((line: Record<string, unknown>) => void)[] = [];
  private tail = "";
  /** The last lines of output, for error messages. */
  log: string[] = [];

  constructor(readonly opts: ServerOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.opts.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Called with every JSON log line of every run of the process. */
  onLog(fn: (line: Record<string, unknown>) => void): void {
    this.listeners.push(fn);
  }

  /** Start the process and wait until it answers HTTP. */
  async start(): Promise<void> {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      PORT: String(this.opts.port),
      DATA_DIR: this.opts.dataDir,
      ADMIN_PASSWORD: this.opts.adminPassword,
      ...this.opts.env,
    };
    if (this.opts.distDir) env.DIST_DIR = this.opts.distDir;
    // BENCH_SERVER: another build of the server to run (a before/after comparison in one period).
    const main = process.env.BENCH_SERVER ?? join(ROOT, "dist-server/main.js");
    // BENCH_SERVER_FLAGS: Node flags for the server (e.g. --cpu-prof, to see where its time goes).
    const flags = (process.env.BENCH_SERVER_FLAGS ?? "").split(" ").filter((f) => f !== "");
    const child = spawn(process.execPath, [...(this.opts.nodeFlags ?? []), ...flags, main], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    child.stdout?.setEncoding("utf8").on("data", (d: string) => this.consume(d));
    child.stderr?.setEncoding("utf8").on("data", (d: string) => this.remember(d));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${this.log.join("\n")}`);
      try {
        const res = await fetch(`${this.url}/api/v1/auth/me`);
        await res.arrayBuffer();
        if (res.status === 401 || res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`server did not start:\n${this.log.join("\n")}`);
  }

  /** Stop the process with `signal` and wait for it to be gone. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once("exit", () => resolve());
      c.kill(signal);
    });
    this.child = undefined;
  }

  /** Resident memory of the process in bytes (Linux /proc), or undefined. */
  async rss(): Promise<number | undefined> {
    const pid = this.child?.pid;
    if (pid === undefined) return undefined;
    const { readFile } = await import("node:fs/promises");
    const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : undefined;
  }

  private consume(chunk: string): void {
    this.tail += chunk;
    const lines = this.tail.split("\n");
    this.tail = lines.pop() ?? "";
    for (const text of lines) {
      if (text.trim() === "") continue;
      try {
        const line = JSON.parse(text) as Record<string, unknown>;
        if (line.level !== "info" || line.msg !== "request") this.remember(text);
        for (const fn of this.listeners) fn(line);
      } catch {
        this.remember(text);
      }
    }
  }

  private remember(text: string): void {
    this.log.push(text.trimEnd());
    if (this.log.length > 50) this.log.splice(0, this.log.length - 50);
  }
}
