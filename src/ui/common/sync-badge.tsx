/** Whether an entry has left the phone: "Chưa gửi", "Đã gửi", or "Bị từ chối: <lý do>". */
import type { LocalEntry } from "../../db/database";
import { t } from "../../i18n";
import { reasonText } from "./reason-text";

/** The sync state of one entry as a coloured badge with words (never colour alone). */
export function SyncBadge({ entry }: { entry: Pick<LocalEntry, "syncState" | "rejectReason" | "rejectPath"> }) {
  if (entry.syncState === "synced") return <span class="badge badge-ok">{t("sync.synced")}</span>;
  if (entry.syncState === "pending") return <span class="badge badge-pending">{t("sync.pending")}</span>;
  return (
    <span class="badge badge-rejected">
      {t("sync.rejected", { reason: reasonText(entry.rejectReason, entry.rejectPath) })}
    </span>
  );
}
