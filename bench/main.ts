/**
 * `npm run bench`: the budgets of DESIGN §5 measured beside their physical floors.
 * Each suite returns figures (median, min, max of ≥ 3 samples, the floor from the same run, the
 * ratio, the budget); this prints them as a table, then how cost grows at 10× the size, and
 * writes everything to bench/results.json. The exit code is 0 even when a budget fails: the
 * table says which, and why is for the reader (see bench/README.md).
 */

import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { ROOT } from "./lib/server-process";
import { type Figure, headline, ratio, verdict } from "./lib/stats";
import { fmt, markdownTable } from "./lib/table";
import { browserFigures } from "./suites/browser";
import { coldStartFigures } from "./suites/cold-start";
import { firstScreenFigures } from "./suites/first-screen";
import { loadFiguresOf, loadRows, loadTable, shapesFrom } from "./suites/load";
import { ingestFigures, serverFigures } from "./suites/server";
import { wireFigures } from "./suites/wire";

/** Every suite `npm run bench` runs; `--only push` (the browser suite's push and handover rows alone) runs only when named. */
const SUITES = ["first-screen", "cold-start", "browser", "server", "wire", "load"] as const;
// Also `--only ingest`: the server suite's budget row alone (server ingest over HTTP), a minute.

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** The commit measured (short hash, "+changes" when the tree differs from it), or "unknown". */
function gitCommit(): string {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
    return `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--untracked-files=no") ? "+changes" : ""}`;
  } catch {
    return "unknown";
  }
}

/** Pairs of figures at n and 10·n, as "a → b: ×k". */
function growth(figures: readonly Figure[]): string[] {
  const pairs: [string, string, string][] = [
    ["local totals", "10,000 entries", "100,000 entries"],
    ["raw cursor scan", "10,000 entries", "100,000 entries"],
    ["raw getAll+reduce", "10,000 entries", "100,000 entries"],
    ["save", "p95, ledger of 10,000", "p95, ledger of 100,000"],
    ["push", "1,000 entries, end to end", "10,000 entries, end to end"],
    ["server totals", "100,000 entries", "1,000,000 entries"],
    ["server ingest (store)", "first 100,000", "up to 1,000,000"],
  ];
  const out: string[] = [];
  for (const [group, a, b] of pairs) {
    const fa = figures.find((f) => f.group === group && f.name === a);
    const fb = figures.find((f) => f.group === group && f.name === b);
    if (!fa || !fb) continue;
    out.push(
      `${group}: ${a} ${fmt(headline(fa))} ${fa.unit} → ${b} ${fmt(headline(fb))} ${fb.unit} (×${fmt(headline(fb) / headline(fa))})`,
    );
  }
  return out;
}

/**
 * `--quick` (part of `npm test`, a few seconds): the byte budgets only — first-screen JavaScript,
 * bytes on the wire to a usable sign-in screen, the whole offline install, one push. Exit code 1
 * when one is exceeded, so a heavy import cannot land unnoticed. Timing budgets stay in the full
 * bench: a shared machine makes timed tests flaky.
 */
async function runQuick(): Promise<number> {
  const started = Date.now();
  const figures = [...(await firstScreenFigures(undefined)), ...(await wireFigures(true))].filter(
    (f) => f.unit === "KB",
  );
  console.log(`\n${markdownTable(figures)}\n`);
  const failed = figures.filter((f) => verdict(f) === false);
  for (const f of failed)
    console.error(
      `bench --quick: over budget: ${f.group}: ${f.name} ${fmt(headline(f))} ${f.unit} (${f.budget?.text})`,
    );
  console.log(
    `bench --quick: ${failed.length === 0 ? "every byte budget holds" : `${failed.length} over budget`} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return failed.length === 0 ? 0 : 1;
}

/** Run the selected suites; answers the exit code. */
export async function runBench(argv: readonly string[]): Promise<number> {
  if (argv.includes("--quick")) return runQuick();
  const only = option(argv, "only")?.split(",") ?? [...SUITES];
  const runs = Math.max(3, Number(option(argv, "runs") ?? 5));
  const figures: Figure[] = [];
  const started = Date.now();
  const loadBefore = loadavg()[0];
  let observed: string[] | undefined;
  if (only.includes("cold-start")) {
    console.log("bench: cold start …");
    const r = await coldStartFigures(runs);
    figures.push(...r.figures);
    observed = r.observed;
  }
  if (only.includes("first-screen")) figures.unshift(...(await firstScreenFigures(observed)));
  if (only.includes("browser")) {
    console.log("bench: browser (save latency, local totals, push) …");
    figures.push(...(await browserFigures(runs)));
  } else if (only.includes("push")) {
    console.log("bench: push and handover …");
    figures.push(...(await browserFigures(runs, { ledger: false })));
  }
  if (only.includes("wire")) {
    console.log("bench: wire (bytes; 2G through a throttling proxy) …");
    figures.push(...(await wireFigures(false)));
  }
  if (only.includes("server")) {
    console.log("bench: server (ingest, totals over 1,000,000 entries, memory) …");
    figures.push(...(await serverFigures(runs)));
  } else if (only.includes("ingest")) {
    console.log("bench: server ingest (the budget row alone) …");
    figures.push(...(await ingestFigures(runs)));
  }
  let loadRowsTable: string | undefined;
  if (only.includes("load")) {
    console.log("bench: load (report day: 24 and 96 devices pushing at once) …");
    const shapes = shapesFrom(argv);
    const rows = await loadRows("sqlite", shapes, (l) => console.log(l));
    if (process.env.BENCH_DATABASE_URL) rows.push(...(await loadRows("postgres", shapes, (l) => console.log(l))));
    figures.push(...loadFiguresOf(rows));
    loadRowsTable = loadTable(rows);
  }
  const table = markdownTable(figures);
  const grows = growth(figures);
  console.log(`\n${table}\n`);
  if (loadRowsTable) console.log(`Load (report day), beside the issue's baseline:\n\n${loadRowsTable}\n`);
  if (grows.length > 0) console.log(`Growth at 10× the size:\n${grows.map((g) => `- ${g}`).join("\n")}\n`);
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  console.log(
    `(${machine.cpus} × ${machine.cpu}, node ${machine.node}; ${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  // Each figure with its ratio and verdict as judged here, so the README's table judges nothing itself.
  const judged = figures.map((f) => ({ ...f, ratio: ratio(f), verdict: verdict(f) }));
  // What scripts/readme-table.mjs needs to say which run the README's table comes from.
  const run = { commit: gitCommit(), suites: only, runs, loadAverage: { before: loadBefore, after: loadavg()[0] } };
  writeFileSync(
    join(ROOT, "bench", "results.json"),
    `${JSON.stringify({ at: new Date().toISOString(), machine, run, figures: judged, growth: grows, table }, null, 2)}\n`,
  );
  return 0;
}
