/**
 * What a unit reports at a phase's end or the year's (DESIGN §6 "Phase reports with content",
 * "Nominations"; §7 "Report content", "New record types"): the narrative sections and frozen
 * figures a phase report may carry, nominations for commendation (đề nghị khen thưởng) and the
 * level above's decisions on them. Like reviews, these are immutable records with a client-made
 * UUID, pushed from an outbox and pulled by every device in scope; a newer report of the same
 * unit and phase replaces an older one for reading ("latest" by its `createdAt` instant), and
 * the older stays as history.
 *
 * Routes (same result shape as reviews: `200 {results: [{id, status, reason?, path?}]}`):
 * - `POST /api/v1/nominations` `{clientId, nominations: Nomination[]}`; reasons `invalid`,
 *   `forbidden`, `conflict`, `unknown-campaign`, `campaign-closed`, `unknown-unit`.
 * - `POST /api/v1/nomination-reviews` `{clientId, reviews: NominationReview[]}` by supervisors of
 *   the level above the proposing unit; reasons `invalid`, `forbidden`, `unknown-nomination`,
 *   `conflict`, `campaign-closed`.
 * - `GET /api/v1/sync/pull` carries `nominations` and `nominationReviews` of the units in scope.
 */
import * as z from "zod/mini";
import { slug, uuid } from "./schemas";

/** The phase id of the year-end report (tổng kết): reserved, never a phase of a campaign. */
export const YEAR_REPORT = "year";

/** The narrative sections of a report, in the order the document prints them. */
export const SECTION_KEYS = ["results", "movements", "difficulties", "proposals"] as const;
export const sectionKey = z.enum(SECTION_KEYS);
export type SectionKey = z.infer<typeof sectionKey>;

/** Longest text of one section. */
export const SECTION_MAX = 20_000;

export const reportSection = z.strictObject({
  key: sectionKey,
  text: z.string().check(z.maxLength(SECTION_MAX)),
});
export type ReportSection = z.infer<typeof reportSection>;

/** Each key at most once. */
export const reportSections = z
  .array(reportSection)
  .check(z.refine((list) => new Set(list.map((s) => s.key)).size === list.length, { error: "duplicate-section" }));

/** A part's achieved figure for the unit's subtree, frozen when the report is submitted. */
export const reportFigure = z.strictObject({
  partId: slug,
  achieved: z.number().check(z.int(), z.gte(0)),
});
export type ReportFigure = z.infer<typeof reportFigure>;

/** Each part at most once; a campaign has far fewer parts than the cap. */
export const reportFigures = z.array(reportFigure).check(
  z.maxLength(1000),
  z.refine((list) => new Set(list.map((f) => f.partId)).size === list.length, { error: "duplicate-part" }),
);

/**
 * The latest report of each (campaign, phase, unit): by the `createdAt` instant (offsets differ
 * between phones, so strings are not compared), ties broken by id so every device agrees.
 */
export function latestReports<
  R extends { id: string; campaignId: string; phaseId: string; unitId: string; createdAt: string },
>(reports: Iterable<R>): Map<string, R> {
  const out = new Map<string, R>();
  for (const r of reports) {
    const key = reportKey(r.campaignId, r.phaseId, r.unitId);
    const cur = out.get(key);
    if (!cur || newer(r, cur)) out.set(key, r);
  }
  return out;
}

/** The key of `latestReports`' map. */
export function reportKey(campaignId: string, phaseId: string, unitId: string): string {
  return `${campaignId}\u0000${phaseId}\u0000${unitId}`;
}

function newer(a: { id: string; createdAt: string }, b: { id: string; createdAt: string }): boolean {
  const ta = Date.parse(a.createdAt);
  const tb = Date.parse(b.createdAt);
  return ta !== tb ? ta > tb : a.id > b.id;
}

/** Not empty nor only spaces (checked, never trimmed: the record is stored as sent). */
const filled = z.refine<string>((s) => s.trim() !== "", { error: "blank" });

/** A report's frozen figures: the achieved figure of every part in the unit's subtree totals. */
export function figuresOf(totals: { parts: readonly { partId: string; achieved: number }[] }): ReportFigure[] {
  return totals.parts.map((p) => ({ partId: p.partId, achieved: Math.max(0, p.achieved) }));
}

export const nominationKind = z.enum(["collective", "individual"]);
export type NominationKind = z.infer<typeof nominationKind>;

/** A proposal that a collective or a person be commended, made by a unit for the level above. */
export const nomination = z.strictObject({
  id: uuid,
  campaignId: slug,
  /** The proposing unit. */
  unitId: slug,
  kind: nominationKind,
  name: z.string().check(z.maxLength(300), filled),
  achievements: z.string().check(z.maxLength(SECTION_MAX)),
  award: z.string().check(z.maxLength(300), filled),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Nomination = z.infer<typeof nomination>;
/** A nomination as pulled: plus its author and the time received. */
export type PulledNomination = Nomination & { authorId: string; receivedAt: string };

/** The newest decision on each nomination (decisions are history; the newest is its state). */
export function latestDecisions<D extends { nominationId: string; createdAt: string }>(
  decisions: Iterable<D>,
): Map<string, D> {
  const out = new Map<string, D>();
  for (const d of decisions) {
    const cur = out.get(d.nominationId);
    if (!cur || Date.parse(cur.createdAt) < Date.parse(d.createdAt)) out.set(d.nominationId, d);
  }
  return out;
}

export const nominationState = z.enum(["accepted", "returned"]);
export type NominationState = z.infer<typeof nominationState>;

/** The level above's decision on a nomination; the newest decision is its state. */
export const nominationReview = z.strictObject({
  id: uuid,
  nominationId: uuid,
  state: nominationState,
  comment: z.optional(z.string().check(z.maxLength(2000))),
  createdAt: z.iso.datetime({ offset: true }),
});
export type NominationReview = z.infer<typeof nominationReview>;
/** A decision as pulled: plus the reviewer and the time received. */
export type PulledNominationReview = NominationReview & {
  reviewerId: string;
  reviewerName: string;
  receivedAt: string;
};
