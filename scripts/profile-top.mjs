// Where a CPU profile's time went: `node scripts/profile-top.mjs <file.cpuprofile> [--top N]`.
// Prints the functions with the most self time and the most total time (self plus what they
// called, each function counted once per stack), in ms, with their script and line. For the
// .cpuprofile files of BENCH_PAGE_PROFILE (the bench page) and of Node's --cpu-prof (the server).
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const [file] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const topAt = process.argv.indexOf("--top");
const top = topAt > 0 ? Number(process.argv[topAt + 1]) : 25;
if (!file) {
  console.error("usage: node scripts/profile-top.mjs <file.cpuprofile> [--top N]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const nameOf = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${basename(f.url.split("?")[0])}:${f.lineNumber + 1}` : "";
  return `${f.functionName || "(anonymous)"} ${where}`.trim();
};

// Each sample's duration is the gap to the next sample's timestamp.
const self = new Map();
const total = new Map();
const deltas = profile.timeDeltas;
let busy = 0;
let all = 0;
profile.samples.forEach((id, i) => {
  const ms = (deltas[i + 1] ?? 0) / 1000;
  all += ms;
  const leaf = byId.get(id);
  const leafName = nameOf(leaf);
  self.set(leafName, (self.get(leafName) ?? 0) + ms);
  if (leafName !== "(idle)" && leafName !== "(program)") busy += ms;
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const name = nameOf(byId.get(at));
    if (seen.has(name)) continue;
    seen.add(name);
    total.set(name, (total.get(name) ?? 0) + ms);
  }
});

const table = (title, m) => {
  console.log(`\n${title}`);
  for (const [name, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms.toFixed(1).padStart(9)} ms  ${name}`);
};
console.log(`${file}: ${all.toFixed(0)} ms sampled, ${busy.toFixed(0)} ms busy (not idle, not "program")`);
table("self time", self);
table("total time (self + callees)", total);
