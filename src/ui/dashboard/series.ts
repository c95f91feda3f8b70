/**
 * The cumulative progress of one part over time, from its entries (pure). Count and open parts
 * add up net quantities day by day; a percent part counts the units whose net is above 0 after
 * each day (a correction of −1 takes a unit back out), as the totals do.
 */
import type { PartKind } from "../../domain/schemas";

/** The value reached at the end of a day. */
export type SeriesPoint = { date: string; value: number };

/** One point per day that has entries, in date order, each the cumulative value at the end of that day. */
export function cumulativeSeries(
  entries: readonly { date: string; quantity: number; unitId: string }[],
  kind: PartKind,
): SeriesPoint[] {
  const sorted = [...entries].sort((a, b) => a.date.localeCompare(b.date));
  const out: SeriesPoint[] = [];
  const unitNets = new Map<string, number>();
  let sum = 0;
  let done = 0;
  for (const e of sorted) {
    if (kind === "percent" || kind === "distinct") {
      const before = unitNets.get(e.unitId) ?? 0;
      const after = before + e.quantity;
      unitNets.set(e.unitId, after);
      done += (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
    } else {
      sum += e.quantity;
    }
    const value = kind === "percent" || kind === "distinct" ? done : sum;
    const last = out.at(-1);
    if (last && last.date === e.date) last.value = value;
    else out.push({ date: e.date, value });
  }
  return out;
}

/** The value reached at the end of each month of the range (for the chart's table fallback). */
export function monthEnds(series: readonly SeriesPoint[], from: string, to: string): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  let i = 0;
  let value = 0;
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const end = last < to ? last : to;
    while (i < series.length && (series[i]?.date ?? "") <= end) value = series[i++]?.value ?? value;
    out.push({ date: end, value });
    if (end >= to) return out;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}
