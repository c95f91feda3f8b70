/**
 * What waits in the outbox, as the first screen needs it without loading the ledger code: how
 * many entries, and the unsent part of the totals, per campaign and cell (version 9 on: added up
 * from the sums kept beside each outbox page, outbox-pages.ts). Whoever adds entries to the outbox
 * or takes them out writes the sums in the same transaction: that is `LedgerWrite`
 * (ledger-write.ts), the only writer of both.
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
