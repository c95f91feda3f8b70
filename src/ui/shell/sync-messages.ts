/** Sync error codes (from src/sync/status) as sentences that tell the officer what happens next. */
import { type MessageKey, t } from "../../i18n";

const byCode: Record<string, MessageKey> = {
  network: "syncErr.network",
  "session-expired": "syncErr.session",
  "http-401": "syncErr.session",
  "storage-full": "syncErr.storageFull",
  "rate-limited": "syncErr.rateLimited",
  "too-many-requests": "syncErr.rateLimited",
  throttled: "syncErr.rateLimited",
  unauthenticated: "syncErr.session",
  "client-owned": "syncErr.clientOwned",
  "not-found": "syncErr.notFound",
  "http-429": "syncErr.rateLimited",
  forbidden: "syncErr.forbidden",
  "http-403": "syncErr.forbidden",
  "no-progress": "syncErr.noProgress",
  "client-error": "syncErr.client",
};

/** The sentence for a sync error code; unknown codes still say the data is safe. */
export function syncErrorText(code: string): string {
  const key = byCode[code];
  if (key) return t(key);
  if (/^http-5\d\d$/.test(code) || code === "internal" || code === "server-error") return t("syncErr.server");
  return t("syncErr.other", { code });
}
