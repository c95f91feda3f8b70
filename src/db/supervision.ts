/**
 * Reviews, phase reports and allocations on the phone. Reviews and phase reports are made
 * offline like entries: written durably as pending, pushed by the outbox, kept until the server
 * answers. Allocations are set online by supervisors and arrive with pull.
 */
import Dexie from "dexie";
import { type GoalLookup, goalLookupOf } from "../domain/goals";
import type { PulledReply, Reply } from "../domain/replies";
import type { Nomination, NominationReview, PulledNomination, PulledNominationReview } from "../domain/reports";
import type { PushResult } from "../domain/schemas";
import type { Allocation, PhaseReport, PulledPhaseReport, PulledReview, Review } from "../domain/supervision";
import {
  db,
  type LocalNomination,
  type LocalNominationReview,
  type LocalPhaseReport,
  type LocalReply,
  type LocalReview,
} from "./database";

/** Store a review made on this phone, pending until pushed. */
export async function saveReview(r: Review, ownerId: string, reviewerName: string): Promise<LocalReview> {
  const local: LocalReview = { ...r, ownerId, reviewerName, syncState: "pending" };
  await db().reviews.add(local);
  return local;
}

/** Store a phase report made on this phone, pending until pushed. */
export async function savePhaseReport(r: PhaseReport, ownerId: string): Promise<LocalPhaseReport> {
  const local: LocalPhaseReport = { ...r, ownerId, syncState: "pending" };
  await db().phaseReports.add(local);
  return local;
}

/** Store a nomination made on this phone, pending until pushed. */
export async function saveNomination(n: Nomination, ownerId: string): Promise<void> {
  await db().nominations.add({ ...n, ownerId, syncState: "pending" });
}

/** Store a decision on a nomination made on this phone, pending until pushed. */
export async function saveNominationReview(r: NominationReview, ownerId: string, reviewerName: string): Promise<void> {
  await db().nominationReviews.add({ ...r, ownerId, reviewerName, syncState: "pending" });
}

/** Store a reply to a review made on this phone, pending until pushed. */
export async function saveReply(r: Reply, ownerId: string, authorName: string): Promise<void> {
  await db().replies.add({ ...r, ownerId, authorName, syncState: "pending" });
}

type Outboxed = "reviews" | "phaseReports" | "nominations" | "nominationReviews" | "replies";
type OutboxedRow = LocalReview | LocalPhaseReport | LocalNomination | LocalNominationReview | LocalReply;

/** The oldest pending records of one user in one outboxed table. */
export function pendingRecords(table: Outboxed, ownerId: string, limit: number): Promise<OutboxedRow[]> {
  return db()
    [table].where("[ownerId+syncState+createdAt]")
    .between([ownerId, "pending", Dexie.minKey], [ownerId, "pending", Dexie.maxKey])
    .limit(limit)
    .toArray();
}

