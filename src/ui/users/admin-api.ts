/**
 * The admin API as the users screen sees it: tolerant of small changes in the response shapes
 * (a bare list or {users}, {user} or the user itself), with errors turned into sentences.
 */
import { t } from "../../i18n";
import type { AdminUser, ApiResult } from "../../sync/api";

/** A user from whatever the server answered, or undefined when it does not look like one. */
export function toUser(raw: unknown): AdminUser | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const r = raw as Record<string, unknown>;
  const inner = r.user;
  if (inner && typeof inner === "object") return toUser(inner);
  if (typeof r.id !== "string" && typeof r.id !== "number") return undefined;
  const username = typeof r.username === "string" ? r.username : String(r.id);
  const role = r.role === "admin" || r.role === "supervisor" ? r.role : "officer";
  return {
    id: String(r.id),
    username,
    name: typeof r.name === "string" && r.name ? r.name : username,
    role,
    unitIds: Array.isArray(r.unitIds) ? r.unitIds.filter((u): u is string => typeof u === "string") : [],
    disabled: r.disabled === true,
  };
}

/** The users in a list answer. */
export function toUsers(data: unknown): AdminUser[] {
  const list = Array.isArray(data) ? data : (data as { users?: unknown } | undefined)?.users;
  return Array.isArray(list) ? list.map(toUser).filter((u): u is AdminUser => u !== undefined) : [];
}

/** A sentence for a failed admin call: 409 taken username, 400 unknown unit, and the rest. */
export function adminErrorText(res: Exclude<ApiResult<unknown>, { ok: true }>): string {
  if (res.code === "network") return t("users.err.network");
  if (res.status === 401) return t("users.err.session");
  if (res.status === 403) return t("users.err.forbidden");
  if (res.status === 409) return t("users.err.taken");
  if (res.status === 404) return t("users.err.notFound");
  if (res.status === 400) {
    if (/unit/i.test(res.code) || /unit/i.test(res.message)) return t("users.err.unknownUnit");
    return t("users.err.invalid", { message: res.message || res.code });
  }
  return t("users.err.other", { code: res.code });
}
