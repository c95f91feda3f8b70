/**
 * `npm run chaos`: fault injection against the real built server.
 *
 *   npm run chaos -- --devices 10 --entries 2000 --minutes 3 --seed 42
 *   (--json prints the verdict as JSON too; --keep keeps the data folder; --clock-jumps lets
 *   device clocks jump backwards, which exposes the outbox ordering bug noted in device.ts)
 *
 * Starts dist-server/main.js on a fresh data folder, creates one officer per device, puts the
 * fault proxy in front of the server and starts the devices (workers running the app's own
 * db and sync code). While they create entries and corrections, the proxy spoils requests, the
 * server is SIGKILLed mid-push and restarted, sessions are ended server-side and devices reload
 * mid-sync. Then the faults stop, every device syncs until nothing is pending, and verify.ts
 * compares the server with the devices. Prints the summary; exits 1 on any loss or double
 * count (2 when the run itself broke). The seed is printed first, so any run can be replayed.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { campaign, units } from "../../src/db/seed-data";
import { UnitTree } from "../../src/domain/units";
import { ApiClient } from "../lib/api-client";
import { Rng } from "../lib/rng";
import { freePort, ServerProcess } from "../lib/server-process";
import { ServerKiller, SessionRevoker } from "./disruptions";
import { FaultProxy } from "./fault-proxy";
import { makeLoadAccounts, runLoadClients } from "./load-clients";
import type { DeviceConfig, DeviceStats, FromDevice } from "./protocol";
import { printSummary } from "./summary";
import { checkApiTotals, checkLedger, type DeviceReport } from "./verify";

type Options = {
  devices: number;
  entries: number;
  minutes: number;
  seed: number;
  json: boolean;
  keep: boolean;
  clockJumps: boolean;
  /** Plain load clients pushing batches of 50 beside the phones (`load-clients.ts`), and how many batches each. */
  load: number;
  loadBatches: number;
};

function parseArgs(argv: readonly string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, fallback: number) => {
    const v = get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number`);
    return n;
  };
  return {
    devices: Math.floor(num("devices", 10)),
    entries: Math.floor(num("entries", 2000)),
    minutes: num("minutes", 3),
    seed: Math.floor(num("seed", randomBytes(4).readUInt32BE() || 1)),
    json: argv.includes("--json"),
    keep: argv.includes("--keep"),
    clockJumps: argv.includes("--clock-jumps"),
    load: get("load") === undefined ? 0 : Math.floor(num("load", 0)),
    loadBatches: Math.floor(num("load-batches", 20)),
  };
}

/** The orchestrator's handle on one device worker. */
type Device = { worker: Worker; config: DeviceConfig; userId: string };

/** Wait until every device has sent a message of `type` (or one failed). */
function waitAll(devices: readonly Device[], type: FromDevice["type"], timeoutMs: number): Promise<FromDevice[]> {
  return new Promise((resolve, reject) => {
    const got = new Map<number, FromDevice>();
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${type} (${got.size}/${devices.length})`)),
      timeoutMs,
    );
    for (const d of devices) {
      const on = (m: FromDevice) => {
        if (m.type === "error") {
          clearTimeout(timer);
          reject(new Error(`device ${m.index}: ${m.message}`));
        } else if (m.type === type) {
          got.set(m.index, m);
          d.worker.off("message", on);
          if (got.size === devices.length) {
            clearTimeout(timer);
            resolve([...got.values()]);
          }
        }
      };
      d.worker.on("message", on);
    }
  });
}

