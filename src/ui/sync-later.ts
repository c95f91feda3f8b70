/**
 * The sync engine (outbox, push, pull) is not needed to draw the first screen, so it loads
 * just after it. These helpers reach it through a dynamic import.
 */

/** The scheduler module, fetched once. */
export const loadScheduler = () => import("../sync/scheduler");

/** Ask for a sync now (the "Đồng bộ ngay" button, Background Sync wake-ups). */
export function syncNowLater(): void {
  void loadScheduler().then((m) => m.syncNow());
}