/** How many reviews and phase reports wait on the phone. */
export async function countPendingSupervision(): Promise<number> {
  const d = db();
  const counts = await Promise.all(
    [d.reviews, d.phaseReports, d.nominations, d.nominationReviews, d.replies].map((t) =>
      t.where("syncState").equals("pending").count(),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Apply the server's answers to pushed reviews or phase reports (rejected ones stay, flagged). */
export async function applyRecordResults(table: Outboxed, results: PushResult[]): Promise<number> {
  const t = db()[table] as Dexie.Table<OutboxedRow, string>;
  return db().transaction("rw", t, async () => {
    const rows = await t.bulkGet(results.map((r) => r.id));
    const updated: OutboxedRow[] = [];
    rows.forEach((row, i) => {
      const r = results[i];
      if (!row || !r || row.syncState !== "pending") return;
      updated.push(
        r.status === "rejected"
          ? { ...row, syncState: "rejected", rejectReason: r.reason ?? "invalid" }
          : { ...row, syncState: "synced" },
      );
    });
    await t.bulkPut(updated);
    return updated.length;
  });
}

/** Add pulled reviews, phase reports and allocations (allocations replace the phone's copy). */
export async function applyPulledSupervision(
  reviews: PulledReview[],
  reports: PulledPhaseReport[],
  allocations: Allocation[] | undefined,
): Promise<void> {
  const d = db();
  await d.transaction("rw", [d.reviews, d.phaseReports, d.allocations], async () => {
    if (reviews.length > 0) {
      await d.reviews.bulkPut(
        reviews.map(({ reviewerId, ...r }) => ({ ...r, ownerId: reviewerId, syncState: "synced" })),
      );
    }
    if (reports.length > 0) {
      await d.phaseReports.bulkPut(
        reports.map(({ authorId, ...r }) => ({ ...r, ownerId: authorId, syncState: "synced" })),
      );
    }
    if (allocations) {
      await d.allocations.clear();
      await d.allocations.bulkPut(allocations.filter((a) => a.goal !== null));
    }
  });
}

/** Add pulled nominations and the decisions on them. */
export async function applyPulledNominations(
  nominations: PulledNomination[] | undefined,
  decisions: PulledNominationReview[] | undefined,
): Promise<void> {
  const d = db();
  await d.transaction("rw", [d.nominations, d.nominationReviews], async () => {
    if (nominations && nominations.length > 0) {
      await d.nominations.bulkPut(
        nominations.map(({ authorId, ...n }) => ({ ...n, ownerId: authorId, syncState: "synced" })),
      );
    }
    if (decisions && decisions.length > 0) {
      await d.nominationReviews.bulkPut(
        decisions.map(({ reviewerId, ...r }) => ({ ...r, ownerId: reviewerId, syncState: "synced" })),
      );
    }
  });
}

/** Add pulled replies to reviews. */
export async function applyPulledReplies(replies: PulledReply[] | undefined): Promise<void> {
  if (!replies || replies.length === 0) return;
  await db().replies.bulkPut(replies.map(({ authorId, ...r }) => ({ ...r, ownerId: authorId, syncState: "synced" })));
}

/** Every reply to reviews of one entry, oldest first. */
export async function repliesOf(entryId: string): Promise<LocalReply[]> {
  return (await db().replies.where("entryId").equals(entryId).toArray()).sort(
    (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt),
  );
}

/** Nominations of a campaign, and every decision on them (the newest decision is a nomination's state). */
export async function listNominations(
  campaignId: string,
): Promise<{ nominations: LocalNomination[]; decisions: LocalNominationReview[] }> {
  const d = db();
  return d.transaction("r", [d.nominations, d.nominationReviews], async () => {
    const nominations = await d.nominations.where("campaignId").equals(campaignId).toArray();
    const decisions = await d.nominationReviews
      .where("nominationId")
      .anyOf(nominations.map((n) => n.id))
      .toArray();
    return { nominations, decisions };
  });
}

/** Store allocations the server accepted (goal null removes). */
export async function putAllocations(list: Allocation[]): Promise<void> {
  const d = db();
  await d.transaction("rw", d.allocations, async () => {
    for (const a of list) {
      if (a.goal === null) await d.allocations.delete([a.campaignId, a.partId, a.unitId]);
      else await d.allocations.put(a);
    }
  });
}

/** A unit's allocated share of a part's goal, for computeTotals. */
export async function allocationLookup(campaignId: string): Promise<GoalLookup> {
  return goalLookupOf(await db().allocations.where("campaignId").equals(campaignId).toArray());
}

/** Every allocation of a campaign. */
export function listAllocations(campaignId: string): Promise<Allocation[]> {
  return db().allocations.where("campaignId").equals(campaignId).toArray();
}

/** Every review of one entry, oldest first (the last is its state). */
export async function reviewsOf(entryId: string): Promise<LocalReview[]> {
  return (await db().reviews.where("entryId").equals(entryId).toArray()).sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
}

/** Every review on the phone (for the ledger's badges and the dashboard). */
export function listReviews(): Promise<LocalReview[]> {
  return db().reviews.toArray();
}

/** Phase reports of a campaign and phase. */
export function listPhaseReports(campaignId: string, phaseId?: string): Promise<LocalPhaseReport[]> {
  const t = db().phaseReports;
  return phaseId === undefined
    ? t.where("[campaignId+phaseId]").between([campaignId, Dexie.minKey], [campaignId, Dexie.maxKey]).toArray()
    : t.where("[campaignId+phaseId]").equals([campaignId, phaseId]).toArray();
}
