/**
 * Bytes on the wire (DESIGN §5, §7 "Budgets that stay absolute"), counted at a TCP proxy in front
 * of the real built server, so they are the bytes the server sends (compressed, headers included),
 * the service worker's precache included:
 * - a cold visit by a fresh Chromium to a usable sign-in screen (≤ 70 KB);
 * - the same visit until the service worker is active and controls the page, i.e. the whole
 *   offline install (≤ 200 KB);
 * - signing in to a usable overview; a push of 500 entries as the app sends it (gzipped; in the
 *   full bench, 500 entries queued in the app's outbox and drained by its own code); the first
 *   pull (every page) of a district officer with 5,000 entries in scope.
 * `quick` (in `npm test`) takes the first two and one push, unthrottled; the full bench runs each
 * again through a proxy holding the link to 2G (250 kbit/s down, 50 kbit/s up, 300 ms RTT) and
 * times them (the cold visit to sign-in: ≤ 5 s).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { encodeBody } from "../../src/sync/api";
import { PHONE } from "../../tests/e2e/support/browser";
import { ApiClient } from "../lib/api-client";
import { launch } from "../lib/chromium";
import { freePort, ROOT, ServerProcess } from "../lib/server-process";
import { type Figure, summarize } from "../lib/stats";
import { type Link, TWO_G, WireProxy } from "../lib/wire-proxy";
import { OVERVIEW_READY } from "./cold-start";

const KB = 1024;
const SIGN_IN_READY = "form #username";
const PASSWORD = "wire-bench-password-1";
const OFFICER = "wire-officer";

/** A figure of one sample. */
function one(group: string, name: string, unit: string, value: number, extra: Partial<Figure> = {}): Figure {
  return { group, name, unit, value: summarize([value]), ...extra };
}

/** The built server with an officer of Tam Đường; `close()` stops it and removes its data. */
async function startServer(): Promise<{ server: ServerProcess; admin: ApiClient; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(ROOT, ".tmp", "wire-data-"));
  const server = new ServerProcess({ port: await freePort(), dataDir, adminPassword: PASSWORD });
  await server.start();
  const admin = new ApiClient(server.url);
  await admin.login("admin", PASSWORD);
  await admin.createUser({
    username: OFFICER,
    name: "Cán bộ Tam Đường",
    role: "officer",
    unitIds: ["tam-duong"],
    password: PASSWORD,
  });
  return {
    server,
    admin,
    close: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Record, in the page, `performance.now()` at the first frame after `selector` appears. */
function watchFor(selector: string): void {
  const w = window as unknown as { __usable?: number };
  const check = () => {
    if (w.__usable !== undefined || !document.querySelector(selector)) return;
    obs.disconnect();
    requestAnimationFrame(() => {
      w.__usable = performance.now();
    });
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { childList: true, subtree: true });
}

/** When the watched selector appeared, and the bytes (transferSize: headers and body as sent) of what had arrived by then. */
async function usable(page: Page): Promise<{ ms: number; bytes: number; files: string[] }> {
  const handle = await page.waitForFunction(() => (window as unknown as { __usable?: number }).__usable, undefined, {
    timeout: 120_000,
  });
  const ms = (await handle.jsonValue()) as number;
  return page.evaluate((t) => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const arrived = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter(
      (r) => r.responseEnd > 0 && r.responseEnd <= t,
    );
    return {
      ms: t,
      bytes: (nav?.transferSize ?? 0) + arrived.reduce((sum, r) => sum + r.transferSize, 0),
      files: arrived.map((r) => new URL(r.name).pathname.replace(/^\/assets\//, "")),
    };
  }, ms);
}

type Visit = {
  signInMs: number;
  signInBytes: number;
  signInFiles: string[];
  installMs: number;
  installBytes: number;
  overviewMs?: number;
  overviewBytes?: number;
  acceptEncoding: string;
};

/** A fresh browser's first visit through a proxy on `link`: sign-in usable, install done, optionally sign in. */
async function visit(port: number, link: Link | undefined, signIn: boolean): Promise<Visit> {
  const proxy = new WireProxy(port, link);
  const url = await proxy.listen();
  const browser = await launch();
  try {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    let acceptEncoding = "";
    page.on("request", (r) => {
      if (!acceptEncoding) void r.allHeaders().then((h) => (acceptEncoding ||= h["accept-encoding"] ?? ""));
    });
    await page.addInitScript(watchFor, SIGN_IN_READY);
    const t0 = performance.now();
    await page.goto(url, { waitUntil: "commit", timeout: 120_000 });
    const { ms: signInMs, bytes: signInBytes, files: signInFiles } = await usable(page);
    // Installed means offline-ready: the worker active and in control of this page (it claims the
    // page on activation). Waiting for `ready` alone raced the claim, so the sign-in after it got
    // the overview's files from the network in some visits and from the precache in others.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });
    const installMs = performance.now() - t0;
    const installBytes = proxy.bytes.down;
    const out: Visit = { signInMs, signInBytes, signInFiles, installMs, installBytes, acceptEncoding };
    if (signIn) {
      proxy.reset();
      const s0 = performance.now();
      await page.fill("#username", OFFICER);
      await page.fill("#password", PASSWORD);
      await page.click("button[type=submit]");
      await page.waitForSelector(OVERVIEW_READY, { timeout: 120_000 });
      out.overviewMs = performance.now() - s0;
      out.overviewBytes = proxy.bytes.down;
    }
    return out;
  } finally {
    await browser.close();
    await proxy.close();
  }
}

/** `n` valid entries of Tam Đường's grassroots unions. */
function entries(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    campaignId: "laichau-2023",
    partId: "t1-1",
    unitId: `tam-duong-0${1 + (i % 4)}`,
    date: `2023-0${1 + (i % 9)}-1${i % 9}`,
    quantity: 1 + (i % 5),
    ...(i % 4 === 0 ? { note: `Kết nạp đoàn viên mới, đợt ${i}` } : {}),
    createdAt: new Date(Date.UTC(2023, 8, 1, 0, 0, i)).toISOString(),
  }));
}

