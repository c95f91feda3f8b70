/**
 * Two servers on one PostgreSQL database, six devices of five users pushing and pulling through
 * both at once: every device pushes batches (new entries and corrections of its own), alternating
 * servers, re-sends some batches to the other server as a phone does after a lost answer, and
 * pulls a page from the other server between pushes. Then: every entry is stored exactly once,
 * every re-sent entry answers `duplicate`, no page repeats an entry, every device's pull ends
 * complete for its scope, and both servers give the same totals as `computeTotals` over what was
 * pushed. Run twice: with two in-process apps (own pools, caches and limiters) and with two real
 * server processes built from server/main.ts with DATABASE_URL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterEach, expect, it } from "vitest";
import { createApp } from "../../server/app";
import { silentLogger } from "../../server/log";
import { openPostgresStore } from "../../server/store/postgres";
import { pg } from "../../server/store/postgres-pool";
import { phaseOf } from "../../src/domain/phases";
import type { Campaign, Entry } from "../../src/domain/schemas";
import { cellsFromEntries, computeTotals } from "../../src/domain/totals";
import { UnitTree } from "../../src/domain/units";
import {
  type Answer,
  CAMPAIGN,
  correction,
  describePostgres,
  makeEntry,
  PASSWORD,
  sessionCookie,
  startTestServer,
  TEST_SCRYPT,
  type TestServer,
} from "./helpers";

/** One server as a device sees it. */
type Caller = (method: string, path: string, opts?: { cookie?: string; json?: unknown }) => Promise<Answer>;

const DEVICES = [
  { user: "tamduong", clientId: "td-phone-1", units: ["tam-duong-01", "tam-duong"], scope: "tam-duong" },
  { user: "tamduong", clientId: "td-phone-2", units: ["tam-duong-02", "tam-duong-05"], scope: "tam-duong" },
  { user: "tamduong2", clientId: "td2-phone", units: ["tam-duong-03", "tam-duong-04"], scope: "tam-duong" },
  { user: "phongtho", clientId: "pt-phone", units: ["phong-tho-01", "phong-tho"], scope: "phong-tho" },
  { user: "supervisor", clientId: "sup-tablet", units: ["sin-ho-02", "lct"], scope: "" },
  { user: "admin", clientId: "admin-laptop", units: ["cd-y-te-02", "muong-te-04"], scope: "" },
];
const BATCHES = 6;
const PER_BATCH = 30;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Push until the server answers 200, waiting on 429 and retrying on 5xx or a dropped connection. */
async function pushUntilAnswered(server: Caller, cookie: string, clientId: string, entries: Entry[]): Promise<Answer> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const r = await server("POST", "/api/v1/sync/push", { cookie, json: { clientId, entries } }).catch(() => undefined);
    if (r?.status === 200) return r;
    if (r && r.status < 500 && r.status !== 429) throw new Error(`push: ${r.status} ${JSON.stringify(r.body)}`);
    await pause(r?.status === 429 ? Math.min(1000, Number(r.headers.get("retry-after") ?? 1) * 1000) : 50);
  }
  throw new Error("push never answered");
}

/** One device's whole session; returns what it pushed and what its pulls gave it. */
async function device(d: (typeof DEVICES)[number], index: number, servers: Caller[]) {
  const login = await servers[index % 2]?.("POST", "/api/v1/auth/login", {
    json: { username: d.user, password: PASSWORD },
  });
  if (login?.status !== 200) throw new Error(`login ${d.user}: ${login?.status}`);
  const cookie = sessionCookie(login.headers);
  const pushed: Entry[] = [];
  const pulled = new Map<string, Entry>();
  let cursor = "";
  const pullPage = async (server: Caller): Promise<boolean> => {
    const q = cursor === "" ? "" : `?since=${encodeURIComponent(cursor)}`;
    const r = await server("GET", `/api/v1/sync/pull${q}`, { cookie });
    expect(r.status).toBe(200);
    for (const e of r.body.entries as Entry[]) {
      expect(pulled.has(e.id), `${d.clientId} got ${e.id} twice`).toBe(false);
      pulled.set(e.id, e);
    }
    cursor = r.body.cursor;
    return r.body.hasMore;
  };
  for (let i = 0; i < BATCHES; i++) {
    const batch = Array.from({ length: PER_BATCH }, (_, k) =>
      makeEntry({
        unitId: d.units[k % d.units.length],
        partId: k % 4 === 0 ? "t11-1" : "t1-1",
        date: k % 2 === 0 ? "2023-04-10" : "2023-10-20",
        quantity: 2 + (k % 5),
        note: `${d.clientId} #${i}.${k}`,
      }),
    );
    // Corrections of entries pushed earlier (maybe through the other server).
    for (const old of pushed.filter((e) => e.correctsId === undefined).slice(i * 3, i * 3 + 3)) {
      batch.push(correction(old, -1));
    }
    const server = servers[(index + i) % 2] as Caller;
    const first = await pushUntilAnswered(server, cookie, d.clientId, batch);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(batch.map(() => "stored"));
    pushed.push(...batch);
    if (i % 2 === 0) {
      const other = servers[(index + i + 1) % 2] as Caller;
      const again = await pushUntilAnswered(other, cookie, d.clientId, batch);
      expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(batch.map(() => "duplicate"));
    }
    await pullPage(servers[(index + i + 1) % 2] as Caller);
  }
  return { d, cookie, pushed, pulled, pullPage };
}

