/**
 * The top bar on every screen, one line of status under the title (a header that took ~107 px of
 * a 740 px phone, and ~450 px with a banner, is now ≤ 80 px; a sentence too long for the line is
 * cut with an ellipsis and said in full behind the tap): what waits, what was refused, and
 * when the server last answered, in one sentence (sync-status.ts). The details — the error's full
 * sentence, storage, progress — open with a tap.
 */
import { useState } from "preact/hooks";
import { t } from "../../i18n";
import { activity, lastError, lastSyncAt, online, progress, rejectedUnseen, sessionExpired } from "../../sync/status";
import { navigate } from "../router";
import { pendingCount, pendingRecordsCount, persisted } from "../state/local";
import { demoMode, profile } from "../state/session";
import { syncNowLater } from "../sync-later";
import { DemoBanner } from "./demo-banner";
import { SampleBanner } from "./sample-banner";
import { syncErrorText } from "./sync-messages";
import { reachOf, reachText, type SyncFacts, waitingText } from "./sync-status";

/** The app's top bar with the sync status and the "Đồng bộ ngay" button. */
export function StatusBar() {
  const [open, setOpen] = useState(false);
  const facts: SyncFacts = {
    online: online.value,
    busy: activity.value,
    progress: progress.value,
    pending: pendingCount.value,
    pendingRecords: pendingRecordsCount.value,
    rejected: rejectedUnseen.value,
    lastSyncAt: lastSyncAt.value,
    error: lastError.value,
    sessionExpired: sessionExpired.value,
  };
  const signedIn = profile.value !== undefined;
  const reach = reachOf(facts);
  // The sentence's parts, each said once: in the line (cut to its width) and in full behind ▾.
  const waiting = waitingText(facts);
  const refused = facts.rejected > 0 ? t("status.rejected", { n: facts.rejected }) : "";
  const records = facts.pendingRecords > 0 ? t("status.pendingRecords", { n: facts.pendingRecords }) : "";
  const reachLine = demoMode.value ? "" : reachText(facts);
  const showError = facts.error !== null && !(facts.error === "session-expired" && facts.sessionExpired);

  const onSync = () => {
    if (sessionExpired.value) navigate("#/login");
    else syncNowLater();
  };

  return (
    <header class="topbar">
      <div class="topbar-row">
        <span class="brand">{t("app.name")}</span>
        {signedIn && !demoMode.value && (
          <button type="button" class="btn btn-small btn-on-accent" onClick={onSync} aria-busy={facts.busy !== "idle"}>
            {t("sync.now")}
          </button>
        )}
      </div>
      <div class="status-line" role="status" aria-label={t("status.label")}>
        <span class={`dot dot-${reach}`} aria-hidden="true" />
        <span class="sr-only">{t(`status.reach.${reach}`)}</span>
        <span class="status-text">
          {waiting && (
            <span
              class={facts.pending > 0 ? "status-warn" : undefined}
              data-testid="pending-count"
              data-count={facts.pending}
            >
              {waiting}
            </span>
          )}
          {refused && (
            <a class="status-warn" href="#/ledger" data-testid="rejected-unseen">
              {refused}
            </a>
          )}
          {records && (
            <span class="status-warn" data-testid="pending-records">
              {records}
            </span>
          )}
          {reachLine && <span>{reachLine}</span>}
          {/* Nothing waits but refusals: the count stays readable by tests and tools, unsaid. */}
          {!waiting && <span hidden data-testid="pending-count" data-count={facts.pending} />}
        </span>
        <button
          type="button"
          class="status-more"
          aria-expanded={open}
          aria-controls="status-details"
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">{open ? "▴" : "▾"}</span>
          <span class="sr-only">{t("status.details")}</span>
        </button>
      </div>
      {facts.busy !== "idle" && facts.progress && facts.progress.total > 0 && (
        <progress
          class="sync-progress-bar"
          max={facts.progress.total}
          value={facts.progress.sent}
          aria-label={t("status.progressLabel")}
        />
      )}
      {open && (
        <div id="status-details" class="status-details">
          {/* The line above is cut to one line on a narrow phone; here each part is said in full. */}
          <ul class="status-parts">
            {[waiting, refused, records, reachLine]
              .filter((part) => part !== "")
              .map((part) => (
                <li key={part}>{part}</li>
              ))}
          </ul>
          {showError && facts.error && (
            <p class="sync-error status-note" data-testid="sync-error">
              {syncErrorText(facts.error)}
            </p>
          )}
          {persisted.value !== undefined && (
            <p class="status-note">{persisted.value ? t("status.persisted") : t("status.notPersisted")}</p>
          )}
        </div>
      )}
      {demoMode.value && <DemoBanner />}
      <SampleBanner />
    </header>
  );
}
