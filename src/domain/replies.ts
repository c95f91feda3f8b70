/**
 * The review conversation (DESIGN §7 "New record types"): when a supervisor marks an entry
 * "Cần bổ sung" (review state `has-issues`), the officer answers with a reply (text), a
 * correction, or both. A reply is an immutable record with a client-made UUID like a review:
 * made offline, pushed from the outbox, pulled by every device that has the entry in scope, so
 * the supervisor reads it beside the entry. A reply never changes the entry or the review.
 *
 * Route: `POST /api/v1/replies` `{clientId, replies: Reply[]}` → `200 {results: [{id, status,
 * reason?, path?}]}`, by the entry's author or anyone with the entry in scope; each reply is
 * checked in the order `invalid` (shape), the id (`duplicate` for the same content from the same
 * author, before any other rule; `conflict` otherwise), `unknown-entry`, `forbidden`,
 * `campaign-closed` (the entry's campaign). Pulled as `replies`.
 *
 * An entry "waits for an answer" while its latest review is `has-issues` and nothing answered it
 * since: no reply and no correction of it made after that review (review-answers.ts).
 */
import * as z from "zod/mini";
import { uuid } from "./schemas";
import { wellFormed } from "./text";

/** Longest reply text. */
export const REPLY_MAX = 2000;

/** Not empty nor only spaces (checked, never trimmed: the record is stored as sent). */
const filled = z.refine<string>((s) => s.trim() !== "", { error: "blank" });

/** An answer to a review, written beside the entry. */
export const reply = z.strictObject({
  id: uuid,
  entryId: uuid,
  text: z.string().check(z.maxLength(REPLY_MAX), wellFormed(), filled),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Reply = z.infer<typeof reply>;
/** A reply as pulled: plus its author, the author's name and the time the server received it. */
export type PulledReply = Reply & { authorId: string; authorName: string; receivedAt: string };
