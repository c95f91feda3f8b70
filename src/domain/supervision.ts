/**
 * Supervisor work (DESIGN §1 "Phase report", "Review"): the wire shapes of reviews,
 * phase reports and allocations, and the pure rules over them (latest review, reporting rate,
 * expected pace). Like entries, reviews and phase reports are immutable records with a
 * client-made UUID, pushed from an outbox and carried to every device in scope by pull; a
 * review is an annotation beside an entry, never an edit of it.
 *
 * Routes (extensions of DESIGN §2, same style):
 * - `POST /api/v1/reviews` `{clientId, reviews: Review[]}` → `200 {results: [{id, status, reason?, path?}]}`;
 *   reasons `invalid`, `forbidden` (officers, or an entry outside scope), `conflict`, `unknown-entry`.
 * - `POST /api/v1/phase-reports` `{clientId, reports: PhaseReport[]}` → the same result shape; reasons
 *   `invalid`, `forbidden`, `conflict`, `unknown-campaign`, `campaign-closed`, `unknown-phase` ("year"
 *   is every campaign's), `unknown-unit`, `unknown-part` (a figure's part).
 * - `PUT /api/v1/allocations` `{allocations: Allocation[]}` → `200 {allocations}`; all or nothing;
 *   `403` unless the caller is an admin or a supervisor whose scope holds the unit's parent;
 *   `400` naming the first bad item. `goal: null` removes an allocation.
 * - `GET /api/v1/sync/pull` also carries `reviews: PulledReview[]`, `phaseReports: PulledPhaseReport[]`
 *   and `allocations: Allocation[]` for the caller's scope.
 */
import * as z from "zod/mini";
import { campaignSpan } from "./phases";
import { reportFigures, reportSections } from "./reports";
import { type Campaign, slug, uuid } from "./schemas";
import { wellFormed } from "./text";
import type { UnitTree } from "./units";

export const reviewState = z.enum(["approved", "has-issues"]);
export type ReviewState = z.infer<typeof reviewState>;

export const COMMENT_MAX = 2000;

