/** Who is signed in on this phone (the profile kept from the last sign-in) and what they may see. */
import { computed, signal } from "@preact/signals";
import type { UserProfile } from "../../domain/schemas";
import { scopeOf, type UnitTree } from "../../domain/units";

/** The signed-in user's profile, or undefined before the first sign-in / after signing out. */
export const profile = signal<UserProfile | undefined>(undefined);

/** True when the app runs on the demo database (never synced, bannered on every screen). */
export const demoMode = signal(false);

/** True for admins (the users screen and the whole tree). */
export const isAdmin = computed(() => profile.value?.role === "admin");

/** True for supervisors and admins: the dashboard, allocations, the print view, reviews and uploads. */
export const supervises = computed(() => profile.value?.role === "supervisor" || isAdmin.value);

/** The roots of the user's scope in the tree on the phone, as the server judges it (`scopeOf`). */
export function scopeRootsFor(p: UserProfile, tree: UnitTree): string[] {
  return scopeOf(p, tree).roots;
}
