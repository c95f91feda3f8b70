/**
 * Report day (DESIGN §7 "Load"): many phones pushing at once to the real built server. Each
 * device is a Node HTTP client with its own client id and session (some share one account, as a
 * district officer's phone and laptop do); each pushes batches of 50 as soon as the previous
 * answer arrives, and waits out `Retry-After` on a 429 before sending the same batch again.
 *
 * Per row: entries/s over the whole run (first request to last answer), and the latency of every
 * push answered 200 (p50, p95, p99, max), with the 429s counted beside. Then the checks: every
 * entry answered `stored` exactly once, nothing else stored, and GET /totals (the year and each
 * phase) equal to `computeTotals` over the pushed entries. The store is SQLite in a fresh data
 * folder, or PostgreSQL in a fresh database of BENCH_DATABASE_URL.
 *
 * The clients run in this process, on the same two cores as the server: the latencies include
 * the time a client waits for its own process, as a phone's include its radio's.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDataDir } from "../../server/bootstrap";
import { silentLogger } from "../../server/log";
import { createUser } from "../../server/users";
import { campaign, units } from "../../src/db/seed-data";
import { phaseOf } from "../../src/domain/phases";
import type { Entry } from "../../src/domain/schemas";
import { cellsFromEntries, computeTotals } from "../../src/domain/totals";
import { UnitTree } from "../../src/domain/units";
import { ApiClient } from "../lib/api-client";
import { CADDY, CaddyProcess, hasCaddy } from "../lib/caddy";
import { freePort, ROOT, ServerProcess } from "../lib/server-process";
import { type Figure, summarize } from "../lib/stats";
import { fmt } from "../lib/table";
import { EntryMaker } from "../page/data";

/** Entries per push, as a phone's outbox sends them on a weak link. */
const BATCH = 50;

/** Devices on one shared account in the last default row (a person with several devices). */
const SHARED_ACCOUNT_DEVICES = 12;

/** The scrypt cost of the bench's accounts (production: N=2^17; the tests' cost). */
const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };

/**
 * How the devices reach the server: directly (`npm start`), or through the deployment's Caddy
 * (deploy/Caddyfile over plain HTTP on loopback), which accepts the phones' connections and opens
 * its own to the server (one per request in flight: the server still sees report day's burst).
 */
export type LoadVia = "direct" | "caddy";

/** One row of the load: how many devices, how many pushes each, how many of them share one account. */
export type LoadShape = { devices: number; pushesEach: number; shared?: number };

/** What one row measured. */
export type LoadRow = LoadShape & {
  store: "sqlite" | "postgres";
  via: LoadVia;
  entries: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  throttled: number;
  /** The server's own counters over the row, from its log (see `ServerCounters`). */
  server: string;
  /** Problems found by the checks (empty when every entry was counted once). */
  problems: string[];
};

/** The issue's figures before any change (issue 18, `npm start`, SQLite, this kind of machine). */
export const ISSUE_BASELINE: readonly (LoadShape &
  Omit<LoadRow, "store" | "via" | "problems" | "throttled" | "seconds" | "server">)[] = [
  { devices: 24, pushesEach: 40, entries: 48_000, perSecond: 7_465, p50: 55, p95: 118, p99: 407, max: 734 },
  { devices: 96, pushesEach: 10, entries: 48_000, perSecond: 12_929, p50: 37, p95: 1_762, p99: 3_126, max: 3_378 },
  { devices: 96, pushesEach: 20, entries: 96_000, perSecond: 7_378, p50: 40, p95: 139, p99: 2_841, max: 2_855 },
];

/**
 * The rows `npm run bench` and `node bench/load.mjs` run by default: the issue's three (each
 * device on its own account), then 96 devices of which 12 share one account.
 */
export const DEFAULT_SHAPES: readonly LoadShape[] = [
  ...ISSUE_BASELINE.map(({ devices, pushesEach }) => ({ devices, pushesEach })),
  { devices: 96, pushesEach: 10, shared: SHARED_ACCOUNT_DEVICES },
];

type Device = { clientId: string; cookie: string };

/** The nearest-rank quantile of sorted samples. */
const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;

