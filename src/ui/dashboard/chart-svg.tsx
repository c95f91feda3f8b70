/**
 * A hand-made SVG line chart of cumulative progress (a few hundred bytes of code, against tens of
 * kilobytes for a chart library): the achieved line, the goal and the expected pace. It is an
 * image with a one-sentence summary for screen readers, and a hidden table (value at the end of
 * each month) carries the same data for those who want it.
 */
import { fmtDate, fmtNum, t } from "../../i18n";
import { monthEnds, type SeriesPoint } from "./series";

type Props = {
  series: SeriesPoint[];
  from: string;
  to: string;
  /** The last day with data to draw (today, or the end of the range when it is over). */
  until: string;
  goal: number | null;
  /** The value the pace line reaches at `to`, or null for no pace line. */
  paceEnd: number | null;
  summary: string;
  caption: string;
};

const W = 320;
const H = 200;
const L = 40;
const R = 10;
const T = 12;
const B = 26;

/** A round number at or above `n` for the top of the axis (1, 2, 5 × 10^k). */
function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  return ([1, 2, 5, 10].find((m) => m * p >= n) ?? 10) * p;
}

/** The chart, its legend and its table fallback. */
export function ChartSvg({ series, from, to, until, goal, paceEnd, summary, caption }: Props) {
  const t0 = Date.parse(from);
  const span = Math.max(1, Date.parse(to) - t0);
  const x = (d: string) => L + ((Math.min(Math.max(Date.parse(d), t0), t0 + span) - t0) / span) * (W - L - R);
  const last = series.at(-1)?.value ?? 0;
  const top = niceMax(Math.max(goal ?? 0, paceEnd ?? 0, ...series.map((p) => p.value), 1) * 1.05);
  const y = (v: number) => T + (1 - Math.max(0, v) / top) * (H - T - B);
  let d = `M${x(from).toFixed(1)} ${y(0).toFixed(1)}`;
  for (const p of series) d += `H${x(p.date).toFixed(1)}V${y(p.value).toFixed(1)}`;
  d += `H${x(until < to ? until : to).toFixed(1)}`;
  const months = monthEnds(series, from, until < to ? until : to);
  // A middle tick on the first day of the month nearest the middle of the range.
  const m = new Date(t0 + span / 2);
  const mid = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + (m.getUTCDate() > 15 ? 1 : 0), 1))
    .toISOString()
    .slice(0, 10);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} data-testid="progress-chart">
        <line class="axis" x1={L} y1={y(0)} x2={W - R} y2={y(0)} />
        <line class="axis" x1={L} y1={T} x2={L} y2={y(0)} />
        <text class="tick" x={L - 4} y={y(0) + 4} text-anchor="end">
          0
        </text>
        <text class="tick" x={L - 4} y={T + 4} text-anchor="end">
          {fmtNum(top)}
        </text>
        <text class="tick" x={L} y={H - 8}>
          {fmtDate(from).slice(0, 5)}
        </text>
        <text class="tick" x={W - R} y={H - 8} text-anchor="end">
          {fmtDate(to).slice(0, 5)}
        </text>
        <line class="axis" x1={x(mid)} y1={y(0)} x2={x(mid)} y2={y(0) + 4} />
        <text class="tick" x={x(mid)} y={H - 8} text-anchor="middle">
          {fmtDate(mid).slice(0, 5)}
        </text>
        {goal !== null && goal > 0 && (
          <>
            <line class="goal-line" x1={L} y1={y(goal)} x2={W - R} y2={y(goal)} />
            <text class="tick" x={L + 4} y={y(goal) - 4}>
              {t("dash.chartGoal", { n: goal })}
            </text>
          </>
        )}
        {paceEnd !== null && paceEnd > 0 && (
          <line class="pace-line" x1={x(from)} y1={y(0)} x2={x(to)} y2={y(paceEnd)} />
        )}
        <path class="value-line" d={d} />
        <circle class="value-dot" cx={x(until < to ? until : to)} cy={y(last)} r="3" />
      </svg>
      <figcaption class="chart-legend">
        <span class="legend legend-value">{caption}</span>
        {goal !== null && goal > 0 && <span class="legend legend-goal">{t("dash.legendGoal")}</span>}
        {paceEnd !== null && paceEnd > 0 && <span class="legend legend-pace">{t("dash.legendPace")}</span>}
      </figcaption>
      {/* A table ignores a 1 px width: the hidden wrapper keeps it from widening the page. */}
      <div class="sr-only">
        <table>
          <caption>{summary}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dash.chartDate")}</th>
              <th scope="col">{t("dash.chartValue")}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.date}>
                <td>{fmtDate(m.date)}</td>
                <td>{fmtNum(m.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
