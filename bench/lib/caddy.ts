/**
 * The deployment's proxy in front of a bench server: Debian's caddy with the shipped
 * deploy/Caddyfile, changed only where a loopback bench must (plain HTTP on a free port, no admin
 * endpoint, the server's port, no log file), so a bench can measure what phones see when the
 * server runs as deployed (DESIGN §7: behind HTTPS termination on the same machine).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loopbackCaddyfile } from "../../tests/e2e/support/caddyfile";
import { freePort, ROOT } from "./server-process";

export const CADDY = "/usr/bin/caddy";

export const hasCaddy = (): boolean => existsSync(CADDY);

/** deploy/Caddyfile for a loopback bench: plain HTTP on `port`, proxying to `serverPort`. */
export function benchCaddyfile(port: number, serverPort: number): string {
  return loopbackCaddyfile(readFileSync(join(ROOT, "deploy/Caddyfile"), "utf8"), serverPort, { kind: "http", port });
}

/** A running caddy in front of `serverPort`; `url` is where clients connect. */
export class CaddyProcess {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(serverPort: number, dir: string): Promise<CaddyProcess> {
    const port = await freePort();
    const config = join(dir, "Caddyfile");
    writeFileSync(config, benchCaddyfile(port, serverPort));
    const child = spawn(CADDY, ["run", "--config", config, "--adapter", "caddyfile"], {
      env: { ...process.env, XDG_DATA_HOME: join(dir, "xdg-data"), XDG_CONFIG_HOME: join(dir, "xdg-config") },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let logs = "";
    child.stderr?.on("data", (d: Buffer) => {
      logs += d.toString();
    });
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        const r = await fetch(`${url}/healthz`);
        if (r.status < 500) break;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`caddy did not come up:\n${logs.slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return new CaddyProcess(url, child);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.kill("SIGTERM");
    await exited;
  }
}
