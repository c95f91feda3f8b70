/**
 * When a report is owed (DESIGN §7 "Names §6 left open"): each phase's report (sơ kết) and the
 * year-end report (tổng kết) have a last day, `reportDue` as the admin set it on the phase or the
 * campaign, else 10 days after the phase ends (after the last phase ends, for the year). A report
 * may be submitted from the first day of the period's last month: a sơ kết reports a finished
 * phase, so one sent in its first week reports nothing. That "too early" is the app's rule only;
 * the server stores what arrives. Lateness is judged on the server's `receivedAt` read as a day
 * in Vietnam (Asia/Ho_Chi_Minh), never on the phone's clock: a report written on time offline but
 * synced after the deadline is late, as a paper report posted on time but delivered late is.
 */
import { campaignSpan, todayIso } from "./phases";
import { YEAR_REPORT } from "./reports";
import type { Campaign } from "./schemas";

/** Days between a period's end and its report's default deadline. */
export const DEFAULT_REPORT_DAYS = 10;

type Periods = Pick<Campaign, "phases" | "reportDue">;

/** `day` ("YYYY-MM-DD") plus `n` days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The first and last day of a phase, or of the whole campaign for the year; undefined for an unknown phase. */
function periodOf(campaign: Periods, phaseId: string): { start: string; end: string; due?: string } | undefined {
  if (phaseId === YEAR_REPORT) {
    const span = campaignSpan(campaign);
    return campaign.reportDue === undefined ? span : { ...span, due: campaign.reportDue };
  }
  const p = campaign.phases.find((x) => x.id === phaseId);
  if (!p) return undefined;
  return p.reportDue === undefined ? { start: p.start, end: p.end } : { start: p.start, end: p.end, due: p.reportDue };
}

/** The last day to submit the report of a phase (or `"year"`): the admin's `reportDue`, else 10 days after the end. */
export function reportDueOf(campaign: Periods, phaseId: string): string | undefined {
  const p = periodOf(campaign, phaseId);
  if (!p) return undefined;
  return p.due ?? addDays(p.end, DEFAULT_REPORT_DAYS);
}

/** The first day a report of the phase (or `"year"`) may be submitted: the first of the period's last month. */
export function reportOpensOn(campaign: Periods, phaseId: string): string | undefined {
  const p = periodOf(campaign, phaseId);
  if (!p) return undefined;
  const monthStart = `${p.end.slice(0, 7)}-01`;
  // A period shorter than a month opens on its first day.
  return monthStart < p.start ? p.start : monthStart;
}

/** True when `today` (Vietnam's day) comes before the first day a report of the phase may be submitted. */
export function reportTooEarly(campaign: Periods, phaseId: string, today: string): boolean {
  const opens = reportOpensOn(campaign, phaseId);
  return opens !== undefined && today < opens;
}

/** How a report stands against its deadline. */
export type ReportTiming = "on-time" | "late";

/**
 * On time or late, from the server's `receivedAt` read as a day in Vietnam: a report received on
 * the due day itself is on time. Undefined for a report the server does not hold yet, or a
 * phase the campaign does not have.
 */
export function reportTiming(
  campaign: Periods,
  report: { phaseId: string; receivedAt?: string | undefined },
): ReportTiming | undefined {
  const due = reportDueOf(campaign, report.phaseId);
  if (due === undefined || report.receivedAt === undefined) return undefined;
  const at = new Date(report.receivedAt);
  if (Number.isNaN(at.getTime())) return undefined;
  return todayIso(at) > due ? "late" : "on-time";
}

/** On time / late / missing of the units expected to report for one phase. */
export type ReportingStatus = { onTime: string[]; late: string[]; missing: string[] };

/**
 * Sort the expected units of one phase (or the year) into on time, late and missing, by the
 * first report the server received from each (a later replacement does not make an on-time
 * report late). Pass only reports the server holds. One held but not yet pulled back (no
 * `receivedAt`: pushed by this phone since the last pull) was received by `today` at the
 * latest, so it is judged as received today until the pull brings the server's time.
 */
export function reportingStatus(
  campaign: Periods & Pick<Campaign, "id">,
  phaseId: string,
  expected: readonly string[],
  reports: Iterable<{ campaignId: string; phaseId: string; unitId: string; receivedAt?: string | undefined }>,
  today: string,
): ReportingStatus {
  const due = reportDueOf(campaign, phaseId);
  const first = new Map<string, ReportTiming>();
  for (const r of reports) {
    if (r.campaignId !== campaign.id || r.phaseId !== phaseId) continue;
    const timing =
      r.receivedAt !== undefined
        ? reportTiming(campaign, { phaseId, receivedAt: r.receivedAt })
        : due !== undefined && today > due
          ? "late"
          : "on-time";
    // Any report received on time makes the unit on time.
    if (timing && first.get(r.unitId) !== "on-time") first.set(r.unitId, timing);
  }
  const out: ReportingStatus = { onTime: [], late: [], missing: [] };
  for (const unitId of expected) {
    const timing = first.get(unitId);
    if (timing === "late") out.late.push(unitId);
    else if (timing === "on-time") out.onTime.push(unitId);
    else out.missing.push(unitId);
  }
  return out;
}
