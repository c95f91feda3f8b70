/**
 * How many entries on this phone wait for another user to sign in again. The sign-in screen
 * asks it: on a phone that never held a ledger the answer is 0 without loading the database.
 */
import { useEffect, useState } from "preact/hooks";
import { ledgerExists } from "../../db/names";

/** Live count of other users' pending entries (all pending ones when nobody is signed in). */
export function usePendingOfOthers(userId: string | undefined): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    let stop: (() => void) | undefined;
    void (async () => {
      if (!(await ledgerExists()) || !live) return;
      const [{ observe }, unsent] = await Promise.all([import("../../db/live"), import("../../db/unsent")]);
      if (!live) return;
      stop = observe(
        () => (userId ? unsent.countPendingOfOthers(userId) : unsent.countPending()),
        (count) => setN(count),
      );
    })();
    return () => {
      live = false;
      stop?.();
    };
  }, [userId]);
  return n;
}
