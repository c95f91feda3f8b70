/** Prints bench figures as a Markdown table (readable in a terminal, pasteable in a README). */
import { type Figure, headline, ratio, type Summary, verdict } from "./stats";

/** A number with a sensible precision for its size. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 100_000) return Math.round(n).toLocaleString("en-US");
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

function range(s: Summary): string {
  return s.n > 1 ? `${fmt(s.min)}–${fmt(s.max)}` : "—";
}

/** The table, one row per figure. */
export function markdownTable(figures: readonly Figure[]): string {
  const head = "| what | value | min–max (n) | floor (same run) | × floor | budget |";
  const rule = "| --- | --- | --- | --- | --- | --- |";
  const rows = figures.map((f) => {
    const stat = f.stat === "p95" ? " p95" : "";
    const value = `${fmt(headline(f))} ${f.unit}${stat}`;
    const floor = f.floor ? `${fmt(f.floor.value[f.stat ?? "median"])} ${f.unit} (${f.floor.name})` : "—";
    const r = ratio(f);
    const ok = verdict(f);
    const budget = f.budget ? `${f.budget.text} ${ok ? "✅" : "❌"}` : "—";
    const note = f.note ? ` — ${f.note}` : "";
    return `| ${f.group}: ${f.name}${note} | ${value} | ${range(f.value)} (${f.value.n}) | ${floor} | ${r === undefined ? "—" : `${fmt(r)}×`} | ${budget} |`;
  });
  return [head, rule, ...rows].join("\n");
}