/** Run every device at once through `servers`, then check the outcome against the database at `url`. */
async function runAndCheck(servers: Caller[], url: string, campaign: Campaign, tree: UnitTree): Promise<void> {
  const devices = await Promise.all(DEVICES.map((d, i) => device(d, i, servers)));
  const all = devices.flatMap((x) => x.pushed);
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  try {
    const counts = await sql.query("SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM entries");
    expect(counts.rows[0]).toEqual({ n: all.length, d: all.length });
  } finally {
    await sql.end();
  }
  for (const [i, x] of devices.entries()) {
    for (let page = 0; await x.pullPage(servers[(i + page) % 2] as Caller); page++) {}
    const expected = all.filter((e) => e.unitId.startsWith(x.d.scope)).map((e) => e.id);
    expect([...x.pulled.keys()].sort(), x.d.clientId).toEqual(expected.sort());
    const content = (e: Entry | undefined) => e && [e.quantity, e.unitId, e.date, e.note ?? null, e.correctsId ?? null];
    for (const e of all.filter((e) => e.unitId.startsWith(x.d.scope))) {
      expect(content(x.pulled.get(e.id))).toEqual(content(e));
    }
  }
  const admin = devices.find((x) => x.d.user === "admin");
  const cells = cellsFromEntries(all.map((e) => ({ ...e, phaseId: phaseOf(campaign, e.date)?.id ?? "" })));
  const want = computeTotals({ campaign, tree, cells, scopeRoots: tree.roots.map((u) => u.id) });
  for (const server of servers) {
    const t = await server("GET", `/api/v1/totals?campaignId=${CAMPAIGN}`, { cookie: admin?.cookie ?? "" });
    expect(t.body).toEqual(want);
  }
}

/** A caller over an in-process app. */
function appCaller(app: ReturnType<typeof createApp>): Caller {
  return async (method, path, opts = {}) => {
    const headers: Record<string, string> = {};
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.json !== undefined) headers["content-type"] = "application/json";
    const init: RequestInit = { method, headers };
    if (opts.json !== undefined) init.body = JSON.stringify(opts.json);
    const res = await app.request(path, init);
    return { status: res.status, body: await res.json(), headers: res.headers };
  };
}

/** A caller over HTTP. */
function httpCaller(base: string): Caller {
  return async (method, path, opts = {}) => {
    const headers: Record<string, string> = {};
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.json !== undefined) headers["content-type"] = "application/json";
    const init: RequestInit = { method, headers };
    if (opts.json !== undefined) init.body = JSON.stringify(opts.json);
    const res = await fetch(`${base}${path}`, init);
    return { status: res.status, body: await res.json(), headers: res.headers };
  };
}

/** Start `node main.js` with DATABASE_URL and resolve with its port once it listens. */
function startProcess(main: string, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [main], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let buffered = "";
    let errors = "";
    child.stderr?.on("data", (b: Buffer) => {
      errors += b.toString();
    });
    child.stdout?.on("data", (b: Buffer) => {
      buffered += b.toString();
      for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const m = /"msg":"listening","port":(\d+)/.exec(line);
        if (m) resolve({ child, port: Number(m[1]) });
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${errors}`)));
  });
}

describePostgres("two servers on one PostgreSQL, devices pushing and pulling through both", () => {
  let s: TestServer;
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const f of cleanups.splice(0).reverse()) await f();
  });

  async function setUp(): Promise<{ url: string; campaign: Campaign; tree: UnitTree }> {
    s = await startTestServer({ pullPageSize: 40 });
    cleanups.push(() => s.close());
    const [campaign] = (await s.store.catalog.campaigns()) as [Campaign];
    return { url: s.databaseUrl as string, campaign, tree: new UnitTree((await s.store.catalog.units()).units) };
  }

  it("two in-process apps, each with its own pool, catalog cache and limiter", async () => {
    const { url, campaign, tree } = await setUp();
    const storeB = openPostgresStore(url);
    cleanups.push(() => storeB.close());
    const appB = createApp({
      store: storeB,
      config: { scrypt: TEST_SCRYPT, log: silentLogger, pushBurst: 1e6, readBurst: 1e6, pullPageSize: 40 },
    });
    await runAndCheck([appCaller(s.app), appCaller(appB)], url, campaign, tree);
  });

  it("two real server processes (server/main.ts built with esbuild, DATABASE_URL set)", async () => {
    const { url, campaign, tree } = await setUp();
    const root = fileURLToPath(new URL("../..", import.meta.url));
    mkdirSync(join(root, ".tmp"), { recursive: true });
    // Inside the project, so the bundle finds pg and better-sqlite3 in node_modules.
    const out = mkdtempSync(join(root, ".tmp", "two-servers-"));
    cleanups.push(() => rmSync(out, { recursive: true, force: true }));
    await build({
      absWorkingDir: root,
      entryPoints: { main: "server/main.ts" },
      outdir: out,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      external: ["better-sqlite3"],
      logLevel: "warning",
    });
    const env = { DATABASE_URL: url, PORT: "0", DATA_DIR: join(out, "var"), DIST_DIR: join(out, "no-dist") };
    const servers = await Promise.all([
      startProcess(join(out, "main.js"), env),
      startProcess(join(out, "main.js"), env),
    ]);
    for (const { child } of servers) {
      cleanups.push(
        () =>
          new Promise<void>((resolve) => {
            child.removeAllListeners("exit");
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
          }),
      );
    }
    await runAndCheck(
      servers.map(({ port }) => httpCaller(`http://127.0.0.1:${port}`)),
      url,
      campaign,
      tree,
    );
  }, 60_000);
});
