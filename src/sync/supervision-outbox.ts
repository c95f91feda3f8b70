/**
 * The outbox for reviews, replies to them, phase reports, nominations and decisions on them: the same rules as entries (nothing leaves the
 * phone until the server answered; rejected records stay, flagged), in smaller batches.
 */
import type { LocalNomination, LocalNominationReview, LocalPhaseReport, LocalReply, LocalReview } from "../db/database";
import { applyRecordResults, pendingRecords } from "../db/supervision";
import type { Reply } from "../domain/replies";
import type { Nomination, NominationReview } from "../domain/reports";
import type { PhaseReport, Review } from "../domain/supervision";
import { pushNominationReviews, pushNominations, pushPhaseReports, pushReplies, pushReviews } from "./api";
import type { DrainOutcome } from "./outbox";

const BATCH = 200;

function reviewWire(r: LocalReview): Review {
  const w: Review = { id: r.id, entryId: r.entryId, state: r.state, createdAt: r.createdAt };
  if (r.comment !== undefined && r.comment !== "") w.comment = r.comment;
  return w;
}

function reportWire(r: LocalPhaseReport): PhaseReport {
  const w: PhaseReport = {
    id: r.id,
    campaignId: r.campaignId,
    phaseId: r.phaseId,
    unitId: r.unitId,
    createdAt: r.createdAt,
  };
  if (r.note !== undefined && r.note !== "") w.note = r.note;
  if (r.sections !== undefined && r.sections.length > 0) w.sections = r.sections;
  if (r.figures !== undefined) w.figures = r.figures;
  return w;
}

function nominationWire(n: LocalNomination): Nomination {
  const { id, campaignId, unitId, kind, name, achievements, award, createdAt } = n;
  return { id, campaignId, unitId, kind, name, achievements, award, createdAt };
}

function decisionWire(r: LocalNominationReview): NominationReview {
  const w: NominationReview = { id: r.id, nominationId: r.nominationId, state: r.state, createdAt: r.createdAt };
  if (r.comment !== undefined && r.comment !== "") w.comment = r.comment;
  return w;
}

function replyWire(r: LocalReply): Reply {
  return { id: r.id, entryId: r.entryId, text: r.text, createdAt: r.createdAt };
}

/** Each outboxed table with its push: nominations before the decisions that may name them. */
const SENDERS = {
  reviews: (c: string, b: unknown[]) => pushReviews(c, (b as LocalReview[]).map(reviewWire)),
  phaseReports: (c: string, b: unknown[]) => pushPhaseReports(c, (b as LocalPhaseReport[]).map(reportWire)),
  nominations: (c: string, b: unknown[]) => pushNominations(c, (b as LocalNomination[]).map(nominationWire)),
  nominationReviews: (c: string, b: unknown[]) =>
    pushNominationReviews(c, (b as LocalNominationReview[]).map(decisionWire)),
  replies: (c: string, b: unknown[]) => pushReplies(c, (b as LocalReply[]).map(replyWire)),
} as const;

/** Push this user's pending reviews, phase reports, nominations, decisions on nominations and replies. */
export async function drainSupervision(ownerId: string, clientId: string): Promise<DrainOutcome> {
  let synced = 0;
  let rejected = 0;
  for (const table of ["reviews", "phaseReports", "nominations", "nominationReviews", "replies"] as const) {
    for (;;) {
      const batch = await pendingRecords(table, ownerId, BATCH);
      if (batch.length === 0) break;
      const res = await SENDERS[table](clientId, batch);
      if (!res.ok) {
        if (res.status === 401) return { kind: "session-expired" };
        // A server without these routes yet (404) is a retry later, never a loss.
        const out: DrainOutcome = { kind: "retry", code: res.code };
        if ("retryAfter" in res && res.retryAfter !== undefined) out.retryAfter = res.retryAfter;
        return out;
      }
      const applied = await applyRecordResults(table, res.data.results);
      if (applied === 0) return { kind: "retry", code: "no-progress" };
      for (const r of res.data.results) {
        if (r.status === "rejected") rejected++;
        else synced++;
      }
    }
  }
  return { kind: "done", synced, rejected };
}
