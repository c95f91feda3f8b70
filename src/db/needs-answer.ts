/**
 * The entries a user must answer: their own entries whose latest review on this phone is "Cần
 * bổ sung" with no reply or correction made since (domain/replies.ts `awaitingAnswer`). Read from
 * the reviews (few) rather than by scanning the ledger, so the overview, the ledger tab's count
 * and the top of the ledger stay cheap over 100,000 entries. Kept light (no record schemas): the
 * shell loads it with the first screen.
 */
import { awaitingAnswer } from "../domain/review-answers";
import { db, type LedgerRow, type LocalEntry, type LocalReview } from "./database";
import { withSyncState } from "./sync-state";

/** The user's entries waiting for an answer, each with the review that asks, newest review first. */
export async function entriesAwaitingAnswer(ownerId: string): Promise<{ entry: LocalEntry; review: LocalReview }[]> {
  const d = db();
  const reviews = (await d.reviews.toArray()).filter((r) => r.syncState !== "rejected");
  const asked = awaitingAnswer(reviews, []);
  if (asked.size === 0) return [];
  const ids = [...asked.keys()];
  const [replies, corrections, entries] = await Promise.all([
    d.replies.where("entryId").anyOf(ids).toArray(),
    d.entries.where("correctsId").anyOf(ids).toArray(),
    d.entries.bulkGet(ids).then((rows) => withSyncState(rows.filter((r): r is LedgerRow => r !== undefined))),
  ]);
  const answers = [
    ...replies.filter((r) => r.syncState !== "rejected"),
    ...corrections.flatMap((c) =>
      c.syncState === "rejected" || c.correctsId === undefined
        ? []
        : [{ entryId: c.correctsId, createdAt: c.createdAt }],
    ),
  ];
  const waiting = awaitingAnswer(reviews, answers);
  return entries
    .flatMap((entry) => {
      const review = waiting.get(entry.id);
      return review && entry.ownerId === ownerId ? [{ entry, review }] : [];
    })
    .sort((a, b) => Date.parse(b.review.createdAt) - Date.parse(a.review.createdAt));
}

/** How many of the user's entries wait for an answer. */
export async function countAwaitingAnswer(ownerId: string): Promise<number> {
  return (await entriesAwaitingAnswer(ownerId)).length;
}
