/**
 * A failed call to the server, in plain Vietnamese: one sentence for each `error.code` of the
 * contract (`errorCodes` in src/domain/api.ts), so the server's English `message` never reaches
 * a screen. The table is a `Record` over the union: a code added to the contract does not compile
 * until it has its sentence here.
 */
import { type ErrorCode, errorCodes } from "../../domain/api";
import { type MessageKey, t } from "../../i18n";
import type { ApiResult } from "../../sync/api";

/** A failed call, as `src/sync/api.ts` answers it. */
export type Failure = Exclude<ApiResult<unknown>, { ok: true }>;

const keys: Record<ErrorCode, MessageKey> = {
  invalid: "apiErr.invalid",
  unauthenticated: "apiErr.unauthenticated",
  "invalid-credentials": "apiErr.invalid-credentials",
  disabled: "apiErr.disabled",
  forbidden: "apiErr.forbidden",
  "cross-origin": "apiErr.cross-origin",
  "client-owned": "apiErr.client-owned",
  "not-found": "apiErr.not-found",
  "too-large": "apiErr.too-large",
  "unsupported-media-type": "apiErr.unsupported-media-type",
  throttled: "apiErr.throttled",
  "username-taken": "apiErr.username-taken",
  "in-use": "apiErr.in-use",
  "unknown-campaign": "apiErr.unknown-campaign",
  "unknown-phase": "apiErr.unknown-phase",
  "unknown-part": "apiErr.unknown-part",
  "unknown-unit": "apiErr.unknown-unit",
  "not-count-part": "apiErr.not-count-part",
  "not-json": "apiErr.not-json",
  "not-handover": "apiErr.not-handover",
  "bad-checksum": "apiErr.bad-checksum",
  internal: "apiErr.internal",
  busy: "apiErr.busy",
  "store-unavailable": "apiErr.store-unavailable",
  aborted: "apiErr.aborted",
};

const known = new Set<string>(errorCodes);

/** Whether `code` is one of the contract's error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return known.has(code);
}

/** A screen's own sentences: for some codes, and for `invalid` by the field the server refused. */
export type ErrorWords = {
  /** No answer at all (offline, or the server unreachable). */
  network?: MessageKey;
  codes?: Partial<Record<ErrorCode, MessageKey>>;
  /** Keyed by the refused field's first segment ("unitIds.2" → "unitIds"). */
  invalid?: Partial<Record<string, MessageKey>>;
};

/**
 * The sentence for a failed call: no connection, a known code (the screen's own words first), or
 * (a server newer than this app) the HTTP status in words. Never the server's English message.
 */
export function errorText(res: Failure, words: ErrorWords = {}): string {
  if (res.code === "network") return t(words.network ?? "apiErr.network");
  if (res.code === "invalid" && res.path !== undefined) {
    const key = words.invalid?.[res.path.split(".")[0] ?? ""];
    if (key) return t(key);
  }
  if (isErrorCode(res.code)) {
    const text = t(words.codes?.[res.code] ?? keys[res.code]);
    return res.code === "throttled" && res.retryAfter
      ? `${text} ${t("apiErr.retryAfter", { s: res.retryAfter })}`
      : text;
  }
  return t("apiErr.status", { status: res.status });
}

/**
 * A save on the phone that failed for a reason no screen expects (not a ledger rule, not a full
 * disk): "not saved", with the browser's own message for whoever must find the cause.
 */
export function unexpectedText(err: unknown): string {
  return t("entry.err.unexpected", { message: err instanceof Error ? err.message : String(err) });
}
