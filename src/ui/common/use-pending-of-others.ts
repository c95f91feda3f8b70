/** How many entries on this phone wait for another user to sign in again. */
import { countPending, countPendingOfOthers } from "../../db/unsent";
import { useLive } from "../use-live";

/** Live count of other users' pending entries (all pending ones when nobody is signed in). */
export function usePendingOfOthers(userId: string | undefined): number {
  return useLive(() => (userId ? countPendingOfOthers(userId) : countPending()), [userId]) ?? 0;
}
