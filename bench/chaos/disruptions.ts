/**
 * The orchestrator's own disruptions, beside the proxy's per-request faults: the server killed
 * with SIGKILL while a push is being processed (then started again on the same port and data),
 * and sessions ended from the server side (a password reset to the same password, or the user
 * disabled and enabled again), so devices must sign in again mid-sync.
 */
import type { ApiClient } from "../lib/api-client";
import type { Rng } from "../lib/rng";
import type { ServerProcess } from "../lib/server-process";
import type { FaultProxy } from "./fault-proxy";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A loop that runs until `stop()`, counting what it did in `counts`. */
export abstract class Disruption {
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    protected readonly rng: Rng,
    readonly counts: Map<string, number>,
  ) {}

  protected count(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  protected get running(): boolean {
    return !this.stopped;
  }

  /** Sleep up to `ms`, waking early when stopped (so `stop()` never waits a whole interval). */
  protected async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (this.running && Date.now() < until) await sleep(Math.min(100, until - Date.now()));
  }

  start(): void {
    this.loop = this.run();
  }

  /** Stop after the current step (a restart in progress completes). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  protected abstract run(): Promise<void>;
}

/** SIGKILL the server while a push is in its hands, then restart it. */
export class ServerKiller extends Disruption {
  constructor(
    rng: Rng,
    counts: Map<string, number>,
    private readonly server: ServerProcess,
    private readonly proxy: FaultProxy,
    private readonly everyMs: readonly [number, number],
  ) {
    super(rng, counts);
  }

  protected async run(): Promise<void> {
    while (this.running) {
      await this.pause(this.rng.int(this.everyMs[0], this.everyMs[1]));
      if (!this.running) break;
      // Wait (a little) for a push to be forwarded, so the kill lands mid-batch.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3_000);
        this.proxy.onPushForwarded = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.proxy.onPushForwarded = undefined;
      await sleep(this.rng.int(0, 15));
      await this.server.stop("SIGKILL");
      this.count("sigkill");
      await sleep(this.rng.int(100, 800));
      await this.server.start();
    }
  }
}

/** End a device user's sessions from the server side, now and then. */
export class SessionRevoker extends Disruption {
  constructor(
    rng: Rng,
    counts: Map<string, number>,
    private readonly admin: ApiClient,
    private readonly users: readonly { id: string; password: string }[],
    private readonly everyMs: readonly [number, number],
  ) {
    super(rng, counts);
  }

  protected async run(): Promise<void> {
    while (this.running) {
      await this.pause(this.rng.int(this.everyMs[0], this.everyMs[1]));
      if (!this.running) break;
      const u = this.rng.pick(this.users);
      if (this.rng.chance(0.7)) {
        // The same password again: every session of the user ends, and signing in still works.
        await this.admin.patient("PATCH", `/admin/users/${u.id}`, { password: u.password });
        this.count("session-revoked");
      } else {
        // Disabled and enabled back at once: the sessions die (DESIGN §3); a sign-in that lands
        // in between is refused and retried.
        await this.admin.patient("PATCH", `/admin/users/${u.id}`, { disabled: true });
        await this.admin.patient("PATCH", `/admin/users/${u.id}`, { disabled: false });
        this.count("user-disabled");
      }
    }
  }
}
