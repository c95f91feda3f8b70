/**
 * The server-side figures: GET /api/v1/totals over 100,000 and 1,000,000 entries from the real
 * built server (beside GET /auth/me, the cheapest signed-in request, as the floor), its memory
 * with them loaded (beside an empty ledger), and the store-level ingest rate while loading.
 *
 * The ledger is loaded through the server's own push path without HTTP (`applyPush`, which the
 * push route runs: the same validation, rules and maintained cells, in batches of 500 like the
 * protocol), with the server stopped; then the server is started on
 * that data folder and measured. HTTP pushes would take minutes here only because of the
 * push throttle (10 pushes a second per device, 40 per user).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DATABASE_FILE } from "../../server/bootstrap";
import { Catalog } from "../../server/catalog";
import { openSqliteStore } from "../../server/store/sqlite";
import { applyPush } from "../../server/sync/push";
import { ApiClient } from "../lib/api-client";
import { bareInsertLoop } from "../lib/bare-sqlite";
import { freePort, ServerProcess } from "../lib/server-process";
import { type Figure, type Summary, summarize } from "../lib/stats";
import { EntryMaker } from "../page/data";

const BATCH = 500;
const MB = 2 ** 20;

/** Entries per timed slice of the load (a sample of the ingest rate). */
const SLICE = 25_000;

/** Load `n` more entries through the push path; answers the ms of each slice of 25,000. */
async function load(file: string, maker: EntryMaker, n: number): Promise<number[]> {
  const store = openSqliteStore(file);
  try {
    const admin = (await store.accounts.users()).find((u) => u.role === "admin");
    if (!admin) throw new Error("no admin in the bench database");
    await store.accounts.claimClient("bench-loader", admin.id, new Date().toISOString());
    const view = await new Catalog(store).current();
    const perSlice: number[] = [];
    let sliceMs = 0;
    for (let done = 0; done < n; done += BATCH) {
      // Made before the clock starts: making the bench's entries is not the server's work.
      const raws = Array.from({ length: BATCH }, () => maker.next());
      const t0 = performance.now();
      const results = await applyPush(store, view, admin, "bench-loader", raws, new Date().toISOString());
      if (results.some((r) => r.status !== "stored"))
        throw new Error(`load: ${JSON.stringify(results.find((r) => r.status !== "stored"))}`);
      sliceMs += performance.now() - t0;
      if ((done + BATCH) % SLICE === 0) {
        perSlice.push(sliceMs);
        sliceMs = 0;
      }
    }
    return perSlice;
  } finally {
    await store.close();
  }
}

/**
 * The server's own time on pushes over HTTP, with nothing else running on the machine (the bare
 * loop it is compared with runs alone too): a fresh server process, one unmeasured run to warm
 * it up, then `runs` times 10,000 entries in pushes of 500 from a Node client, each run by its own
 * officer (the push throttle must not shape it). Per run: the sum of the push log lines' `ms`
 * (the route's work from its start to the answer, less the wait for the body's bytes), plus the
 * `ms` of folding the run's cells in (`cells folded`: a read of totals ends each run, so the fold
 * the pushes left happens then and is counted with them).
 */