/** Sign in as the officer through `base`; answers the cookie. */
async function officerCookie(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: OFFICER, password: PASSWORD }),
  });
  await res.arrayBuffer();
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/** One push of 500 entries through `link`, encoded as the app encodes it: ms and bytes each way. */
async function pushThrough(port: number, link: Link | undefined) {
  const proxy = new WireProxy(port, link);
  const url = await proxy.listen();
  try {
    const cookie = await officerCookie(url);
    const encoded = await encodeBody(JSON.stringify({ clientId: randomUUID(), entries: entries(500) }));
    proxy.reset();
    const t0 = performance.now();
    const res = await fetch(`${url}/api/v1/sync/push`, {
      method: "POST",
      body: encoded.body,
      headers: { ...encoded.headers, cookie, "accept-encoding": "br, gzip" },
    });
    const answer = (await res.json()) as { results: { status: string }[] };
    if (!res.ok || answer.results.some((r) => r.status !== "stored")) throw new Error(`push: ${res.status}`);
    return { ms: performance.now() - t0, ...proxy.bytes };
  } finally {
    await proxy.close();
  }
}

/** Every page of a first pull through `link`: ms, bytes down, entries. */
async function pullThrough(port: number, link: Link | undefined) {
  const proxy = new WireProxy(port, link);
  const url = await proxy.listen();
  try {
    const cookie = await officerCookie(url);
    proxy.reset();
    const t0 = performance.now();
    let since: string | undefined;
    let count = 0;
    for (;;) {
      const q = since ? `?since=${encodeURIComponent(since)}` : "";
      const res = await fetch(`${url}/api/v1/sync/pull${q}`, { headers: { cookie, "accept-encoding": "br, gzip" } });
      const page = (await res.json()) as { entries: unknown[]; cursor: string; hasMore: boolean };
      count += page.entries.length;
      since = page.cursor;
      if (!page.hasMore) break;
    }
    return { ms: performance.now() - t0, down: proxy.bytes.down, count };
  } finally {
    await proxy.close();
  }
}

type BenchPage = {
  bench: {
    login(u: string, p: string): Promise<string>;
    fresh(name: string, n: number, owner: string, state: "pending", seed: number): Promise<number>;
    drain(owner: string, client: string): Promise<{ ms: number; outcome: string }>;
  };
};

/**
 * 500 entries queued in the app's own outbox (the bench page: the app's src/db and src/sync on
 * the real server), drained by `drainOutbox` through a proxy on `link`: ms, bytes each way.
 */
