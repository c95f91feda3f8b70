/** Small facts about this phone the shell shows: entries waiting, storage, unsaved input. */
import { signal } from "@preact/signals";
import { countPending } from "../../db/entries";
import { observe } from "../../db/live";

/** Entries on this phone that have not reached the server (all users). */
export const pendingCount = signal(0);
/** Whether the browser granted persistent storage (undefined until it answers). */
export const persisted = signal<boolean | undefined>(undefined);
/** True while the entry form holds input that is not saved (blocks the app update). */
export const entryDirty = signal(false);

/** Keep `pendingCount` live; returns the unsubscribe function. */
export function watchPending(): () => void {
  return observe(
    () => countPending(),
    (n) => {
      pendingCount.value = n;
    },
  );
}