async function httpIngest(runs: number, beforeEachRun: () => Promise<void>): Promise<Summary> {
  const dataDir = mkdtempSync(join(tmpdir(), "stdua-bench-ingest-"));
  const adminPassword = `bench-${randomBytes(6).toString("hex")}`;
  const server = new ServerProcess({ port: await freePort(), dataDir, adminPassword });
  const logged = new Map<string, number>();
  let foldMs = 0;
  server.onLog((line) => {
    if (line.msg === "push") logged.set(String(line.userId), (logged.get(String(line.userId)) ?? 0) + Number(line.ms));
    // A fold a push set off is in that push's `ms` already.
    if (line.msg === "cells folded" && line.trigger !== "push") foldMs += Number(line.ms);
  });
  try {
    await server.start();
    const admin = new ApiClient(server.url);
    await admin.login("admin", adminPassword);
    const password = `pw-${randomBytes(6).toString("hex")}`;
    const maker = new EntryMaker(5151);
    const push = async (username: string, batches: number): Promise<number> => {
      const userId = await admin.createUser({ username, name: username, role: "officer", unitIds: ["lct"], password });
      const client = new ApiClient(server.url);
      await client.login(username, password);
      const foldedBefore = foldMs;
      for (let i = 0; i < batches; i++) {
        const entries = Array.from({ length: BATCH }, () => maker.next());
        const r = await client.request("POST", "/sync/push", { clientId: `ingest-${username}`, entries });
        if (r.status !== 200) throw new Error(`ingest push: ${r.status}`);
      }
      // A supervisor reads totals: the pushed entries' cells are folded in now, and counted here.
      const totals = await client.request("GET", "/totals?campaignId=laichau-2023");
      if (totals.status !== 200) throw new Error(`ingest totals: ${totals.status}`);
      await new Promise((res) => setTimeout(res, 200)); // the last log lines
      return (logged.get(userId) ?? Number.NaN) + (foldMs - foldedBefore);
    };
    // Warm up with a run like the measured ones, so they measure a server whose code is compiled.
    await push("ingest-warm-up", 10_000 / BATCH);
    const ms: number[] = [];
    for (let r = 0; r < runs; r++) {
      await beforeEachRun();
      ms.push(await push(`ingest-${r}`, 10_000 / BATCH));
    }
    return summarize(ms);
  } finally {
    // SIGTERM when profiled (BENCH_SERVER_FLAGS="--cpu-prof …"): Node writes the profile at a clean exit.
    await server.stop(process.env.BENCH_SERVER_FLAGS ? "SIGTERM" : "SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `samples` timed GETs (after a few unmeasured ones). */
async function timeGets(client: ApiClient, path: string, samples: number): Promise<Summary> {
  for (let i = 0; i < 3; i++) await client.request("GET", path);
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const r = await client.request("GET", path);
    out.push(performance.now() - t0);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status}`);
  }
  return summarize(out);
}

/** The bare loop's rate (one transaction) of the last ingest run, the floor of the store-level rows. */
let lastBareRate: Summary | undefined;

/** A rate summary from a summary of ms for `n` entries (the slowest run is the lowest rate). */
const rateOf = (n: number, ms: Summary): Summary => ({
  n: ms.n,
  median: n / (ms.median / 1000),
  min: n / (ms.max / 1000),
  max: n / (ms.min / 1000),
  p95: n / (ms.max / 1000),
});

/**
 * The budget row (DESIGN §5, §7 "Ingest floor"): the server's own time on 10,000 entries pushed
 * over HTTP in pushes of 500, beside a bare prepared insert loop committing every 500 rows with
 * the server's durability (synchronous = FULL: a WAL sync per commit, as each push's answer
 * waits for one); budget ≥ 50 %. The loop in one transaction is printed beside it, as before.
 * Both sides: a run of each to warm up, then at least 9 measured runs (each well under a second;
 * the machine's noise is large beside one push's ~3 ms), taken in turns, so a slow spell of the
 * machine falls on both sides alike. `--only ingest` runs these rows alone.
 */
export async function ingestFigures(runs: number): Promise<Figure[]> {
  const ingestRuns = Math.max(9, runs);
  // What the earlier work left for the disk (the 1,000,000-entry file, the browser suite's
  // IndexedDB) is written out first: its write-back would otherwise slow these runs' syncs.
  execFileSync("sync");
  await bareInsertLoop(10_000, 1, BATCH);
  await bareInsertLoop(10_000, 1);
  const per500Ms: number[] = [];
  const oneTxMs: number[] = [];
  const ingestMs = await httpIngest(ingestRuns, async () => {
    per500Ms.push(...(await bareInsertLoop(10_000, 1, BATCH)));
    oneTxMs.push(...(await bareInsertLoop(10_000, 1)));
  });
  const per500 = rateOf(10_000, summarize(per500Ms));
  const oneTx = rateOf(10_000, summarize(oneTxMs));
  lastBareRate = oneTx;
  const value = rateOf(10_000, ingestMs);
  const name = "entries/s, the push route's own time, 10,000 in pushes of 500";
  const note = "built server alone on the machine, Node client; push and cell-fold log ms summed";
  return [
    {
      group: "server ingest (HTTP)",
      name,
      unit: "/s",
      value,
      floor: { name: "bare loop, commit per 500", value: per500 },
      budget: { limit: 0.5 * per500.median, kind: "min", text: "≥ 50 % of the floor" },
      note,
    },
    {
      group: "server ingest (HTTP)",
      name: `${name}, beside the loop in one transaction`,
      unit: "/s",
      value,
      floor: { name: "bare SQLite insert loop", value: oneTx },
      note: "for comparison with earlier runs (the budget row's floor pays a WAL sync per 500 rows, as the server does)",
    },
  ];
}

/** Entries per second from ms per slice. */
const ratePerSlice = (ms: readonly number[]) => summarize(ms.map((m) => SLICE / (m / 1000)));

/** The server suite. */
export async function serverFigures(runs: number): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), "stdua-bench-server-"));
  const adminPassword = `bench-${randomBytes(6).toString("hex")}`;
  const server = new ServerProcess({ port: await freePort(), dataDir, adminPassword });
  const file = join(dataDir, DATABASE_FILE);
  const samples = Math.max(20, runs * 4);
  const totalsPath = "/totals?campaignId=laichau-2023";
  try {
    // The empty server: migrated, seeded, one admin; its memory is the floor.
    await server.start();
    let admin = new ApiClient(server.url);
    await admin.login("admin", adminPassword);
    const emptyRss: number[] = [];
    for (let i = 0; i < 3; i++) {
      await timeGets(admin, totalsPath, 5);
      emptyRss.push(((await server.rss()) ?? 0) / MB);
    }
    await server.stop();

    const maker = new EntryMaker(4242);
    const figures: Figure[] = [];
    const ingest: number[] = [];
    for (const [size, add] of [
      ["100,000", 100_000],
      ["1,000,000", 900_000],
    ] as const) {
      ingest.push(...(await load(file, maker, add)));
      await server.start();
      admin = new ApiClient(server.url);
      await admin.login("admin", adminPassword);
      const rss: number[] = [];
      const sampleRss = async () => rss.push(((await server.rss()) ?? 0) / MB);
      const totals = await timeGets(admin, totalsPath, samples);
      await sampleRss();
      const phase = await timeGets(admin, `${totalsPath}&phaseId=dot-2&unitId=tam-duong`, samples);
      await sampleRss();
      const me = await timeGets(admin, "/auth/me", samples);
      await sampleRss();
      await server.stop();
      figures.push(
        {
          group: "server totals",
          name: `${size} entries`,
          unit: "ms",
          value: totals,
          floor: { name: "GET /auth/me", value: me },
          budget: size === "1,000,000" ? { limit: 50, kind: "max", text: "≤ 50 ms" } : undefined,
          note: "GET /api/v1/totals, whole year, admin scope",
        },
        {
          group: "server totals",
          name: `${size} entries, one phase and district`,
          unit: "ms",
          value: phase,
          floor: { name: "GET /auth/me", value: me },
        },
        {
          group: "server memory",
          name: `RSS with ${size} entries`,
          unit: "MB",
          value: summarize(rss),
          floor: { name: "empty ledger", value: summarize(emptyRss) },
          note: `database file ${Math.round(statSync(file).size / MB)} MB`,
        },
      );
    }
    figures.push(...(await ingestFigures(runs)));
    figures.push(
      {
        group: "server ingest (store)",
        name: "first 100,000",
        unit: "/s",
        value: ratePerSlice(ingest.slice(0, 100_000 / SLICE)),
        floor: { name: "bare SQLite insert loop", value: lastBareRate ?? summarize([Number.NaN]) },
        note: "push path without HTTP, batches of 500, each 25,000",
      },
      {
        group: "server ingest (store)",
        name: "up to 1,000,000",
        unit: "/s",
        value: ratePerSlice(ingest.slice(100_000 / SLICE)),
        floor: { name: "bare SQLite insert loop", value: lastBareRate ?? summarize([Number.NaN]) },
        note: "each 25,000 from 100,000 to 1,000,000",
      },
    );
    return figures;
  } finally {
    await server.stop("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
}
