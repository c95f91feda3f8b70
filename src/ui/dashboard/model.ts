/**
 * The dashboard's numbers, as pure functions over totals (no DOM, no database), shared by the
 * dashboard, the print view and the export.
 *
 * Pace: goals are the year's (DESIGN §1), so in the whole-year view a part should have reached
 * goal × (share of the campaign's days elapsed). A phase's own progress is measured against the
 * part of the year's goal that falls in that phase (its share of the campaign's days), times the
 * share of the phase elapsed. A part or a unit is behind when it lags that pace by more than the
 * tolerance of `behindPace` (10 % of the goal). A campaign that is over expects its full goal.
 */

import { isEligible } from "../../domain/eligibility";
import { campaignSpan, todayIso } from "../../domain/phases";
import { reportDueOf, reportingStatus } from "../../domain/report-deadlines";
import { YEAR_REPORT } from "../../domain/reports";
import type { Campaign, Part, Totals } from "../../domain/schemas";
import {
  behindPace,
  elapsedShare,
  expectedReporters,
  farAhead,
  type PhaseReport,
  type Verdict,
  verdictOf,
} from "../../domain/supervision";
import type { GoalLookup } from "../../domain/totals";
import type { UnitTree } from "../../domain/units";
import { t } from "../../i18n";

const DAY = 86_400_000;
const days = (start: string, end: string) =>
  (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY + 1;

/** Share of the year's goal expected by `today` in the view: the whole campaign, or one phase. */
export function paceShare(campaign: Campaign, phaseId: string | undefined, today: string): number {
  const span = campaignSpan(campaign);
  const phase = phaseId === undefined ? undefined : campaign.phases.find((p) => p.id === phaseId);
  if (!phase) return elapsedShare(span.start, span.end, today);
  return (days(phase.start, phase.end) / days(span.start, span.end)) * elapsedShare(phase.start, phase.end, today);
}

/** Short codes of the parts: "1.1", "1.2", "2", … (target number, then the part's place when there are several). */
export function partCodes(campaign: Campaign): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of campaign.targets) {
    t.parts.forEach((p, i) => {
      out.set(p.id, t.parts.length > 1 ? `${t.number}.${i + 1}` : String(t.number));
    });
  }
  return out;
}

/** A unit's name as the tables print it: "LĐLĐ huyện Tam Đường", "CĐCS Trường THCS Bình Lư" (the usual abbreviations). */
export function shortUnitName(name: string): string {
  return name.replace(/^Liên đoàn Lao động /, "LĐLĐ ").replace(/^Công đoàn cơ sở /, "CĐCS ");
}

/** Every part of a campaign in order. */
export const allParts = (campaign: Campaign): Part[] => campaign.targets.flatMap((t) => t.parts);

/** One part over the chosen subtree: what to reach (goal, or units in scope for percent parts) and what is reached. */
export type PartRow = {
  part: Part;
  code: string;
  achieved: number;
  /** Goal (count), units in the subtree (percent), or null (open, or not allocated below the root). */
  target: number | null;
  /** 0–100+ when there is a target. */
  percent: number | null;
  behind: boolean;
  /** Once the campaign has ended: Đạt / Chưa đạt instead of pace (none for open parts). */
  verdict?: Verdict;
  /** Far above its target: worth a check (see farAhead). */
  check: boolean;
};

/** Pace while the campaign runs, a verdict once it has ended: what a row says about its target. */
function judge(achieved: number, target: number | null, share: number, ended: boolean) {
  const verdict = ended ? verdictOf(achieved, target) : undefined;
  return {
    behind: !ended && behindPace(achieved, target, share),
    ...(verdict && { verdict }),
    check: farAhead(achieved, target),
  };
}

/** The parts' rows from subtree totals; `ended`: the campaign is over, so each part is judged, not paced. */
export function partRows(campaign: Campaign, totals: Totals, share: number, ended = false): PartRow[] {
  const codes = partCodes(campaign);
  const byId = new Map(totals.parts.map((p) => [p.partId, p]));
  return allParts(campaign).map((part) => {
    const t = byId.get(part.id);
    const achieved = t?.achieved ?? 0;
    const target =
      part.kind === "percent" ? (t?.unitsInScope ?? null) : part.kind === "open" ? null : (t?.goal ?? null);
    const percent = target !== null && target > 0 ? (achieved / target) * 100 : null;
    return {
      part,
      code: codes.get(part.id) ?? part.id,
      achieved,
      target,
      percent,
      ...judge(achieved, target, share, ended),
    };
  });
}

/** One unit's cell for one part in the breakdown. */
export type BreakdownCell = {
  achieved: number;
  target: number | null;
  percent: number | null;
  behind: boolean;
  verdict?: Verdict;
  /** Far above its target: worth a check (see farAhead). */
  check: boolean;
};
/** One row of the breakdown: a child unit of the chosen unit, totalled over its own subtree. */
export type BreakdownRow = { unitId: string; name: string; hasChildren: boolean; cells: Map<string, BreakdownCell> };

/**
 * Rows of the breakdown (computeTotals' `units`), each cell against the unit's own target: its
 * allocated share for count parts, the units of its subtree for percent parts, none for open parts.
 */
