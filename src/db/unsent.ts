/**
 * What waits in the outbox, as the first screen needs it without loading the ledger code: how
 * many entries, and (version 6 on) the unsent part of the totals, per campaign and cell. Whoever
 * adds rows to the outbox or deletes them changes the sums in the same transaction: that is
 * `LedgerWrite` (ledger-write.ts), the only writer of both.
 */
import { countOutbox, unsentSums } from "./outbox-pages";

/** A campaign's unsent sums by `cellKey` (empty when nothing waits). */
export function unsentOf(campaignId: string): Promise<Record<string, number>> {
  return unsentSums(campaignId);
}

/** How many entries have not left the phone (pending), in all or for one user. */
export function countPending(ownerId?: string): Promise<number> {
  return countOutbox(ownerId);
}

/** Pending entries of other users on this phone (they wait until that user signs in). */
export async function countPendingOfOthers(ownerId: string): Promise<number> {
  return (await countPending()) - (await countPending(ownerId));
}
