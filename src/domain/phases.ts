/** Phases and milestones: which phase a day belongs to, and how old an anniversary is. */
import type { Campaign, Milestone, Phase } from "./schemas";

/** The phase whose dates contain `date` ("YYYY-MM-DD"), or undefined when none does. */
export function phaseOf(campaign: Pick<Campaign, "phases">, date: string): Phase | undefined {
  // ISO dates compare correctly as strings.
  return campaign.phases.find((p) => p.start <= date && date <= p.end);
}

/** The first and last day covered by the campaign's phases. */
export function campaignSpan(campaign: Pick<Campaign, "phases">): { start: string; end: string } {
  let start = campaign.phases[0]?.start ?? "";
  let end = campaign.phases[0]?.end ?? "";
  for (const p of campaign.phases) {
    if (p.start < start) start = p.start;
    if (p.end > end) end = p.end;
  }
  return { start, end };
}

/** The day to offer as the default entry date: today, clamped into the campaign's span. */
export function defaultEntryDate(campaign: Pick<Campaign, "phases">, today: string): string {
  const { start, end } = campaignSpan(campaign);
  if (today < start) return start;
  if (today > end) return end;
  return today;
}

/** Whole years from the milestone's `since` to its date (1945-09-02 → 2023-09-02 is 78). */
export function anniversaryYears(m: Milestone): number | undefined {
  if (!m.since) return undefined;
  const years = Number(m.date.slice(0, 4)) - Number(m.since.slice(0, 4));
  // Not yet reached within the year when the day-of-year comes before the founding day.
  return m.date.slice(5) < m.since.slice(5) ? years - 1 : years;
}

/** Milestones on or after `today`, soonest first; when all have passed, the last `limit`. */
export function upcomingMilestones(campaign: Pick<Campaign, "milestones">, today: string, limit = 3): Milestone[] {
  const sorted = [...campaign.milestones].sort((a, b) => compareIso(a.date, b.date));
  const ahead = sorted.filter((m) => m.date >= today);
  return ahead.length > 0 ? ahead.slice(0, limit) : sorted.slice(-limit);
}

/**
 * Order of two ISO dates or times: their characters' order (localeCompare would give the same, but
 * its first use loads ICU's collation data, which the first screen does without).
 */
export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Vietnam's offset from UTC: +7 all year, no daylight saving since 1975. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** Today's date in the given time zone as "YYYY-MM-DD" (Vietnam by default). */
export function todayIso(now: Date = new Date(), timeZone = "Asia/Ho_Chi_Minh"): string {
  // Vietnam's day without Intl: a browser's first Intl formatter loads ICU's data, which cost a
  // cheap phone's cold start ~170 ms (bench, 4× CPU) for a fixed offset.
  if (timeZone === "Asia/Ho_Chi_Minh" && now.getUTCFullYear() >= 1976)
    return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** True when the campaign is an archive: readable, refusing new records. */
export function isClosed(campaign: Pick<Campaign, "status">): boolean {
  return campaign.status === "closed";
}

/**
 * The campaign a screen opens on when the user chose none: the active campaign whose phases
 * contain today, else the newest (by year, then issue date).
 */
export function defaultCampaign<C extends Pick<Campaign, "status" | "phases" | "year" | "issuedOn">>(
  campaigns: readonly C[],
  today: string,
): C | undefined {
  const current = campaigns.find((c) => !isClosed(c) && phaseOf(c, today) !== undefined);
  if (current) return current;
  return [...campaigns].sort((a, b) => b.year - a.year || compareIso(b.issuedOn, a.issuedOn))[0];
}