export function breakdownRows(
  campaign: Campaign,
  tree: UnitTree,
  totals: Totals,
  allocations: GoalLookup,
  share: number,
  ended = false,
): BreakdownRow[] {
  const parts = new Map(allParts(campaign).map((p) => [p.id, p]));
  const rows = totals.units.map((row) => {
    const cells = new Map<string, BreakdownCell>();
    const subtree = tree.subtreeIds(row.unitId);
    for (const c of row.parts) {
      const part = parts.get(c.partId);
      if (!part) continue;
      // A percent part counts over the eligible, open units of the subtree (DESIGN §7).
      const target =
        part.kind === "percent"
          ? subtree.filter((id) => isEligible(part, id, tree)).length
          : part.kind === "open"
            ? null
            : (allocations(row.unitId, part.id) ?? null);
      const percent = target !== null && target > 0 ? (c.achieved / target) * 100 : null;
      cells.set(c.partId, { achieved: c.achieved, target, percent, ...judge(c.achieved, target, share, ended) });
    }
    return {
      unitId: row.unitId,
      name: tree.get(row.unitId)?.name ?? row.unitId,
      hasChildren: tree.childrenOf(row.unitId).length > 0,
      cells,
    };
  });
  const own = ownRow(tree, totals, rows);
  return own ? [...rows, own] : rows;
}

/**
 * What was recorded at the chosen unit itself, not at any unit below it (a district federation's
 * own activities): without this row the rows did not add up to "Tổng cộng" (a walkthrough found
 * 30 in the rows against a total of 1.230). Absent when nothing was.
 */
function ownRow(tree: UnitTree, totals: Totals, rows: readonly BreakdownRow[]): BreakdownRow | undefined {
  const top = totals.unitId;
  if (top === undefined) return undefined;
  const cells = new Map<string, BreakdownCell>();
  let any = false;
  for (const p of totals.parts) {
    const below = rows.reduce((sum, r) => sum + (r.cells.get(p.partId)?.achieved ?? 0), 0);
    const achieved = p.achieved - below;
    if (achieved !== 0) any = true;
    cells.set(p.partId, { achieved, target: null, percent: null, behind: false, check: false });
  }
  if (!any) return undefined;
  const name = t("dash.ownRow", { name: tree.get(top)?.name ?? top });
  return { unitId: top, name, hasChildren: false, cells };
}

/** What the breakdown is sorted by: the unit name, a part's achieved number, or a part's percent. */
export type SortKey = { by: "unit" } | { by: "achieved" | "percent"; partId: string };
/** The direction of a sort (the values of aria-sort). */
export type SortDir = "ascending" | "descending";

/** The rows sorted (a copy; the tree's order without a key); missing percentages sort last whichever the direction. */
export function sortRows(rows: readonly BreakdownRow[], key: SortKey | undefined, dir: SortDir): BreakdownRow[] {
  if (!key) return [...rows];
  const sign = dir === "ascending" ? 1 : -1;
  const byName = (a: BreakdownRow, b: BreakdownRow) => a.name.localeCompare(b.name, "vi");
  return [...rows].sort((a, b) => {
    if (key.by === "unit") return sign * byName(a, b);
    const x = a.cells.get(key.partId);
    const y = b.cells.get(key.partId);
    if (key.by === "achieved") return sign * ((x?.achieved ?? 0) - (y?.achieved ?? 0)) || byName(a, b);
    const px = x?.percent ?? null;
    const py = y?.percent ?? null;
    if (px === null || py === null) return px === py ? byName(a, b) : px === null ? 1 : -1;
    return sign * (px - py) || byName(a, b);
  });
}

/**
 * Reporting rate of one phase (or the year) over one or more subtrees: who submitted, on time or
 * late against the period's deadline, and who has not reported.
 */
export type PhaseReporting = {
  phaseId: string;
  name: string;
  /** The last day to submit (report-deadlines.ts). */
  due: string;
  expected: number;
  submitted: number;
  onTime: string[];
  late: string[];
  missing: string[];
};

/**
 * Reporting rate per phase and for the year (DHIS2's completeness), split on time / late by the
 * server's receipt time in Vietnam, over the given subtree roots; only reports the server holds count.
 */
export function reportingByPhase(
  campaign: Campaign,
  tree: UnitTree,
  roots: readonly string[],
  reports: readonly (Pick<PhaseReport, "campaignId" | "phaseId" | "unitId"> & {
    syncState?: string;
    receivedAt?: string | undefined;
  })[],
  today: string = todayIso(),
): PhaseReporting[] {
  const held = reports.filter((r) => r.syncState === undefined || r.syncState === "synced");
  const periods = [...campaign.phases, { id: YEAR_REPORT, name: t("reports.year") }];
  return periods.map((phase) => {
    const out: PhaseReporting = {
      phaseId: phase.id,
      name: phase.name,
      due: reportDueOf(campaign, phase.id) ?? "",
      expected: 0,
      submitted: 0,
      onTime: [],
      late: [],
      missing: [],
    };
    for (const root of roots) {
      const status = reportingStatus(campaign, phase.id, expectedReporters(tree, root), held, today);
      out.expected += status.onTime.length + status.late.length + status.missing.length;
      out.submitted += status.onTime.length + status.late.length;
      out.onTime.push(...status.onTime);
      out.late.push(...status.late);
      out.missing.push(...status.missing);
    }
    return out;
  });
}
