/** What the screens show about sync, as signals the sync code updates and the UI reads. */
import { signal } from "@preact/signals";
import type { UserProfile } from "../domain/schemas";

/** What sync is doing (not the campaign's phases). */
export type SyncActivity = "idle" | "pushing" | "pulling";

/** Progress while a large queue drains: sent of total. */
export const progress = signal<{ sent: number; total: number } | null>(null);
/** What sync is doing now. */
export const activity = signal<SyncActivity>("idle");
/** The last error as a code the i18n layer turns into a sentence, or null after a good sync. */
export const lastError = signal<string | null>(null);
/** ISO time of the last sync that reached the server both ways. */
export const lastSyncAt = signal<string | null>(null);
/** True when the server said the session is over: sync pauses until the user signs in again. */
export const sessionExpired = signal(false);
/** The browser's idea of connectivity (a hint only; only an answer from the server proves it). */
export const online = signal(typeof navigator === "undefined" ? true : navigator.onLine);
/**
 * Entries the server refused since the user last opened the ledger (kept in settings across
 * reloads). A refusal takes the entry out of the outbox, so without this the bar would say
 * "Đã gửi hết" and the officer would not know to look.
 */
export const rejectedUnseen = signal(0);
/** Bumped after every change to the ledger made by sync, so views can re-read. */
export const ledgerVersion = signal(0);
/** The signed-in user's profile as the last pull found it changed (another district, new role), kept already. */
export const profileFromServer = signal<UserProfile | undefined>(undefined);
