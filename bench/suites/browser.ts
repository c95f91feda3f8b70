/**
 * The browser-side figures, in real Chromium IndexedDB through the bench page (bench/page/),
 * served by the real built server so the page's API calls are same-origin:
 * - saving an entry (saveEntry to durable, and to first in the ledger's query) on ledgers of
 *   10,000 and 100,000 entries, beside a bare strict-durability put;
 * - local totals (localTotals over the maintained cells) at 10,000 and 100,000, beside a raw
 *   cursor scan and a raw getAll + reduce of the same entries;
 * - pushing 1,000 and 10,000 queued entries through the app's drainOutbox to the server, beside
 *   the same entries POSTed from memory and a bare better-sqlite3 insert loop; and the server's
 *   own ingest rate, from its push log lines, beside that loop.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ApiClient } from "../lib/api-client";
import { bareInsertLoop } from "../lib/bare-sqlite";
import { launch } from "../lib/chromium";
import { freePort, ROOT, ServerProcess } from "../lib/server-process";
import { type Figure, type Summary, summarize } from "../lib/stats";
import type { BenchApi } from "../page/main";

type W = { bench: BenchApi };
const LEDGER = "bench-ledger";
const SAVES_PER_ROUND = 40;

/** Timings of saving, totals and scans on a ledger of the page's current size. */
async function ledgerFigures(page: Page, size: string, runs: number): Promise<Figure[]> {
  const totals = await page.evaluate((n) => (window as unknown as W).bench.totals(n), runs * 2);
  const cursor = await page.evaluate(([n, name]) => (window as unknown as W).bench.cursorScan(n, name), [
    runs,
    LEDGER,
  ] as const);
  const getAll = await page.evaluate(([n, name]) => (window as unknown as W).bench.getAllReduce(n, name), [
    runs,
    LEDGER,
  ] as const);
  const save: number[] = [];
  const shown: number[] = [];
  for (let r = 0; r < 3; r++) {
    const s = await page.evaluate((n) => (window as unknown as W).bench.saves(n, "bench-owner"), SAVES_PER_ROUND);
    save.push(...s.save);
    shown.push(...s.shown);
  }
  const bare = summarize(await page.evaluate((n) => (window as unknown as W).bench.barePuts(n), 3 * SAVES_PER_ROUND));
  const entries = `${size} entries`;
  return [
    {
      group: "local totals",
      name: entries,
      unit: "ms",
      value: summarize(totals),
      floor: { name: "raw getAll+reduce", value: summarize(getAll) },
      budget: size === "100,000" ? { limit: 100, kind: "max", text: "≤ 100 ms" } : undefined,
    },
    { group: "raw cursor scan", name: entries, unit: "ms", value: summarize(cursor) },
    { group: "raw getAll+reduce", name: entries, unit: "ms", value: summarize(getAll) },
    {
      group: "save",
      name: `p95, ledger of ${size}`,
      unit: "ms",
      stat: "p95",
      value: summarize(shown),
      floor: { name: "bare strict put", value: bare },
      budget: { limit: 50, kind: "max", text: "≤ 50 ms" },
      note: "saveEntry → first in the ledger query",
    },
    {
      group: "save",
      name: `median, ledger of ${size}`,
      unit: "ms",
      value: summarize(shown),
      floor: { name: "bare strict put", value: bare },
    },
    {
      group: "save",
      name: `saveEntry durable only, median, ledger of ${size}`,
      unit: "ms",
      value: summarize(save),
      floor: { name: "bare strict put", value: bare },
    },
  ];
}

/** Saving and totals on ledgers of 10,000 and 100,000 entries, and totals with 10,000 unsent. */
async function ledgerRows(page: Page, runs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  await page.evaluate(([name]) => (window as unknown as W).bench.fresh(name, 10_000, "bench-owner", "synced", 7), [
    LEDGER,
  ] as const);
  figures.push(...(await ledgerFigures(page, "10,000", runs)));
  await page.evaluate(() => (window as unknown as W).bench.grow(90_000 - 3 * 40, "bench-owner", "synced"));
  figures.push(...(await ledgerFigures(page, "100,000", runs)));
  // An officer offline for weeks: the overview also splits sent from unsent.
  await page.evaluate(() => (window as unknown as W).bench.grow(10_000, "bench-owner", "pending"));
  const unsent = await page.evaluate((n) => (window as unknown as W).bench.totals(n), runs * 2);
  figures.push({
    group: "local totals",
    name: "110,000 entries, 10,000 unsent",
    unit: "ms",
    value: summarize(unsent),
    budget: { limit: 100, kind: "max", text: "≤ 100 ms" },
  });
  return figures;
}

