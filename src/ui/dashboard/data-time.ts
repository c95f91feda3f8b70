/** "Số liệu đến HH:mm dd/MM/yyyy": when this phone last pulled, i.e. how fresh the supervisor's numbers are. */
import { useEffect, useState } from "preact/hooks";
import { getSetting } from "../../db/settings";
import { lang } from "../../i18n";
import { lastSyncAt, ledgerVersion } from "../../sync/status";

/** The time of the last completed pull (ISO), re-read after each sync or pull; undefined before the first one. */
export function useLastPull(): string | undefined {
  const [at, setAt] = useState<string | undefined>();
  // A pull bumps ledgerVersion even when the rest of the sync is retried later.
  const syncedAt = lastSyncAt.value;
  const version = ledgerVersion.value;
  useEffect(() => {
    let live = true;
    void getSetting("lastPullAt").then((v) => live && setAt(v));
    return () => {
      live = false;
    };
  }, [syncedAt, version]);
  return at;
}

/**
 * An instant as "14:05 12/06/2025" in Vietnam's time (24-hour clock, the Vietnamese order): the
 * time a report is "as of" next to the Vietnamese date the printed report is dated by, and the
 * time the Excel export writes, whatever zone the presenter's laptop is set to.
 */
export function fmtStamp(iso: string, timeZone = "Asia/Ho_Chi_Minh"): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const locale = lang.value === "en" ? "en-GB" : "vi-VN";
  const time = new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(d);
  const day = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", year: "numeric", timeZone }).format(
    d,
  );
  return `${time} ${day}`;
}
