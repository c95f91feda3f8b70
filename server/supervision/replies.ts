/**
 * Replies to reviews (the review conversation, src/domain/replies.ts). The batch algorithm is
 * that of reviews (supervision/reviews.ts), with who may write widened to the entry's author or
 * anyone with the entry in scope:
 *
 * 1. Outside any transaction, each reply alone: its shape (`invalid` with the zod path), then
 *    `forbidden` for a sender whose scope is empty (their units left the tree: DESIGN §7), who
 *    may answer nothing. Ids are lower-cased.
 * 2. In one store transaction, against a snapshot of the stored replies with the batch's ids and
 *    of the entries they name: the id first — stored (or accepted earlier in the batch) by the
 *    same author with the same content → `duplicate`, before any other rule, so a retry after a
 *    scope change or a campaign close is still acknowledged (DESIGN §7); other content or another
 *    author → `conflict`. Then the entry must be stored and either written by the sender or in
 *    the sender's scope, else `unknown-entry` (missing and out of sight answer alike, so entry
 *    ids of other districts cannot be probed); then its campaign must not be closed
 *    (`campaign-closed`). Otherwise `stored`.
 * 3. Stored replies are written in that transaction with the author's id and name (from the user
 *    record, never the body), the entry's unit (pull's scope filter), the client id and the time
 *    received. Replies are history: never updated.
 */

import type { RecordResult } from "../../src/domain/api";
import { isClosed } from "../../src/domain/phases";
import { type Reply, reply as replySchema } from "../../src/domain/replies";
import type { Campaign } from "../../src/domain/schemas";
import { inScope, type Scope } from "../../src/domain/units";
import type { NewReply, ReplyPlanner } from "../store/store";
import { type Prepared, planBatch, prepareRecords, utc } from "./records";

/** Step 1: shape (createdAt at most a day after `receivedAt`) and whether the sender may reply at all. */
export function prepareReplies(raws: readonly unknown[], mayReply: boolean, receivedAt?: string): Prepared<Reply>[] {
  return prepareRecords(
    raws,
    replySchema,
    receivedAt,
    () => (mayReply ? undefined : "forbidden"),
    (r) => ({ id: r.id.toLowerCase(), entryId: r.entryId.toLowerCase(), text: r.text, createdAt: r.createdAt }),
  );
}

/** Who replies, from where, when. */
export type ReplyContext = {
  scope: Scope;
  /** The campaigns by id (a closed one, an archive, takes no new replies). */
  campaign: (campaignId: string) => Campaign | undefined;
  authorId: string;
  authorName: string;
  clientId: string;
  receivedAt: string;
};

/** Steps 2 and 3 as a store planner. */
export function planReplies(prepared: readonly Prepared<Reply>[], ctx: ReplyContext): ReplyPlanner<RecordResult[]> {
  return (snapshot) => {
    const { write, result } = planBatch<Reply, NewReply>(prepared, snapshot.replies, {
      // The author is part of the content: the same id from someone else is a conflict.
      contentKey: (r) =>
        JSON.stringify([
          r.id,
          r.entryId,
          r.text,
          utc(r.createdAt),
          "authorId" in r ? (r as NewReply).authorId : ctx.authorId,
        ]),
      rules: (r) => {
        const entry = snapshot.entries.get(r.entryId);
        if (!entry || (entry.authorId !== ctx.authorId && !inScope(ctx.scope, entry.unitId))) return "unknown-entry";
        const campaign = ctx.campaign(entry.campaignId);
        return campaign && isClosed(campaign) ? "campaign-closed" : undefined;
      },
      toStored: (r) => ({
        ...r,
        unitId: snapshot.entries.get(r.entryId)?.unitId as string,
        authorId: ctx.authorId,
        authorName: ctx.authorName,
        clientId: ctx.clientId,
        receivedAt: ctx.receivedAt,
      }),
    });
    return { write, result };
  };
}