/** A supervisor's review of one synced entry; "has-issues" needs a comment. */
export const review = z
  .strictObject({
    id: uuid,
    entryId: uuid,
    state: reviewState,
    comment: z.optional(z.string().check(z.maxLength(COMMENT_MAX), wellFormed())),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .check(
    z.refine((r) => r.state !== "has-issues" || (r.comment ?? "").trim().length > 0, {
      error: "comment-required",
      path: ["comment"],
    }),
  );
export type Review = z.infer<typeof review>;
/** A review as pulled: plus the reviewer and the time the server received it. */
export type PulledReview = Review & { reviewerId: string; reviewerName: string; receivedAt: string };

/**
 * An officer submits a unit's report for a phase, or for the year (`phaseId` "year", the
 * tổng kết): optionally with narrative sections and the unit's figures frozen when submitted
 * (reports.ts). A newer report of the same unit and phase replaces it for reading.
 */
export const phaseReport = z.strictObject({
  id: uuid,
  campaignId: slug,
  phaseId: slug,
  unitId: slug,
  note: z.optional(z.string().check(z.maxLength(COMMENT_MAX), wellFormed())),
  sections: z.optional(reportSections),
  figures: z.optional(reportFigures),
  createdAt: z.iso.datetime({ offset: true }),
});
export type PhaseReport = z.infer<typeof phaseReport>;
/** A phase report as pulled: plus its author and the time received. */
export type PulledPhaseReport = PhaseReport & { authorId: string; receivedAt: string };

/** A unit's share of a part's goal, set by the level above it. */
export const allocation = z.strictObject({
  campaignId: slug,
  partId: slug,
  unitId: slug,
  goal: z.nullable(z.number().check(z.int(), z.gte(0), z.lte(1_000_000_000))),
});
export type Allocation = z.infer<typeof allocation>;

/** The latest review of each entry (reviews are history; the newest one is the entry's state). */
export function latestReviews<R extends Pick<Review, "entryId" | "createdAt">>(reviews: Iterable<R>): Map<string, R> {
  const out = new Map<string, R>();
  for (const r of reviews) {
    const cur = out.get(r.entryId);
    // Instants, not text: "…T09:00+07:00" is earlier than "…T03:00Z".
    if (!cur || Date.parse(cur.createdAt) < Date.parse(r.createdAt)) out.set(r.entryId, r);
  }
  return out;
}

/** Units expected to report for a subtree: every unit in it except the province at the tree's root. */
export function expectedReporters(tree: UnitTree, subtreeRoot: string): string[] {
  return tree.subtreeIds(subtreeRoot).filter((id) => tree.get(id)?.parentId !== undefined);
}

export type ReportingRate = { expected: number; submitted: number; missing: string[] };

/** Reporting rate of a subtree for one phase: units that submitted over units expected (DHIS2's completeness). */
export function reportingRate(
  tree: UnitTree,
  subtreeRoot: string,
  reports: Iterable<Pick<PhaseReport, "campaignId" | "phaseId" | "unitId">>,
  campaignId: string,
  phaseId: string,
): ReportingRate {
  const expected = expectedReporters(tree, subtreeRoot);
  const done = new Set<string>();
  for (const r of reports) if (r.campaignId === campaignId && r.phaseId === phaseId) done.add(r.unitId);
  const missing = expected.filter((id) => !done.has(id));
  return { expected: expected.length, submitted: expected.length - missing.length, missing };
}

/**
 * Share of a period elapsed on `today` (0 before it starts, 1 after it ends): the pace a goal
 * for the period should have reached. Days count inclusively.
 */
export function elapsedShare(start: string, end: string, today: string): number {
  if (today < start) return 0;
  if (today >= end) return 1;
  const day = 86_400_000;
  const s = Date.parse(`${start}T00:00:00Z`);
  const total = (Date.parse(`${end}T00:00:00Z`) - s) / day + 1;
  return ((Date.parse(`${today}T00:00:00Z`) - s) / day + 1) / total;
}

/** A part's outcome once its campaign has ended: its goal (or share, or every unit) reached, or not. */
export type Verdict = "met" | "not-met";

/** True once the campaign's last phase has ended (in Vietnam's calendar: pass `todayIso()`). */
export function campaignEnded(campaign: Pick<Campaign, "phases">, today: string): boolean {
  return today > campaignSpan(campaign).end;
}

/** The verdict on an ended campaign's part: none without a goal (open parts, unallocated shares). */
export function verdictOf(achieved: number, goal: number | null): Verdict | undefined {
  if (goal === null || goal <= 0) return undefined;
  return achieved >= goal ? "met" : "not-met";
}

/** True when achieved lags the pace expected by `today` by more than `tolerance` (10 % of the goal by default). */
export function behindPace(achieved: number, goal: number | null, share: number, tolerance = 0.1): boolean {
  if (goal === null || goal <= 0) return false;
  return achieved < goal * (share - tolerance);
}

/**
 * Far ahead of the goal: more than 1.5 times it, and by at least 10 (2 of a goal of 1 is no
 * alarm). Often a typing slip (a 1.200 for 120) or an entry at the wrong level, so a supervisor is
 * asked to check it; never a block, a big success is real too.
 */
export function farAhead(achieved: number, goal: number | null, factor = 1.5, margin = 10): boolean {
  return goal !== null && goal > 0 && achieved > goal * factor && achieved - goal >= margin;
}

/** Check an allocation's date-free rule: a unit's share is set by someone whose scope holds its parent. */
export function mayAllocate(tree: UnitTree, unitId: string, scopeRoots: readonly string[], isAdmin: boolean): boolean {
  const unit = tree.get(unitId);
  if (!unit || unit.parentId === undefined) return false;
  return isAdmin || tree.isWithin(unit.parentId, scopeRoots);
}
