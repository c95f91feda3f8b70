/**
 * Which entries wait for an answer to a review (the review conversation, replies.ts): those
 * whose latest review is "has-issues" (Cần bổ sung) with no reply and no correction made after
 * it. Plain functions with no schema (no zod), so the phone's shell can keep the count live
 * without loading the record schemas before the first screen.
 */

/** What the rule reads of a review. */
export type ReviewMark = { entryId: string; state: "approved" | "has-issues"; createdAt: string };

/** Something that answers a review: a reply to the entry, or a correction of it (`correctsId`). */
export type Answer = { entryId: string; createdAt: string };

/**
 * The entries whose latest review is "has-issues" with no answer made after that review, each
 * with the review. Instants are compared, not strings (phones write different offsets); of two
 * reviews at one instant the later in the list wins, as in `latestReviews`.
 */
export function awaitingAnswer<R extends ReviewMark>(reviews: Iterable<R>, answers: Iterable<Answer>): Map<string, R> {
  const latest = new Map<string, R>();
  for (const r of reviews) {
    const cur = latest.get(r.entryId);
    if (!cur || Date.parse(cur.createdAt) < Date.parse(r.createdAt)) latest.set(r.entryId, r);
  }
  const out = new Map<string, R>();
  for (const [entryId, r] of latest) if (r.state === "has-issues") out.set(entryId, r);
  for (const a of answers) {
    const r = out.get(a.entryId);
    if (r && Date.parse(a.createdAt) > Date.parse(r.createdAt)) out.delete(a.entryId);
  }
  return out;
}
