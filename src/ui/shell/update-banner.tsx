/**
 * "Có phiên bản mới": the new service worker waits until the user accepts, and accepting is
 * refused while the entry form holds unsaved input or entries are still waiting to be sent
 * (an update reloads the page; DESIGN §2 says never under unsaved or unsynced work).
 */
import { useState } from "preact/hooks";
import { t } from "../../i18n";
import { acceptUpdate, updateWaiting } from "../../pwa/sw-bridge";
import { entryDirty, pendingCount, pendingRecordsCount } from "../state/local";

/** The update offer with its guard. */
export function UpdateBanner() {
  const [tried, setTried] = useState(false);
  if (!updateWaiting.value) return null;
  const pending = pendingCount.value + pendingRecordsCount.value;
  const blocker = entryDirty.value
    ? t("update.blockedUnsaved")
    : pending > 0
      ? t("update.blockedPending", { n: pending })
      : null;
  const onUpdate = () => {
    setTried(true);
    if (!blocker) acceptUpdate();
  };
  return (
    <section class="banner banner-info" aria-label={t("update.title")}>
      <p>
        <strong>{t("update.title")}</strong>
      </p>
      <button type="button" class="btn btn-small" onClick={onUpdate} aria-disabled={blocker !== null}>
        {t("update.accept")}
      </button>
      {blocker && (
        <p class={tried ? "banner-note notice-error" : "banner-note"} role={tried ? "alert" : undefined}>
          {blocker}
        </p>
      )}
    </section>
  );
}
