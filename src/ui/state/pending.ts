/** The pending counts of the shell (state/local.ts), kept live from the database. */
import { observe } from "../../db/live";
import { countPendingSupervision } from "../../db/supervision";
import { countPending } from "../../db/unsent";
import { pendingCount, pendingRecordsCount } from "./local";

/** Keep the pending counts live; returns the unsubscribe function. */
export function watchPending(): () => void {
  const offEntries = observe(
    () => countPending(),
    (n) => {
      pendingCount.value = n;
    },
  );
  const offRecords = observe(
    () => countPendingSupervision(),
    (n) => {
      pendingRecordsCount.value = n;
    },
  );
  return () => {
    offEntries();
    offRecords();
  };
}
