/** The status bar on every screen: connectivity, entries waiting, storage, last sync, progress, errors. */
import { fmtTime, t } from "../../i18n";
import { lastError, lastSyncAt, online, phase, progress, rejectedUnseen, sessionExpired } from "../../sync/status";
import { navigate } from "../router";
import { pendingCount, pendingRecordsCount, persisted } from "../state/local";
import { demoMode, profile } from "../state/session";
import { syncNowLater } from "../sync-later";
import { DemoBanner } from "./demo-banner";
import { SampleBanner } from "./sample-banner";
import { syncErrorText } from "./sync-messages";

/** The app's top bar with the sync status and the "Đồng bộ ngay" button. */
export function StatusBar() {
  const isOnline = online.value;
  const pending = pendingCount.value;
  const syncedAt = lastSyncAt.value;
  const busy = phase.value !== "idle";
  const prog = progress.value;
  const error = lastError.value;
  const signedIn = profile.value !== undefined;

  const onSync = () => {
    if (sessionExpired.value) navigate("#/login");
    else syncNowLater();
  };

  return (
    <header class="topbar">
      <div class="topbar-row">
        <span class="brand">{t("app.name")}</span>
        {signedIn && !demoMode.value && (
          <button type="button" class="btn btn-small btn-on-accent" onClick={onSync} aria-busy={busy}>
            {t("sync.now")}
          </button>
        )}
      </div>
      <ul class="chips" aria-label={t("status.label")}>
        <li class={isOnline ? "chip chip-ok" : "chip chip-off"}>
          <span class="dot" aria-hidden="true" />
          {isOnline ? t("status.online") : t("status.offline")}
        </li>
        <li class={pending > 0 ? "chip chip-warn" : "chip"} data-testid="pending-count" data-count={pending}>
          {pending > 0 ? t("status.pending", { n: pending }) : t("status.noPending")}
        </li>
        {rejectedUnseen.value > 0 && (
          <li class="chip chip-warn" data-testid="rejected-unseen">
            <a href="#/ledger">{t("status.rejected", { n: rejectedUnseen.value })}</a>
          </li>
        )}
        {pendingRecordsCount.value > 0 && (
          <li class="chip chip-warn" data-testid="pending-records">
            {t("status.pendingRecords", { n: pendingRecordsCount.value })}
          </li>
        )}
        {!demoMode.value && (
          <li class="chip">{syncedAt ? t("status.lastSync", { time: fmtTime(syncedAt) }) : t("status.neverSynced")}</li>
        )}
        {persisted.value !== undefined && (
          <li class={persisted.value ? "chip" : "chip chip-warn"}>
            {persisted.value ? t("status.persisted") : t("status.notPersisted")}
          </li>
        )}
      </ul>
      {demoMode.value && <DemoBanner />}
      <SampleBanner />
      {busy && (
        <div class="sync-progress" role="status">
          {prog && prog.total > 0 ? (
            <>
              <progress max={prog.total} value={prog.sent} aria-label={t("status.progressLabel")} />
              <span>{t("status.progress", { sent: prog.sent, total: prog.total })}</span>
            </>
          ) : (
            <span>{phase.value === "pulling" ? t("status.pulling") : t("status.pushing")}</span>
          )}
        </div>
      )}
      {error && !(error === "session-expired" && sessionExpired.value) && (
        <p class="sync-error" data-testid="sync-error">
          {syncErrorText(error)}
        </p>
      )}
    </header>
  );
}
