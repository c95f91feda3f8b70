/**
 * One status model for the top bar (a walkthrough found "Có mạng" beside "Không kết nối được máy
 * chủ", and "Đã gửi hết" beside "1 mục bị từ chối"): what waits, what was refused, and whether
 * and when the server last answered, said once. "Reached" means the server answered, not that the
 * browser believes it is online.
 */
import { fmtTime, t } from "../../i18n";

/** What the bar knows. */
export type SyncFacts = {
  online: boolean;
  busy: "idle" | "pushing" | "pulling";
  progress: { sent: number; total: number } | null;
  pending: number;
  pendingRecords: number;
  rejected: number;
  lastSyncAt: string | null;
  error: string | null;
  sessionExpired: boolean;
};

/** Where the connection stands, as the dot shows it and a screen reader reads it. */
export type Reach = "reached" | "unreachable" | "offline" | "unknown";

/** Whether the server answered last time (only then "reached"), or why not. */
export function reachOf(f: SyncFacts): Reach {
  if (!f.online) return "offline";
  if (f.error !== null && f.error !== "session-expired") return "unreachable";
  return f.lastSyncAt ? "reached" : "unknown";
}

/** The waiting part of the sentence: entries first; nothing when only refusals are left (they have their own link). */
export function waitingText(f: SyncFacts): string {
  if (f.pending > 0) return t("status.pending", { n: f.pending });
  if (f.rejected > 0) return "";
  return t("status.noPending");
}

/** The connection part: sending now, why it cannot, or when the server last answered. */
export function reachText(f: SyncFacts): string {
  if (f.busy !== "idle") {
    if (f.progress && f.progress.total > 0)
      return t("status.progress", { sent: f.progress.sent, total: f.progress.total });
    return f.busy === "pulling" ? t("status.pulling") : t("status.pushing");
  }
  if (f.sessionExpired) return t("status.sessionOver");
  const reach = reachOf(f);
  if (reach === "offline") return t("status.offline");
  if (reach === "unreachable") return t("status.unreachable");
  return f.lastSyncAt ? t("status.lastSync", { time: fmtTime(f.lastSyncAt) }) : t("status.neverSynced");
}
