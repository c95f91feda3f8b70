/**
 * The outbox: entries wait in IndexedDB (a table of their own beside the ledger) until the
 * server has said what became of them. Delivery is at-least-once; the server stores each id once, so the effect is
 * exactly-once (DESIGN §2, after Replicache's push and ODK's instance ids).
 *
 * One drain pushes the signed-in user's pending entries, oldest first, in batches of at most
 * 500, one request at a time and in order. Two things overlap the request in flight: reading the
 * next batch, and writing the answers of the batch before (both IndexedDB work that used to wait
 * for the network, as the network waited for them). The next batch goes out before the previous
 * answers are written only when the server answered for every entry of it, in order; a crash
 * meanwhile leaves those entries queued, and pushing them again is answered `duplicate`.
 * Per answer:
 * - 200: each result is applied (stored/duplicate → leaves the outbox, rejected → leaves it and
 *   is flagged in the ledger, kept);
 * - 413: the batch is halved and retried at once;
 * - 401: the session is over; the drain stops and the outbox is left exactly as it was;
 * - anything else (network, 5xx, 429, 403): the drain stops and the caller retries later.
 * Nothing is removed from the phone at any point.
 */

import type { OutboxRow } from "../db/database";
import { type AppliedCounts, applyPushResults, pendingBatch } from "../db/sync-store";
import { countPending } from "../db/unsent";
import type { PushResult } from "../domain/schemas";
import { toWireEntry } from "../domain/wire";
import { push } from "./api";

export const MAX_BATCH = 500;

export type DrainOutcome =
  | { kind: "done"; synced: number; rejected: number }
  | { kind: "session-expired" }
  | { kind: "retry"; code: string; retryAfter?: number };

/** Push every pending entry of `ownerId`, reporting progress as batches are acknowledged. */
export async function drainOutbox(
  ownerId: string,
  clientId: string,
  onProgress: (sent: number, total: number) => void = () => {},
): Promise<DrainOutcome> {
  const total = await countPending(ownerId);
  let size = MAX_BATCH;
  let synced = 0;
  let rejected = 0;
  // The answers of the batch before, being written while the next request is on the wire.
  let applying: Promise<AppliedCounts> | undefined;
  const settle = async (): Promise<AppliedCounts | undefined> => {
    if (!applying) return undefined;
    const applied = await applying;
    applying = undefined;
    synced += applied.synced;
    rejected += applied.rejected;
    onProgress(synced + rejected, total);
    return applied;
  };
  let next = pendingBatch(ownerId, size);
  try {
    for (;;) {
      const batch = await next;
      const last = batch.at(-1);
      if (!last) {
        await settle();
        return { kind: "done", synced, rejected };
      }
      const sending = push(clientId, batch.map(toWireEntry));
      // Read the following batch while this one is in flight: requests still go one at a time and
      // in order, but the phone's own reading no longer waits for the network (nor the network for it).
      next = pendingBatch(ownerId, size, last.seq);
      next.catch(() => {}); // read again below if this read is not used
      const res = await sending;
      await settle();
      if (res.ok) {
        const write = applyPushResults(batch, res.data.results);
        if (answersEvery(batch, res.data.results)) {
          // Every entry answered, in order: the next batch may go while these answers are written.
          applying = write;
          applying.catch(() => {}); // awaited by settle()
          continue;
        }
        applying = write;
        const applied = (await settle()) ?? { synced: 0, rejected: 0 };
        // A server that acknowledged nothing would loop forever; treat it as a failure.
        if (applied.synced + applied.rejected === 0) return { kind: "retry", code: "no-progress" };
        // Some rows went unanswered: they stay first in line, so read from the front again.
        if (applied.synced + applied.rejected < batch.length) next = pendingBatch(ownerId, size);
        continue;
      }
      if (res.status === 413 && batch.length > 1) {
        size = Math.max(1, Math.floor(batch.length / 2));
        next = pendingBatch(ownerId, size);
        continue;
      }
      if (res.status === 401) return { kind: "session-expired" };
      const out: DrainOutcome = { kind: "retry", code: res.code };
      if (!res.ok && "retryAfter" in res && res.retryAfter !== undefined) out.retryAfter = res.retryAfter;
      return out;
    }
  } finally {
    // Whatever ends the drain, the answers already received are written before it returns.
    await applying?.catch(() => {});
  }
}

/** True when `results` answer for every entry of `batch`, one each, in order. */
function answersEvery(batch: readonly OutboxRow[], results: readonly PushResult[]): boolean {
  return results.length === batch.length && batch.every((row, i) => results[i]?.id === row.id);
}