/** Push `n` queued entries end to end, `runs` times, each from a fresh device database. */
async function pushRuns(
  page: Page,
  server: ServerProcess,
  n: number,
  runs: number,
  signIn: (run: number) => Promise<string>,
) {
  const ms: number[] = [];
  const serverMs: number[] = [];
  let pushMs = 0;
  let userId = "";
  server.onLog((line) => {
    if (line.msg === "push" && line.userId === userId) pushMs += Number(line.ms);
    // The cells a push leaves to be folded in are its work too (server/store/sqlite-cells.ts).
    if (line.msg === "cells folded" && line.trigger !== "push") pushMs += Number(line.ms); // else in the push's ms
  });
  for (let r = 0; r < runs; r++) {
    userId = await signIn(r);
    await page.evaluate(
      ([name, count, owner, seed]) => (window as unknown as W).bench.fresh(name, count, owner, "pending", seed),
      [`bench-push-${n}-${r}`, n, userId, 1_000 * n + r] as const,
    );
    const before = pushMs;
    const drain = () =>
      page.evaluate(([owner, client]) => (window as unknown as W).bench.drain(owner, client), [
        userId,
        `bench-client-${n}-${r}`,
      ] as const);
    const out = r === 0 ? await profiled(page, `push-${n}`, drain) : await drain();
    if (out.outcome !== `done ${n}/0`) throw new Error(`push of ${n}: ${out.outcome}`);
    ms.push(out.ms);
    // A read of totals folds the pushed entries' cells now, so their fold is counted in this run.
    await page.evaluate(() => fetch("/api/v1/totals?campaignId=laichau-2023").then((r) => r.text()));
    await new Promise((res) => setTimeout(res, 200)); // the log lines of the last push and the fold
    serverMs.push(pushMs - before);
  }
  return { ms: summarize(ms), serverMs: summarize(serverMs) };
}

/** Entries per second from a time summary for `n` entries (median of rates, min/max swapped). */
function rate(n: number, s: Summary): Summary {
  return {
    n: s.n,
    median: (n / s.median) * 1000,
    min: (n / s.max) * 1000,
    max: (n / s.min) * 1000,
    p95: (n / s.max) * 1000,
  };
}

/** Entries carried in the handover figures. */
const HANDOVER_N = 5_000;

/**
 * Run `work`; with BENCH_PAGE_PROFILE=<folder>, under the page's CPU profiler, written to
 * `<folder>/<name>.cpuprofile` (DevTools' Performance panel, or `node scripts/profile-top.mjs`).
 */
async function profiled<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PAGE_PROFILE;
  if (!dir) return work();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  const out = await work();
  const { profile } = await cdp.send("Profiler.stop");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  await cdp.detach();
  return out;
}

/**
 * The browser suite; without `ledger` (the `push` suite) only the push and handover rows, which
 * need no 100,000-entry ledger and take a fraction of the time.
 */
