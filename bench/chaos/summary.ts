/** The chaos run's report: a few lines for people, one summary line to quote, JSON on request. */
import type { DeviceStats } from "./protocol";
import type { Verdict } from "./verify";

export type SummaryInput = {
  opt: { devices: number; entries: number; minutes: number; seed: number };
  verdict: Verdict;
  stats: readonly DeviceStats[];
  faults: ReadonlyMap<string, number>;
  seconds: number;
  json: boolean;
};

const sum = (stats: readonly DeviceStats[], key: keyof DeviceStats) =>
  stats.reduce((s, x) => s + (typeof x[key] === "number" ? (x[key] as number) : 0), 0);

/** Print the report; answers true when nothing was lost or counted twice and the totals agree. */
export function printSummary({ opt, verdict: v, stats, faults, seconds, json }: SummaryInput): boolean {
  const retryCodes = new Map<string, number>();
  for (const s of stats)
    for (const [k, n] of Object.entries(s.retryCodes)) retryCodes.set(k, (retryCodes.get(k) ?? 0) + n);
  const list = (m: ReadonlyMap<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
  const faultTotal = [...faults.values()].reduce((a, b) => a + b, 0);
  const retries = sum(stats, "retries");
  const ok =
    v.lost === 0 &&
    v.doubleCounted === 0 &&
    v.rejected === 0 &&
    v.wrongContent === 0 &&
    v.totalsMismatches.length === 0 &&
    v.deviceCellMismatches === 0 &&
    v.deviceUnsentMismatches === 0;

  console.log(`entries created ${v.created} (corrections ${sum(stats, "corrections")}), on the server ${v.onServer}`);
  console.log(`faults injected ${faultTotal}: ${list(faults)}`);
  console.log(
    `retries ${retries} (${list(retryCodes)}); drains ${sum(stats, "drains")}, sign-ins ${sum(stats, "signIns")} ` +
      `(refused ${sum(stats, "signInFailures")}), session expiries seen ${sum(stats, "sessionExpiries")}, ` +
      `abandoned requests ${sum(stats, "abandonedRequests")}`,
  );
  console.log(
    `lost ${v.lost} (missing on the server ${v.missing}, not synced ${v.unsynced}, cells short ${v.cellsShort}); ` +
      `double counted ${v.doubleCounted} (duplicate ids ${v.duplicates}, unknown to devices ${v.phantoms}, cells over ${v.cellsOver}); ` +
      `rejected ${v.rejected}${v.rejected ? ` (${JSON.stringify(v.rejectReasons)})` : ""}; wrong content ${v.wrongContent}`,
  );
  console.log(
    `totals: ${v.cellsCompared} cells compared; GET /totals equal to computeTotals(Σ devices) in ` +
      `${v.totalsChecked - v.totalsMismatches.length}/${v.totalsChecked} queries` +
      `${v.totalsMismatches.length ? ` (differ: ${v.totalsMismatches.join("; ")})` : ""}; device cells off ${v.deviceCellMismatches}, unsent sums off ${v.deviceUnsentMismatches}`,
  );
  const line =
    `CHAOS ${ok ? "PASS" : "FAIL"} seed=${opt.seed} devices=${opt.devices} entries=${v.created} ` +
    `faults=${faultTotal} retries=${retries} lost=${v.lost} double=${v.doubleCounted} (${seconds.toFixed(0)} s)`;
  console.log(line);
  if (json)
    console.log(JSON.stringify({ ok, seed: opt.seed, verdict: v, faults: Object.fromEntries(faults), retries }));
  return ok;
}
