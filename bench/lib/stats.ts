/**
 * Figures as the bench reports them: every measured figure is a set of samples summarised as
 * median, min and max (and p95 where a distribution matters), beside a floor measured in the
 * same run, with the ratio of the two, and the budget from DESIGN §5 where one applies.
 */

/** Samples summarised. */
export type Summary = { n: number; median: number; min: number; max: number; p95: number };

/** Summarise samples (at least one). */
export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return { n: s.length, median, min: s[0] as number, max: s.at(-1) as number, p95: at(0.95) };
}

/**
 * How a figure is judged against its budget: its headline against `limit`, or (with `ratio`) its
 * headline over its floor's; `absolute` adds a plain limit that applies while the floor is at
 * most `whileFloorAtMost` (DESIGN §5's cold start: ≤ 3× a blank page, and ≤ 1.5 s where the blank
 * page takes ≤ 0.5 s).
 */
export type Budget = {
  limit: number;
  kind: "max" | "min";
  text: string;
  ratio?: boolean;
  absolute?: { limit: number; whileFloorAtMost: number };
};

/** One row of the results table. */
export type Figure = {
  /** Group and name, e.g. "local totals" / "100,000 entries". */
  group: string;
  name: string;
  unit: string;
  value: Summary;
  /** Which statistic the budget and ratio use (median unless said). */
  stat?: "median" | "p95";
  floor?: { name: string; value: Summary };
  budget?: Budget;
  note?: string;
};

/** The figure's headline number. */
export function headline(f: Figure): number {
  return f.value[f.stat ?? "median"];
}

/** Pass/fail against the budget, or undefined without one. */
export function verdict(f: Figure): boolean | undefined {
  const b = f.budget;
  if (!b) return undefined;
  const v = headline(f);
  const judged = b.ratio ? ratio(f) : v;
  if (judged === undefined) return false;
  const ok = b.kind === "max" ? judged <= b.limit : judged >= b.limit;
  const floor = f.floor?.value[f.stat ?? "median"];
  if (!ok || !b.absolute || floor === undefined || floor > b.absolute.whileFloorAtMost) return ok;
  return b.kind === "max" ? v <= b.absolute.limit : v >= b.absolute.limit;
}

/** The figure over its floor (how far from the physical limit), or undefined. */
export function ratio(f: Figure): number | undefined {
  if (!f.floor) return undefined;
  const floor = f.floor.value[f.stat ?? "median"];
  return floor === 0 ? undefined : headline(f) / floor;
}
