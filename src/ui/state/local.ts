/**
 * Small facts about this phone the shell shows: entries waiting, storage, unsaved input. Signals
 * only: the shell and the sign-in screen read them without loading the database (state/pending.ts
 * keeps the counts live once someone is signed in).
 */
import { signal } from "@preact/signals";

/** Entries on this phone that have not reached the server (all users). */
export const pendingCount = signal(0);
/** Reviews and phase reports on this phone that have not reached the server. */
export const pendingRecordsCount = signal(0);
/** The signed-in user's entries marked "Cần bổ sung" and not answered yet (state/needs-answer.ts). */
export const awaitingCount = signal(0);
/** Whether the browser granted persistent storage (undefined until it answers). */
export const persisted = signal<boolean | undefined>(undefined);
/** True once the first screen shows its data (the overview's totals are drawn). */
export const firstScreenReady = signal(false);
/** True once the first screen is drawn and the phone was idle: late parts of the shell may load. */
export const shellIdle = signal(false);
/** True while the entry form holds input that is not saved (blocks the app update). */
export const entryDirty = signal(false);
