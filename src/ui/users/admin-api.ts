/**
 * The admin API as the users screen sees it: tolerant of small changes in the response shapes
 * (a bare list or {users}, {user} or the user itself), with errors turned into sentences.
 */
import type { AdminUser } from "../../sync/api";
import { type ErrorWords, errorText, type Failure } from "../common/error-text";

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

/** What the users screen says for a refused call (every other code: the shared sentences). */
const userWords: ErrorWords = {
  network: "users.err.network",
  codes: { forbidden: "users.err.forbidden", "not-found": "users.err.notFound" },
  invalid: { disabled: "users.err.selfDisable", role: "users.err.selfRole", unitIds: "users.err.needUnit" },
};

/** A sentence for a failed admin call, in the app's language (never the server's English message). */
export function adminErrorText(res: Failure): string {
  return errorText(res, userWords);
}
