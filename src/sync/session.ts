/**
 * Sign-in and sign-out. Only the user's profile is kept on the phone (for offline use); the
 * session secret is an HttpOnly cookie. Signing out is refused while this user's entries have
 * not left the phone: they would wait for a user who is no longer signed in.
 */
import { clearSetting, getSetting, setSetting } from "../db/settings";
import type { UserProfile } from "../domain/schemas";
import { login as apiLogin, logout as apiLogout } from "./api";

export type SignInOutcome = { ok: true; user: UserProfile } | { ok: false; code: string; retryAfter?: number };

/** Sign in against the server and keep the profile for offline use. */
export async function signIn(username: string, password: string): Promise<SignInOutcome> {
  const res = await apiLogin(username.trim(), password);
  if (!res.ok) {
    const out: SignInOutcome = { ok: false, code: res.status === 401 ? "bad-credentials" : res.code };
    if ("retryAfter" in res && res.retryAfter !== undefined) out.retryAfter = res.retryAfter;
    return out;
  }
  const previous = await getSetting("profile");
  if (previous && previous.id !== res.data.user.id) await clearSetting("pullCursor");
  await setSetting("profile", res.data.user);
  // Loaded on demand so that reading the profile does not pull the sync engine onto the first screen.
  void import("./scheduler").then((m) => m.resumeAfterSignIn());
  return { ok: true, user: res.data.user };
}

export type SignOutOutcome = { ok: true } | { ok: false; pending: number };

/** Sign out, unless this user still has entries waiting on the phone. */
export async function signOut(): Promise<SignOutOutcome> {
  const profile = await getSetting("profile");
  // Loaded here, not at the top: the sign-in screen imports this module and needs no database.
  const [{ countPending }, { countPendingSupervision }] = await Promise.all([
    import("../db/unsent"),
    import("../db/supervision"),
  ]);
  // Reviews and phase reports wait in an outbox too: they would be stranded just the same.
  const pending = (profile ? await countPending(profile.id) : 0) + (await countPendingSupervision());
  if (pending > 0) return { ok: false, pending };
  await apiLogout();
  // A shared phone: the next user must not see this user's records (what the server holds goes;
  // what has not reached it stays, theirs alone).
  const { forgetSyncedRecords } = await import("../db/sign-out");
  await forgetSyncedRecords();
  for (const key of ["pullCursor", "people", "lastSyncAt", "lastPullAt", "rejectedUnseen"] as const)
    await clearSetting(key);
  await clearSetting("profile");
  return { ok: true };
}

/** The profile kept from the last sign-in, if any. */
export function currentProfile(): Promise<UserProfile | undefined> {
  return getSetting("profile");
}
