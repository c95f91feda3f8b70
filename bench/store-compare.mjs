// Push throughput and totals latency on SQLite beside PostgreSQL, through the real server.
//
//   node bench/store-compare.mjs            (PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL)
//
// Bundles server/main.ts (esbuild, as scripts/build-server.mjs does) into .tmp/, then for each store
// runs 3 rounds, each on fresh data: start the server (PostgreSQL: a new database stdua_bench_*),
// sign in as admin, POST 10,000 entries in 20 batches of 500 one after another (end to end: HTTP,
// validation, scope, one transaction per push), then time GET /api/v1/totals 21 times. Prints the
// median of the 3 rounds. Without a PostgreSQL URL only SQLite is measured. The PostgreSQL line
// shows fsync and synchronous_commit: compare durable with durable (SQLite runs synchronous=FULL).
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const pg = createRequire(import.meta.url)("pg");
const ROUNDS = 3;
const ENTRIES = 10_000;
const BATCH = 500;
const TOTALS_CALLS = 21;
const PASSWORD = "bench-password-1";
const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A time-ordered id as phones make them (UUIDv7, src/domain/ids.ts), not a random v4 one. */
function entryId(ms) {
  const time = ms.toString(16).padStart(12, "0");
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randomUUID().slice(15)}`;
}

/** 10,000 valid entries of the 2023 campaign over grassroots units, both phases, count parts open to every unit. */
function makeEntries() {
  const campaign = JSON.parse(readFileSync(join(root, "data/campaign-2023.json"), "utf8"));
  const units = JSON.parse(readFileSync(join(root, "data/units-sample.json"), "utf8")).units;
  const leaves = units.filter((u) => !units.some((c) => c.parentId === u.id)).map((u) => u.id);
  const parts = campaign.targets.flatMap((t) => t.parts).filter((p) => p.kind === "count" && !p.eligible);
  return Array.from({ length: ENTRIES }, (_, i) => ({
    id: entryId(Date.UTC(2023, 2, 15, 1) + i),
    campaignId: campaign.id,
    partId: parts[i % parts.length].id,
    unitId: leaves[(i * 7) % leaves.length],
    date: i % 2 === 0 ? "2023-03-15" : "2023-09-20",
    quantity: 1 + (i % 4),
    note: `bench #${i}`,
    createdAt: "2023-03-15T08:00:00.000+07:00",
  }));
}

async function bundleServer() {
  mkdirSync(join(root, ".tmp"), { recursive: true });
  const out = mkdtempSync(join(root, ".tmp", "store-compare-"));
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
  return out;
}

/** Start the server bundle; resolves with the child and its port once it listens. */
function startServer(main, env) {
  const child = spawn(process.execPath, [main], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let buffered = "";
    let errors = "";
    child.stderr.on("data", (b) => {
      errors += b;
    });
    child.stdout.on("data", (b) => {
      buffered += b;
      const m = /"msg":"listening","port":(\d+)/.exec(buffered);
      if (m) resolve({ child, port: Number(m[1]) });
      buffered = buffered.slice(buffered.lastIndexOf("\n") + 1);
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${errors}`)));
  });
}

async function stop(child) {
  child.removeAllListeners("exit");
  await new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
}

async function adminQuery(sql) {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

/** One round on fresh data: push throughput (entries/s, total ms) and the median totals latency (ms). */
async function round(main, kind, entries) {
  const dataDir = mkdtempSync(join(root, ".tmp", "store-compare-data-"));
  const env = { PORT: "0", DATA_DIR: dataDir, ADMIN_PASSWORD: PASSWORD, DIST_DIR: join(dataDir, "none") };
  let dbName;
  if (kind === "postgres") {
    dbName = `stdua_bench_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    await adminQuery(`CREATE DATABASE ${dbName}`);
    const u = new URL(pgUrl);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  } else {
    env.DATABASE_URL = "";
  }
  const { child, port } = await startServer(main, env);
  try {
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: PASSWORD }),
    });
    const cookie = /sid=[^;]*/.exec(login.headers.get("set-cookie") ?? "")?.[0] ?? "";
    const started = performance.now();
    for (let i = 0; i < entries.length; i += BATCH) {
      const r = await fetch(`${base}/api/v1/sync/push`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ clientId: "bench", entries: entries.slice(i, i + BATCH) }),
      });
      const body = await r.json();
      if (r.status !== 200 || body.results.some((x) => x.status !== "stored")) {
        throw new Error(`push ${r.status}: ${JSON.stringify(body).slice(0, 300)}`);
      }
    }
    const pushMs = performance.now() - started;
    const campaignId = entries[0].campaignId;
    const latencies = [];
    for (let i = 0; i < TOTALS_CALLS; i++) {
      const t0 = performance.now();
      const r = await fetch(`${base}/api/v1/totals?campaignId=${campaignId}`, { headers: { cookie } });
      await r.json();
      latencies.push(performance.now() - t0);
    }
    return { pushMs, perSecond: (entries.length / pushMs) * 1000, totalsMs: median(latencies) };
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
    if (dbName) await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

const out = await bundleServer();
try {
  const entries = makeEntries();
  const kinds = pgUrl ? ["sqlite", "postgres"] : ["sqlite"];
  const rows = [];
  for (const kind of kinds) {
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await round(join(out, "main.js"), kind, entries));
    let label = "SQLite (synchronous=FULL, WAL)";
    if (kind === "postgres") {
      const s = await adminQuery(
        "SELECT split_part(version(), ' ', 2) AS v, current_setting('fsync') AS f, current_setting('synchronous_commit') AS c",
      );
      const { v, f, c } = s.rows[0];
      label = `PostgreSQL ${v} (fsync=${f}, synchronous_commit=${c})`;
    }
    rows.push({
      label,
      pushMs: median(rounds.map((r) => r.pushMs)),
      perSecond: median(rounds.map((r) => r.perSecond)),
      totalsMs: median(rounds.map((r) => r.totalsMs)),
    });
  }
  const fmt = (n, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(`store comparison: ${fmt(ENTRIES)} entries pushed in batches of ${BATCH}, median of ${ROUNDS} rounds`);
  console.log(`| store | push ${fmt(ENTRIES)} (ms) | entries/s | totals, median of ${TOTALS_CALLS} (ms) |`);
  console.log("| --- | ---: | ---: | ---: |");
  for (const r of rows) console.log(`| ${r.label} | ${fmt(r.pushMs)} | ${fmt(r.perSecond)} | ${fmt(r.totalsMs, 1)} |`);
  if (!pgUrl) console.log("PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL=postgres://… to compare.");
} finally {
  rmSync(out, { recursive: true, force: true });
}
