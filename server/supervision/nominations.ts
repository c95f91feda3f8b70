/**
 * Nominations for commendation and the level above's decisions on them (DESIGN §6
 * "Nominations", §7 "New record types"; wire shapes in src/domain/reports.ts). Both are record
 * batches judged like phase reports and reviews (records.ts):
 *
 * - A nomination: shape (`invalid`), the proposing unit in the sender's scope (`forbidden`; an
 *   unknown unit is outside every non-admin scope, so ids cannot be probed); in the store's
 *   transaction: the id (`duplicate` / `conflict`), then `unknown-campaign`, `campaign-closed`,
 *   `unknown-unit`.
 * - A decision: shape (`invalid`), officers may not decide (`forbidden`); in the transaction: the
 *   nomination must be stored and in the reviewer's scope, else `unknown-nomination` (missing and
 *   out of scope answer alike, as reviews do for entries); only the level above the proposing
 *   unit decides (`forbidden` for the unit's own supervisor, as for allocations: `mayAllocate`);
 *   then the id, then `campaign-closed` from the nomination's campaign. Stored with the
 *   nomination's unit and campaign, so pull and scope filters need no join.
 */

import type { RecordResult } from "../../src/domain/api";
import { isClosed } from "../../src/domain/phases";
import { type Nomination, type NominationReview, nomination, nominationReview } from "../../src/domain/reports";
import { mayAllocate } from "../../src/domain/supervision";
import { inScope, type Scope } from "../../src/domain/units";
import type { CatalogView } from "../catalog";
import type { NewNomination, NewNominationReview, NominationPlanner, NominationReviewPlanner } from "../store/store";
import { type Prepared, planBatch, prepareRecords, utc } from "./records";

/** Step 1 for nominations: shape and scope, ids lower-cased. */
export function prepareNominations(
  raws: readonly unknown[],
  scope: Scope,
  receivedAt?: string,
): Prepared<Nomination>[] {
  return prepareRecords(
    raws,
    nomination,
    receivedAt,
    (n) => (inScope(scope, n.unitId) ? undefined : "forbidden"),
    (n) => ({
      id: n.id.toLowerCase(),
      campaignId: n.campaignId,
      unitId: n.unitId,
      kind: n.kind,
      name: n.name,
      achievements: n.achievements,
      award: n.award,
      createdAt: n.createdAt,
    }),
  );
}

/** Who sends a batch, from where, when, against which catalog. */
export type SenderContext = { catalog: CatalogView; authorId: string; clientId: string; receivedAt: string };

/** Step 2 for nominations, as a store planner. */
export function planNominations(
  prepared: readonly Prepared<Nomination>[],
  ctx: SenderContext,
): NominationPlanner<RecordResult[]> {
  return (stored) =>
    planBatch<Nomination, NewNomination>(prepared, stored, {
      contentKey: (n) =>
        JSON.stringify([n.id, n.campaignId, n.unitId, n.kind, n.name, n.achievements, n.award, utc(n.createdAt)]),
      rules: (n) => {
        const campaign = ctx.catalog.campaignById.get(n.campaignId);
        if (!campaign) return "unknown-campaign";
        if (isClosed(campaign)) return "campaign-closed";
        if (!ctx.catalog.tree.get(n.unitId)) return "unknown-unit";
        return undefined;
      },
      toStored: (n) => ({ ...n, authorId: ctx.authorId, clientId: ctx.clientId, receivedAt: ctx.receivedAt }),
    });
}

/** Step 1 for decisions: shape and role, ids lower-cased. */
export function prepareNominationReviews(
  raws: readonly unknown[],
  mayDecide: boolean,
  receivedAt?: string,
): Prepared<NominationReview>[] {
  return prepareRecords(
    raws,
    nominationReview,
    receivedAt,
    () => (mayDecide ? undefined : "forbidden"),
    (r) => {
      const record: NominationReview = {
        id: r.id.toLowerCase(),
        nominationId: r.nominationId.toLowerCase(),
        state: r.state,
        createdAt: r.createdAt,
      };
      if (r.comment !== undefined) record.comment = r.comment;
      return record;
    },
  );
}

/** The nominations a decision batch names. */
export function nominationIdsToLoad(prepared: readonly Prepared<NominationReview>[]): string[] {
  return [...new Set(prepared.flatMap((p) => ("record" in p ? [p.record.nominationId] : [])))];
}

/** Who decides: their scope and name, besides the sender's context. */
export type DeciderContext = SenderContext & { scope: Scope; reviewerName: string; isAdmin: boolean };

/** Step 2 for decisions, as a store planner. */
export function planNominationReviews(
  prepared: readonly Prepared<NominationReview>[],
  ctx: DeciderContext,
): NominationReviewPlanner<RecordResult[]> {
  return (snapshot) => {
    const nominationOf = (r: NominationReview) => snapshot.nominations.get(r.nominationId);
    return planBatch<NominationReview, NewNominationReview>(prepared, snapshot.reviews, {
      before: (r) => {
        const n = nominationOf(r);
        if (!n || !inScope(ctx.scope, n.unitId)) return "unknown-nomination";
        return mayAllocate(ctx.catalog.tree, n.unitId, ctx.scope.roots, ctx.isAdmin) ? undefined : "forbidden";
      },
      contentKey: (r) => JSON.stringify([r.id, r.nominationId, r.state, r.comment ?? null, utc(r.createdAt)]),
      rules: (r) => {
        const campaign = ctx.catalog.campaignById.get(nominationOf(r)?.campaignId ?? "");
        return campaign && isClosed(campaign) ? "campaign-closed" : undefined;
      },
      toStored: (r) => {
        const n = nominationOf(r) as NonNullable<ReturnType<typeof nominationOf>>;
        return {
          ...r,
          unitId: n.unitId,
          campaignId: n.campaignId,
          reviewerId: ctx.authorId,
          reviewerName: ctx.reviewerName,
          clientId: ctx.clientId,
          receivedAt: ctx.receivedAt,
        };
      },
    });
  };
}
