/**
 * Reviews (DESIGN §1 "Review"): a supervisor marks a synced entry approved or "has issues". The
 * batch algorithm follows push (sync/push.ts):
 *
 * 1. Outside any transaction, each review alone: its shape (`invalid` with the zod path; a
 *    "has-issues" review without a comment is invalid at `comment`), then the role: only
 *    supervisors and admins review (`forbidden`). Ids are lower-cased.
 * 2. In one store transaction, against a snapshot of the stored reviews with the batch's ids and
 *    of the units of the entries they name: the entry must be stored AND in the reviewer's scope,
 *    else `unknown-entry`. Missing and out-of-scope answer the same reason on purpose, so nobody
 *    can probe which entry ids exist in other districts (push treats a corrected entry outside
 *    scope as unknown for the same reason). Then the id: already stored (or accepted earlier in
 *    the batch) with the same content → `duplicate`, else `conflict`; then the entry's campaign
 *    must not be closed (`campaign-closed`, DESIGN §7). Otherwise `stored`.
 * 3. Stored reviews are written in that transaction with the reviewer's id and name (from the
 *    user record, never the body), the client id and the time received. Reviews are history:
 *    never updated; the newest per entry is its state (`latestReviews`).
 */

import type { RecordResult } from "../../src/domain/api";
import { isClosed } from "../../src/domain/phases";
import type { Campaign } from "../../src/domain/schemas";
import { type Review, review as reviewSchema } from "../../src/domain/supervision";
import { inScope, type Scope } from "../../src/domain/units";
import type { NewReview, ReviewPlanner } from "../store/store";
import { type Prepared, planBatch, prepareRecords, utc } from "./records";

/** Step 1: shape (createdAt at most a day after `receivedAt`) and role of each review, in order. */
export function prepareReviews(raws: readonly unknown[], mayReview: boolean, receivedAt?: string): Prepared<Review>[] {
  return prepareRecords(
    raws,
    reviewSchema,
    receivedAt,
    () => (mayReview ? undefined : "forbidden"),
    (r) => {
      const record: Review = {
        id: r.id.toLowerCase(),
        entryId: r.entryId.toLowerCase(),
        state: r.state,
        createdAt: r.createdAt,
      };
      if (r.comment !== undefined) record.comment = r.comment;
      return record;
    },
  );
}

/** Who reviews, from where, when. */
export type ReviewContext = {
  scope: Scope;
  /** The campaigns by id (a closed one, an archive, takes no new reviews). */
  campaign: (campaignId: string) => Campaign | undefined;
  reviewerId: string;
  reviewerName: string;
  clientId: string;
  receivedAt: string;
};

/** Steps 2 and 3 as a store planner. */
export function planReviews(prepared: readonly Prepared<Review>[], ctx: ReviewContext): ReviewPlanner<RecordResult[]> {
  return (snapshot) => {
    const { write, result } = planBatch<Review, NewReview>(prepared, snapshot.reviews, {
      before: (r) => {
        const unitId = snapshot.entryUnits.get(r.entryId);
        return unitId === undefined || !inScope(ctx.scope, unitId) ? "unknown-entry" : undefined;
      },
      // After the id: a retry of a review stored before the close is still acknowledged.
      rules: (r) => {
        const campaignId = snapshot.entryCampaigns.get(r.entryId);
        const campaign = campaignId === undefined ? undefined : ctx.campaign(campaignId);
        return campaign && isClosed(campaign) ? "campaign-closed" : undefined;
      },
      contentKey: (r) => JSON.stringify([r.id, r.entryId, r.state, r.comment ?? null, utc(r.createdAt)]),
      toStored: (r) => ({
        ...r,
        unitId: snapshot.entryUnits.get(r.entryId) as string,
        reviewerId: ctx.reviewerId,
        reviewerName: ctx.reviewerName,
        clientId: ctx.clientId,
        receivedAt: ctx.receivedAt,
      }),
    });
    return { write, result };
  };
}