async function queuedPushes(link: Link, runs: number) {
  const dataDir = mkdtempSync(join(ROOT, ".tmp", "wire-page-"));
  const server = new ServerProcess({
    port: await freePort(),
    dataDir,
    adminPassword: PASSWORD,
    distDir: join(ROOT, ".tmp", "bench-page"),
  });
  const browser = await launch();
  let proxy: WireProxy | undefined;
  try {
    await server.start();
    const admin = new ApiClient(server.url);
    await admin.login("admin", PASSWORD);
    await admin.createUser({ username: OFFICER, name: "bench", role: "officer", unitIds: ["lct"], password: PASSWORD });
    proxy = new WireProxy(server.opts.port, link);
    const url = await proxy.listen();
    const page = await browser.newPage();
    await page.goto(`${url}/`, { timeout: 120_000 });
    await page.waitForFunction(() => document.getElementById("state")?.textContent === "ready", undefined, {
      timeout: 120_000,
    });
    const userId = await page.evaluate(([u, p]) => (window as unknown as BenchPage).bench.login(u, p), [
      OFFICER,
      PASSWORD,
    ] as const);
    const out: { ms: number; up: number; down: number }[] = [];
    for (let r = 0; r < runs; r++) {
      await page.evaluate(
        ([owner, seed]) => (window as unknown as BenchPage).bench.fresh(`wire-${seed}`, 500, owner, "pending", seed),
        [userId, 500 + r] as const,
      );
      proxy.reset();
      const d = await page.evaluate(([owner, client]) => (window as unknown as BenchPage).bench.drain(owner, client), [
        userId,
        `wire-client-${r}`,
      ] as const);
      if (d.outcome !== "done 500/0") throw new Error(`queued push: ${d.outcome}`);
      out.push({ ms: d.ms, ...proxy.bytes });
    }
    return out;
  } finally {
    await browser.close();
    await proxy?.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const SIGN_IN_BUDGET = { limit: 70, kind: "max" as const, text: "≤ 70 KB" };
const INSTALL_BUDGET = { limit: 200, kind: "max" as const, text: "≤ 200 KB" };

/** Byte figures (quick) or byte and 2G time figures (full). */
export async function wireFigures(quick: boolean): Promise<Figure[]> {
  const { server, close } = await startServer();
  const port = server.opts.port;
  const figures: Figure[] = [];
  try {
    const v = await visit(port, undefined, false);
    const note = `Accept-Encoding "${v.acceptEncoding}"; ${v.signInFiles.length} files: ${v.signInFiles.join(", ")}`;
    figures.push(
      one("wire", "cold visit to a usable sign-in screen, bytes received", "KB", v.signInBytes / KB, {
        budget: SIGN_IN_BUDGET,
        note,
      }),
      one(
        "wire",
        "whole offline install (first visit until the service worker is active and controls the page), bytes received",
        "KB",
        v.installBytes / KB,
        {
          budget: INSTALL_BUDGET,
        },
      ),
    );
    const p = await pushThrough(port, undefined);
    figures.push(
      one("wire", `push of 500 entries, bytes sent (gzipped) — answer ${(p.down / KB).toFixed(1)} KB`, "KB", p.up / KB),
    );
    if (quick) return figures;

    // 2G: the same, timed, through the throttled link; each visit a fresh browser.
    const runs: Visit[] = [];
    for (let i = 0; i < 3; i++) runs.push(await visit(port, TWO_G, true));
    const med = (f: (r: Visit) => number) => summarize(runs.map(f));
    const kb = (f: (r: Visit) => number) => `${(med(f).median / KB).toFixed(1)} KB`;
    figures.push(
      {
        group: "2G",
        name: `cold visit to a usable sign-in screen — ${kb((r) => r.signInBytes)}`,
        unit: "ms",
        value: med((r) => r.signInMs),
        budget: { limit: 5000, kind: "max", text: "≤ 5 s" },
      },
      {
        group: "2G",
        name: `whole offline install — ${kb((r) => r.installBytes)}`,
        unit: "ms",
        value: med((r) => r.installMs),
      },
      {
        group: "2G",
        name: `sign-in to a usable overview — ${kb((r) => r.overviewBytes ?? 0)}`,
        unit: "ms",
        value: med((r) => r.overviewMs ?? 0),
      },
    );
    const pushes = await queuedPushes(TWO_G, 3);
    const kbOf = (n: number | undefined) => ((n ?? 0) / KB).toFixed(1);
    figures.push({
      group: "2G",
      name: `push of 500 queued entries (the app's drainOutbox) — ${kbOf(pushes[0]?.up)} KB up, ${kbOf(pushes[0]?.down)} KB down`,
      unit: "ms",
      value: summarize(pushes.map((x) => x.ms)),
    });
    // 5,000 entries in the officer's scope (500 pushed above, 9 × 500 here).
    const direct = `http://127.0.0.1:${port}`;
    const cookie = await officerCookie(direct);
    for (let i = 0; i < 9; i++) {
      const encoded = await encodeBody(JSON.stringify({ clientId: randomUUID(), entries: entries(500) }));
      const r = await fetch(`${direct}/api/v1/sync/push`, {
        method: "POST",
        body: encoded.body,
        headers: { ...encoded.headers, cookie },
      });
      await r.arrayBuffer();
    }
    const pulls = [];
    for (let i = 0; i < 3; i++) pulls.push(await pullThrough(port, TWO_G));
    figures.push({
      group: "2G",
      name: `first pull, district officer, ${pulls[0]?.count.toLocaleString("en-US")} entries in scope — ${((pulls[0]?.down ?? 0) / KB).toFixed(1)} KB`,
      unit: "ms",
      value: summarize(pulls.map((x) => x.ms)),
    });
    return figures;
  } finally {
    await close();
  }
}