export async function browserFigures(runs: number, { ledger = true }: { ledger?: boolean } = {}): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), "stdua-bench-browser-"));
  const adminPassword = `bench-${randomBytes(6).toString("hex")}`;
  const server = new ServerProcess({
    port: await freePort(),
    dataDir,
    adminPassword,
    distDir: join(ROOT, ".tmp", "bench-page"),
  });
  const browser = await launch();
  try {
    await server.start();
    const admin = new ApiClient(server.url);
    await admin.login("admin", adminPassword);
    const password = `pw-${randomBytes(6).toString("hex")}`;
    // One user per run: the push throttle (a burst of 60 pushes per user, then 10 a second)
    // must not shape a measurement.
    const users = ["bench-steps"];
    await admin.createUser({
      username: "bench-supervisor",
      name: "bench",
      role: "supervisor",
      unitIds: ["lct"],
      password,
    });
    for (let r = 0; r < runs; r++) users.push(`bench-1k-${r}`, `bench-10k-${r}`, `bench-raw-${r}`);
    for (const username of users) {
      await admin.createUser({ username, name: username, role: "officer", unitIds: ["lct"], password });
    }
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => document.getElementById("state")?.textContent === "ready");

    const figures: Figure[] = [];
    if (ledger) figures.push(...(await ledgerRows(page, runs)));

    const login = (u: string) =>
      page.evaluate(([name, pw]) => (window as unknown as W).bench.login(name, pw), [u, password] as const);
    const push1k = await pushRuns(page, server, 1_000, runs, (r) => login(`bench-1k-${r}`));
    const push10k = await pushRuns(page, server, 10_000, runs, (r) => login(`bench-10k-${r}`));
    const raw: number[] = [];
    for (let r = 0; r < runs; r++) {
      await login(`bench-raw-${r}`);
      const out = await page.evaluate(
        ([client, seed]) => (window as unknown as W).bench.rawPost(10_000, client, seed),
        [`bench-raw-${r}`, 50_000 + r] as const,
      );
      if (out.stored !== 10_000) throw new Error(`raw post stored ${out.stored}`);
      raw.push(out.ms);
    }
    // One more 10,000 drain, step by step, to say where the end-to-end time goes.
    const stepsUser = await login("bench-steps");
    await page.evaluate(
      ([owner]) => (window as unknown as W).bench.fresh("bench-push-steps", 10_000, owner, "pending", 77),
      [stepsUser] as const,
    );
    const steps = await page.evaluate(([owner]) => (window as unknown as W).bench.drainSteps(owner, "bench-steps"), [
      stepsUser,
    ] as const);
    // Handover without a data network: 5,000 unsent entries through a file, on two devices and the server.
    await login("bench-supervisor");
    const handovers: {
      bytes: number;
      exportMs: number;
      importMs: number;
      readMs: number;
      bareWriteMs: number;
      uploadMs: number;
      stored: number;
      uploaded: number;
    }[] = [];
    for (let r = 0; r < runs; r++) {
      const run = () =>
        page.evaluate(([seed, n]) => (window as unknown as W).bench.handover(n, "bench-officer", seed), [
          900 + r,
          HANDOVER_N,
        ] as const);
      handovers.push(r === 0 ? await profiled(page, "handover", run) : await run());
    }
    if (handovers.some((h) => h.stored !== HANDOVER_N || h.uploaded !== HANDOVER_N))
      throw new Error(`handover: ${JSON.stringify(handovers)}`);
    const fileKb = (handovers[0]?.bytes ?? 0) / 1024;
    figures.push(
      {
        group: "handover",
        name: `export ${HANDOVER_N.toLocaleString("en-US")} unsent entries to a file`,
        unit: "ms",
        value: summarize(handovers.map((h) => h.exportMs)),
        note: `file ${fileKb.toFixed(0)} KB, checksum included`,
      },
      {
        group: "handover",
        name: `import the file on a second device`,
        unit: "ms",
        value: summarize(handovers.map((h) => h.importMs)),
        floor: { name: "the server's upload of the file", value: summarize(handovers.map((h) => h.uploadMs)) },
        budget: { limit: 3, kind: "max", ratio: true, text: "≤ 3× floor" },
        note: "verify + push rules, one transaction",
      },
      {
        group: "handover",
        name: `of which reading and verifying the file`,
        unit: "ms",
        value: summarize(handovers.map((h) => h.readMs)),
        note: "JSON.parse, the schema, the SHA-256 checksum",
      },
      {
        group: "handover",
        name: `the rows the import wrote, by bare IndexedDB puts`,
        unit: "ms",
        value: summarize(handovers.map((h) => h.bareWriteMs)),
        note: "ledger rows and outbox pages into an empty database of the same schema, one strict transaction: the phone's floor",
      },
      {
        group: "handover",
        name: `upload the file to the server`,
        unit: "ms",
        value: summarize(handovers.map((h) => h.uploadMs)),
        note: "POST /api/v1/sync/import, one transaction",
      },
    );
    const bare1k = summarize(await bareInsertLoop(1_000, runs));
    const bare10k = summarize(await bareInsertLoop(10_000, runs));
    const bareRate = rate(10_000, bare10k);
    const bare500 = rate(10_000, summarize(await bareInsertLoop(10_000, runs, 500)));
    figures.push(
      {
        group: "push",
        name: "1,000 entries, end to end",
        unit: "ms",
        value: push1k.ms,
        floor: { name: "bare SQLite insert loop", value: bare1k },
      },
      {
        group: "push",
        name: "10,000 entries, end to end",
        unit: "ms",
        value: push10k.ms,
        floor: { name: "the same POSTed from memory", value: summarize(raw) },
        budget: { limit: 1.5, kind: "max", ratio: true, text: "≤ 1.5× floor" },
        note:
          `${Math.round(10_000 / (push10k.ms.median / 1000)).toLocaleString("en-US")} entries/s via drainOutbox; ` +
          `by step: read batches ${Math.round(steps.read ?? 0)} ms, HTTP ${Math.round(steps.http ?? 0)} ms, ` +
          `apply answers ${Math.round(steps.apply ?? 0)} ms`,
      },
      {
        group: "push",
        name: "10,000 entries POSTed from memory (no IndexedDB)",
        unit: "ms",
        value: summarize(raw),
        floor: { name: "bare SQLite insert loop", value: bare10k },
      },
      {
        group: "server ingest (beside Chromium)",
        name: "entries/s, server time of the end-to-end 10,000 pushes",
        unit: "/s",
        value: rate(10_000, push10k.serverMs),
        floor: { name: "bare SQLite insert loop", value: bareRate },
        note: "push and cell-fold log ms summed, while Chromium's IndexedDB shares the 2 cores (budget row: server suite)",
      },
      {
        group: "server ingest (beside Chromium)",
        name: "the same, beside a bare loop committing every 500 rows",
        unit: "/s",
        value: rate(10_000, push10k.serverMs),
        floor: { name: "bare loop, commit per 500", value: bare500 },
        note: "the protocol commits each push durably: this floor pays the same syncs",
      },
    );
    return figures;
  } finally {
    await browser.close();
    await server.stop("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
}
