/**
 * The outbox for reviews and phase reports: the same rules as entries (nothing leaves the
 * phone until the server answered; rejected records stay, flagged), in smaller batches.
 */
import type { LocalPhaseReport, LocalReview } from "../db/database";
import { applyRecordResults, pendingRecords } from "../db/supervision";
import type { PhaseReport, Review } from "../domain/supervision";
import { pushPhaseReports, pushReviews } from "./api";
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

/** Push this user's pending reviews, then phase reports. */
export async function drainSupervision(ownerId: string, clientId: string): Promise<DrainOutcome> {
  let synced = 0;
  let rejected = 0;
  for (const table of ["reviews", "phaseReports"] as const) {
    for (;;) {
      const batch = await pendingRecords(table, ownerId, BATCH);
      if (batch.length === 0) break;
      const res =
        table === "reviews"
          ? await pushReviews(clientId, (batch as LocalReview[]).map(reviewWire))
          : await pushPhaseReports(clientId, (batch as LocalPhaseReport[]).map(reportWire));
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