/**
 * What the server says of its own work during a row, from its log lines: the push route's `ms`
 * (handler start to answer, less the wait for the body: it includes waiting for the event loop
 * and for the write) and `receiveMs`, and each fold of the cells (`cells folded`) with what set
 * it off and how long it held the event loop.
 */
class ServerCounters {
  private readonly pushMs: number[] = [];
  private readonly receiveMs: number[] = [];
  private readonly folds: { ms: number; trigger: string; entries: number }[] = [];
  private readonly loopP99: number[] = [];
  private loopMax = 0;

  add(line: Record<string, unknown>): void {
    if (line.msg === "push") {
      this.pushMs.push(Number(line.ms));
      this.receiveMs.push(Number(line.receiveMs));
    } else if (line.msg === "event loop") {
      this.loopP99.push(Number(line.p99));
      this.loopMax = Math.max(this.loopMax, Number(line.max));
    } else if (line.msg === "cells folded") {
      this.folds.push({ ms: Number(line.ms), trigger: String(line.trigger), entries: Number(line.entries) });
    }
  }

  summary(): string {
    const p = [...this.pushMs].sort((a, b) => a - b);
    const r = [...this.receiveMs].sort((a, b) => a - b);
    const f = [...this.folds].sort((a, b) => b.ms - a.ms)[0];
    const folds = f
      ? `${this.folds.length} folds, longest ${fmt(f.ms)} ms (${f.entries} entries, ${f.trigger})`
      : "no folds";
    const l = [...this.loopP99].sort((a, b) => a - b);
    const loop =
      l.length > 0
        ? `event loop held: p99 of 250 ms spans median ${fmt(quantile(l, 0.5))} ms, max ${fmt(this.loopMax)} ms; `
        : "";
    return `${loop}server push ms p50 ${fmt(quantile(p, 0.5))}, p99 ${fmt(quantile(p, 0.99))}, max ${fmt(p.at(-1) ?? Number.NaN)}; receiveMs max ${fmt(r.at(-1) ?? Number.NaN)}; ${folds}`;
  }
}

/** A server with signed-in devices: some each on its own account, some sharing one. */
class LoadServer {
  /** Devices each on an account of its own. */
  readonly own: Device[] = [];
  /** Devices all on one account. */
  readonly shared: Device[] = [];
  private agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

  /** Where the server's log lines go during a row. */
  private counting: ServerCounters | undefined;

  private constructor(
    readonly server: ServerProcess,
    readonly admin: ApiClient,
    private readonly password: string,
    /** Where the devices connect: the server itself, or the deployment's proxy in front of it. */
    private readonly front: { url: string; stop: () => Promise<void> } | undefined,
  ) {
    server.onLog((line) => this.counting?.add(line));
  }

  /**
   * Start a server on a new data folder (or database) whose accounts were made beforehand through
   * the store, with a cheap scrypt cost: 100 sign-ins at the production cost take minutes on two
   * cores, and the server verifies each hash with the parameters stored beside it.
   */
  static async start(
    env: Record<string, string>,
    dataDir: string,
    own: number,
    shared: number,
    via: LoadVia = "direct",
  ): Promise<LoadServer> {
    const adminPassword = `bench-${randomBytes(6).toString("hex")}`;
    const password = `pw-${randomBytes(6).toString("hex")}`;
    const store = await openDataDir(dataDir, silentLogger, env.DATABASE_URL);
    try {
      const deps = { store, scrypt: CHEAP_SCRYPT, tree: new UnitTree((await store.catalog.units()).units) };
      await createUser(deps, { username: "admin", name: "admin", role: "admin", unitIds: [], password: adminPassword });
      const officer = (username: string) =>
        createUser(deps, { username, name: username, role: "officer", unitIds: ["lct"], password });
      for (let i = 0; i < own; i++) await officer(`load-${i}`);
      if (shared > 0) await officer("load-shared");
    } finally {
      await store.close();
    }
    // The probe reports how long the server's event loop was held (bench/lib/loop-probe.cjs).
    const probe = join(ROOT, "bench", "lib", "loop-probe.cjs");
    const server = new ServerProcess({
      port: await freePort(),
      dataDir,
      adminPassword,
      env,
      nodeFlags: ["--require", probe],
    });
    await server.start();
    const admin = new ApiClient(server.url);
    await admin.login("admin", adminPassword);
    const front = via === "caddy" ? await CaddyProcess.start(server.opts.port, dataDir) : undefined;
    const s = new LoadServer(server, admin, password, front);
    for (let i = 0; i < own; i++) s.own.push(await s.signIn(`load-${i}`));
    for (let i = 0; i < shared; i++) s.shared.push(await s.signIn("load-shared"));
    return s;
  }