/** Run the chaos test; answers the process exit code. */
export async function runChaos(argv: readonly string[]): Promise<number> {
  const opt = parseArgs(argv);
  console.log(`chaos: seed ${opt.seed} · ${opt.devices} devices × ${opt.entries} entries · ${opt.minutes} min`);
  const rng = new Rng(opt.seed);
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), "stdua-chaos-"));
  const adminPassword = `chaos-${randomBytes(8).toString("hex")}`;
  const server = new ServerProcess({ port: await freePort(), dataDir, adminPassword, env: { TRUST_PROXY: "1" } });
  const proxy = new FaultProxy(server.opts.port, rng.fork(1_000));
  const counts = new Map<string, number>();
  const devices: Device[] = [];
  try {
    await server.start();
    const admin = new ApiClient(server.url);
    await admin.login("admin", adminPassword);
    const tree = new UnitTree(units);
    const districts = tree.childrenOf(tree.roots[0]?.id ?? "").map((u) => u.id);
    const users: { id: string; password: string }[] = [];
    for (let i = 0; i < opt.devices; i++) {
      const password = `pw-${randomBytes(6).toString("hex")}`;
      const unitIds = [districts[i % districts.length] as string];
      const id = await admin.createUser({
        username: `chaos-${i}`,
        name: `Thiết bị ${i}`,
        role: "officer",
        unitIds,
        password,
      });
      users.push({ id, password });
    }
    const loadAccounts = await makeLoadAccounts(admin, opt.load);
    const proxyUrl = await proxy.listen();
    const pauseMs = Math.max(5, Math.round((opt.minutes * 60_000) / (opt.entries / 4.5)));
    for (let i = 0; i < opt.devices; i++) {
      const config: DeviceConfig = {
        index: i,
        seed: rng.fork(i).seed,
        proxyUrl,
        username: `chaos-${i}`,
        password: (users[i] as { password: string }).password,
        entries: opt.entries,
        pauseMs,
        reloadChance: 0.08,
        backoffScale: 0.05,
        clockJumps: opt.clockJumps,
      };
      const worker = new Worker(new URL("./device.mjs", import.meta.url), { workerData: { config } });
      devices.push({ worker, config, userId: (users[i] as { id: string }).id });
    }

    const runMs = opt.minutes * 60_000;
    // Several kills and revocations even in a short run; one every few seconds in a long one.
    const every = (lo: number, hi: number, cap: number) =>
      [Math.min(runMs / lo, cap), Math.min(runMs / hi, 2.5 * cap)] as const;
    const killer = new ServerKiller(rng.fork(2_000), counts, server, proxy, every(12, 5, 4_000));
    const revoker = new SessionRevoker(rng.fork(3_000), counts, admin, users, every(15, 6, 3_000));
    killer.start();
    revoker.start();
    // Report day beside the phones: plain clients pushing back to back through the same faults.
    const loading = runLoadClients(loadAccounts, proxyUrl, opt.loadBatches, opt.seed);
    const budget = runMs * 3 + 120_000;
    await waitAll(devices, "created-all", budget);
    await killer.stop();
    await revoker.stop();
    proxy.enabled = false;
    if (!server.running) await server.start();
    console.log(
      `chaos: all entries created after ${((Date.now() - started) / 1000).toFixed(1)} s; faults off, settling`,
    );

    for (const d of devices) d.worker.postMessage({ type: "settle" });
    await waitAll(devices, "settled", 180_000);
    const reportsP = waitAll(devices, "report", 60_000);
    for (const d of devices) d.worker.postMessage({ type: "report" });
    const reports = (await reportsP) as (FromDevice & { type: "report" })[];
    const loadReports = await loading;
    const byIndex: DeviceReport[] = reports.map((r) => ({
      index: r.index,
      userId: r.userId,
      entries: r.entries,
      cells: r.cells,
      unsent: r.unsent,
    }));
    byIndex.push(...loadReports);
    if (opt.load > 0)
      console.log(`chaos: ${opt.load} load clients pushed ${loadReports.flatMap((r) => r.entries).length} entries`);
    const api = await checkApiTotals(admin, campaign, tree, byIndex, districts);
    await server.stop("SIGTERM");
    const ledger = checkLedger(join(dataDir, "so-thi-dua.sqlite"), byIndex);
    const verdict = { ...ledger, totalsChecked: api.checked, totalsMismatches: api.mismatches };
    const stats = reports.map((r) => r.stats as DeviceStats);
    for (const s of stats) {
      if (s.reloads > 0) counts.set("reload", (counts.get("reload") ?? 0) + s.reloads);
    }
    const faults = new Map([...proxy.injected, ...counts]);
    const ok = printSummary({ opt, verdict, stats, faults, seconds: (Date.now() - started) / 1000, json: opt.json });
    return ok ? 0 : 1;
  } catch (err) {
    console.error(
      `chaos: the run broke (seed ${opt.seed}): ${err instanceof Error ? (err.stack ?? err.message) : err}`,
    );
    console.error(server.log.slice(-10).join("\n"));
    return 2;
  } finally {
    await Promise.all(devices.map((d) => d.worker.terminate()));
    await proxy.close().catch(() => {});
    await server.stop("SIGKILL");
    if (!opt.keep) rmSync(dataDir, { recursive: true, force: true });
    else console.log(`chaos: data kept in ${dataDir}`);
  }
}
