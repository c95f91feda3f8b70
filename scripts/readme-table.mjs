// `node scripts/readme-table.mjs`: rewrites the README's "Measured, not believed" table from
// bench/results.json (written by `npm run bench`), between the markers
// <!-- bench-table:start --> and <!-- bench-table:end -->, so the table is never copied by hand.
// Rows: every figure with a DESIGN §5 budget, and the few context rows named in CONTEXT. Each row
// keeps its floor from the same run and the ratio. `--check` exits 1 when the README differs from
// what the results would write (nothing is written then).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const START = "<!-- bench-table:start -->";
const END = "<!-- bench-table:end -->";
/** Rows shown without a budget of their own (group, name), for what they explain. */
const CONTEXT = [
  ["push", "10,000 entries POSTed from memory (no IndexedDB)"],
  ["handover", "upload the file to the server"],
  ["handover", "the rows the import wrote, by bare IndexedDB puts"],
  ["server memory", "RSS with 1,000,000 entries"],
];

/** A number as the bench prints it (bench/lib/table.ts). */
function fmt(n) {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 100_000) return Math.round(n).toLocaleString("en-US");
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** The figure's headline and its floor's; the ratio and verdict are the bench's own (bench/lib/stats.ts). */
function judge(f) {
  const stat = f.stat ?? "median";
  return { value: f.value[stat], floor: f.floor?.value[stat], ratio: f.ratio ?? undefined, ok: f.verdict ?? undefined };
}

/** The Markdown of the section between the markers. */
export function renderTable(results) {
  const rows = results.figures.filter(
    (f) => f.budget || CONTEXT.some(([group, name]) => f.group === group && f.name === name),
  );
  const lines = [
    "| what | value | min–max (n) | floor (same run) | × floor | budget |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const f of rows) {
    const { value, floor, ratio, ok } = judge(f);
    const p95 = f.stat === "p95" ? " p95" : "";
    const range = f.value.n > 1 ? `${fmt(f.value.min)}–${fmt(f.value.max)}` : "—";
    const note = f.note ? ` — ${f.note}` : "";
    lines.push(
      `| ${f.group}: ${f.name}${note} | ${fmt(value)} ${f.unit}${p95} | ${range} (${f.value.n}) | ${
        floor === undefined ? "—" : `${fmt(floor)} ${f.unit} (${f.floor.name})`
      } | ${ratio === undefined ? "—" : `${fmt(ratio)}×`} | ${f.budget ? `${f.budget.text} ${ok ? "✅" : "❌"}` : "—"} |`,
    );
  }
  const m = results.machine ?? {};
  const run = results.run ?? {};
  const load = run.loadAverage ? `; load average ${fmt(run.loadAverage.before)} → ${fmt(run.loadAverage.after)}` : "";
  const failed = rows.filter((f) => judge(f).ok === false).length;
  return [
    `From \`bench/results.json\`: ${results.at} at commit \`${run.commit ?? "unknown"}\`, suites ${
      (run.suites ?? []).join(", ") || "all"
    }, ${run.runs ?? "?"} runs; ${m.cpus} × ${m.cpu}, Node ${m.node}${load}. ${
      failed === 0 ? "Every budget shown holds." : `${failed} budget${failed > 1 ? "s" : ""} not met (❌).`
    } Written by \`node scripts/readme-table.mjs\`.`,
    "",
    ...lines,
  ].join("\n");
}

/** The README with its section replaced. */
export function rewrite(readme, table) {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md lacks the markers ${START} … ${END}`);
  return `${readme.slice(0, a + START.length)}\n${table}\n${readme.slice(b)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = JSON.parse(readFileSync(`${root}bench/results.json`, "utf8"));
  const readme = readFileSync(`${root}README.md`, "utf8");
  const next = rewrite(readme, renderTable(results));
  if (process.argv.includes("--check")) {
    if (next !== readme) {
      console.error("readme-table: README.md differs from bench/results.json (run node scripts/readme-table.mjs)");
      process.exitCode = 1;
    }
  } else if (next !== readme) {
    writeFileSync(`${root}README.md`, next);
    console.log("readme-table: README.md rewritten from bench/results.json");
  } else console.log("readme-table: README.md already matches bench/results.json");
}