  /** Sign in one more device of `username`. */
  private async signIn(username: string): Promise<Device> {
    const client = new ApiClient(this.server.url);
    await client.login(username, this.password);
    return { clientId: `${username}-device-${randomBytes(4).toString("hex")}`, cookie: client.cookieHeader };
  }

  /** One POST; answers status, Retry-After (s) and the body. */
  post(device: Device, body: string): Promise<{ status: number; retryAfter: number; body: string }> {
    const url = new URL(`${this.front?.url ?? this.server.url}/api/v1/sync/push`);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          method: "POST",
          hostname: url.hostname,
          port: url.port,
          path: url.pathname,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            cookie: device.cookie,
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => {
            text += d;
          });
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, retryAfter: Number(res.headers["retry-after"] ?? 0), body: text }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Run one row: every device pushes `pushesEach` batches of 50, back to back. */
  async run(store: LoadRow["store"], shape: LoadShape, maker: EntryMaker): Promise<LoadRow> {
    const shared = shape.shared ?? 0;
    if (shape.devices - shared > this.own.length || shared > this.shared.length)
      throw new Error("load: too few devices");
    const devices = [...this.shared.slice(0, shared), ...this.own.slice(0, shape.devices - shared)];
    // Fresh connections for each row: a kept-alive socket idle between rows may be closed by the
    // server just as it is reused.
    this.agent.destroy();
    this.agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
    // Made and serialised before the clock starts: the bench's own work is not the server's.
    const plan = devices.map((d) =>
      Array.from({ length: shape.pushesEach }, () => {
        const entries = Array.from({ length: BATCH }, () => maker.next());
        return { entries, body: JSON.stringify({ clientId: d.clientId, entries }) };
      }),
    );
    const counters = new ServerCounters();
    this.counting = counters;
    const latencies: number[] = [];
    const acknowledged = new Map<string, number>();
    const problems: string[] = [];
    let throttled = 0;
    const trace: { device: number; at: number; ms: number }[] = [];
    const t0 = performance.now();
    await Promise.all(
      devices.map(async (device, i) => {
        for (const batch of plan[i] ?? []) {
          for (;;) {
            const sent = performance.now();
            const r = await this.post(device, batch.body);
            if (r.status === 429) {
              throttled++;
              if (!(r.retryAfter > 0)) problems.push("429 without Retry-After");
              await new Promise((res) => setTimeout(res, Math.max(1, r.retryAfter) * 1000));
              continue;
            }
            latencies.push(performance.now() - sent);
            if (process.env.BENCH_LOAD_TRACE) trace.push({ device: i, at: sent - t0, ms: performance.now() - sent });
            if (r.status !== 200) throw new Error(`push answered ${r.status}: ${r.body.slice(0, 200)}`);
            const { results } = JSON.parse(r.body) as { results: { id: string; status: string }[] };
            for (const res of results) {
              if (res.status !== "stored") problems.push(`${res.id} ${res.status}`);
              acknowledged.set(res.id, (acknowledged.get(res.id) ?? 0) + 1);
            }
            break;
          }
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    this.counting = undefined;
    if (process.env.BENCH_LOAD_TRACE) {
      const slow = trace.filter((t) => t.ms > 1000).map((t) => `d${t.device}@${Math.round(t.at)}:${Math.round(t.ms)}`);
      console.log(`slow (>1 s): ${slow.length}: ${slow.slice(0, 40).join(" ")}`);
    }
    const pushed = plan.flat().flatMap((b) => b.entries);
    for (const e of pushed) {
      const n = acknowledged.get(e.id) ?? 0;
      if (n !== 1) problems.push(`${e.id} acknowledged ${n} times`);
    }
    if (acknowledged.size !== pushed.length)
      problems.push(`${acknowledged.size} ids acknowledged, ${pushed.length} pushed`);
    this.pushedSoFar.push(...pushed);
    problems.push(...(await this.checkTotals()));
    const sorted = latencies.sort((a, b) => a - b);
    return {
      store,
      via: this.front ? "caddy" : "direct",
      ...shape,
      entries: pushed.length,
      seconds,
      perSecond: pushed.length / seconds,
      p50: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      p99: quantile(sorted, 0.99),
      max: sorted.at(-1) ?? Number.NaN,
      throttled,
      server: counters.summary(),
      problems: problems.slice(0, 20),
    };
  }

  /** Every entry pushed to this server so far (the totals must equal their sums). */
  private readonly pushedSoFar: Entry[] = [];

  /** GET /totals (the year and each phase) against `computeTotals` over everything pushed. */
  private async checkTotals(): Promise<string[]> {
    const tree = new UnitTree(units);
    const cells = cellsFromEntries(
      this.pushedSoFar.map((e) => ({ ...e, phaseId: phaseOf(campaign, e.date)?.id ?? "" })),
    );
    const out: string[] = [];
    for (const q of [{}, ...campaign.phases.map((p) => ({ phaseId: p.id }))] as { phaseId?: string }[]) {
      const params = new URLSearchParams({ campaignId: campaign.id, ...q });
      const r = await this.admin.patient("GET", `/totals?${params}`);
      const want = computeTotals({ campaign, tree, cells, scopeRoots: tree.roots.map((u) => u.id), ...q });
      if (r.status !== 200 || JSON.stringify(r.body) !== JSON.stringify(want)) out.push(`totals differ: ${params}`);
    }
    return out;
  }

  /** An unmeasured warm-up (the server's code compiled), its entries counted like the rest. */
  async warmUp(maker: EntryMaker): Promise<void> {
    const r = await this.run("sqlite", { devices: 4, pushesEach: 10 }, maker);
    if (r.problems.length > 0) throw new Error(`load warm-up: ${r.problems.join("; ")}`);
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    await this.front?.stop();
    await this.server.stop("SIGTERM");
  }
}

/** A fresh PostgreSQL database on BENCH_DATABASE_URL's server; answers its URL and a drop. */
async function freshPostgres(base: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `stdua_load_${process.pid}_${Date.now()}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Run the rows on one store (one server, rows in order), after a warm-up. */
export async function loadRows(
  store: LoadRow["store"],
  shapes: readonly LoadShape[],
  log: (line: string) => void = () => {},
  via: LoadVia = "direct",
): Promise<LoadRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), "stdua-bench-load-"));
  const env: Record<string, string> = {};
  let drop: (() => Promise<void>) | undefined;
  if (store === "postgres") {
    const base = process.env.BENCH_DATABASE_URL;
    if (!base) throw new Error("BENCH_DATABASE_URL is not set");
    const db = await freshPostgres(base);
    env.DATABASE_URL = db.url;
    drop = db.drop;
  }
  const own = Math.max(4, ...shapes.map((s) => s.devices - (s.shared ?? 0)));
  const shared = Math.max(...shapes.map((s) => s.shared ?? 0));
  log(
    `load (${store}${via === "caddy" ? ", through Caddy" : ""}): ${own} devices on their own accounts and ${shared} on one …`,
  );
  const server = await LoadServer.start(env, dataDir, own, shared, via);
  try {
    const maker = new EntryMaker(1818);
    await server.warmUp(maker);
    const rows: LoadRow[] = [];
    for (const shape of shapes) {
      const row = await server.run(store, shape, maker);
      log(formatRow(row));
      log(`  ${row.server}`);
      rows.push(row);
    }
    return rows;
  } finally {
    await server.stop();
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const ms = (n: number) => `${Math.round(n).toLocaleString("en-US")} ms`;

/** One row of the table. */
function formatRow(r: LoadRow): string {
  const check = r.problems.length === 0 ? "every entry once, totals equal" : `❌ ${r.problems.join("; ")}`;
  return `| ${r.store}${r.via === "caddy" ? " via Caddy" : ""} | ${r.devices} × ${r.pushesEach} pushes${r.shared ? ` (${r.shared} on one account)` : ""} | ${r.entries.toLocaleString("en-US")} | ${Math.round(r.perSecond).toLocaleString("en-US")}/s | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.throttled} | ${check} |`;
}

/** The table: the issue's baseline rows, then the measured ones. */
export function loadTable(rows: readonly LoadRow[]): string {
  const head = [
    "| store | devices at once | entries | throughput | push p50 | p95 | p99 | max | 429s | check |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  const baseline = ISSUE_BASELINE.map(
    (b) =>
      `| issue 18 baseline (sqlite) | ${b.devices} × ${b.pushesEach} pushes | ${b.entries.toLocaleString("en-US")} | ${b.perSecond.toLocaleString("en-US")}/s | ${ms(b.p50)} | ${ms(b.p95)} | ${ms(b.p99)} | ${ms(b.max)} | — | — |`,
  );
  return [...head, ...baseline, ...rows.map(formatRow)].join("\n");
}

/** The rows as bench figures (for `npm run bench`): p99 with its budget at 96 devices, and throughput. */
export function loadFiguresOf(rows: readonly LoadRow[]): Figure[] {
  return rows.flatMap((r): Figure[] => {
    const name = `${r.devices} devices × ${r.pushesEach} pushes of ${BATCH}${r.shared ? `, ${r.shared} on one account` : ""}`;
    const base = r.shared
      ? undefined
      : ISSUE_BASELINE.find((b) => b.devices === r.devices && b.pushesEach === r.pushesEach);
    const check = r.problems.length === 0 ? "every entry once, totals equal" : `CHECK FAILED: ${r.problems[0]}`;
    const figures: Figure[] = [
      {
        group: `load (${r.store}${r.via === "caddy" ? ", through Caddy" : ""})`,
        name: `${name}: push p99`,
        unit: "ms",
        value: summarize([r.p99]),
        note: `p50 ${fmt(r.p50)}, p95 ${fmt(r.p95)}, max ${fmt(r.max)} ms; 429s ${r.throttled}; ${check}${base ? `; issue baseline p99 ${fmt(base.p99)} ms` : ""}`,
      },
      {
        group: `load (${r.store}${r.via === "caddy" ? ", through Caddy" : ""})`,
        name: `${name}: entries/s`,
        unit: "/s",
        value: summarize([r.perSecond]),
        note: base ? `issue baseline ${fmt(base.perSecond)}/s` : undefined,
      },
    ];
    const p99 = figures[0] as Figure;
    if (r.devices >= 96) p99.budget = { limit: 500, kind: "max", text: "≤ 500 ms" };
    return figures;
  });
}

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** The shapes asked for on the command line (`--devices 24,96 --pushes 10`), or the issue's three. */
export function shapesFrom(argv: readonly string[]): LoadShape[] {
  const devices = option(argv, "devices");
  if (devices === undefined) return [...DEFAULT_SHAPES];
  const pushes = option(argv, "pushes");
  const shared = Number(option(argv, "shared") ?? 0);
  return devices.split(",").map((d) => {
    const n = Number(d);
    // Like the issue: 48,000 entries in all unless a number of pushes each is given.
    const pushesEach = pushes ? Number(pushes) : Math.max(1, Math.round(48_000 / BATCH / n));
    return { devices: n, pushesEach, shared: Math.min(shared, n) };
  });
}

/** `node bench/load.mjs [--devices 24,96] [--pushes N] [--shared N] [--store sqlite|postgres|both]`: prints the table. */
export async function runLoad(argv: readonly string[]): Promise<number> {
  const shapes = shapesFrom(argv);
  const wanted = option(argv, "store") ?? (process.env.BENCH_DATABASE_URL ? "both" : "sqlite");
  const stores: LoadRow["store"][] = wanted === "both" ? ["sqlite", "postgres"] : [wanted as LoadRow["store"]];
  const rows: LoadRow[] = [];
  const via: LoadVia = option(argv, "via") === "caddy" ? "caddy" : "direct";
  if (via === "caddy" && !hasCaddy()) throw new Error(`--via caddy: ${CADDY} is not installed`);
  for (const store of stores) rows.push(...(await loadRows(store, shapes, (l) => console.log(l), via)));
  console.log(`\n${loadTable(rows)}\n`);
  return rows.some((r) => r.problems.length > 0) ? 1 : 0;
}
