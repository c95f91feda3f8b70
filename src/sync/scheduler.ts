/**
 * When sync runs. Triggers: app start, the browser's `online` event, the page becoming visible,
 * a save while online, the "Đồng bộ ngay" button, a Background Sync wake-up relayed by the
 * service worker, and a retry timer with exponential backoff after failures, never sooner than
 * the server's Retry-After. Only one sync runs at a time across all tabs (Web Locks); a trigger
 * during a sync asks for one more pass, which runs with that trigger's reason.
 */
import { getSetting, setSetting } from "../db/settings";
import { countPending } from "../db/unsent";
import { backoffDelay } from "./backoff";
import { recoverClientId } from "./client-id";
import { drainOutbox } from "./outbox";
import { pullAll } from "./pull";
import { voidSmsStandIns } from "./sms-reconcile";
import {
  activity,
  lastError,
  lastSyncAt,
  ledgerVersion,
  online,
  progress,
  rejectedUnseen,
  sessionExpired,
} from "./status";
import { drainSupervision } from "./supervision-outbox";

const LOCK = "so-thi-dua-sync";
let attempt = 0;
let timer: unknown;
let again = false;
let running = false;

/** Who is signed in and which device this is: sync pushes only this user's entries. */
export type SyncIdentity = { userId: string; clientId: string };
let identity: (() => Promise<SyncIdentity | undefined>) | undefined;

async function withLock(fn: () => Promise<void>): Promise<void> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  if (!locks) return fn();
  await locks.request(LOCK, { ifAvailable: true }, async (lock) => {
    // Another tab holds the lock: it is syncing the same outbox; nothing to do here.
    if (lock) await fn();
  });
}

/** The retry timer's clock and the backoff's randomness: the browser's, or a test's. */
export type SchedulerClock = {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  random: () => number;
};
let clock: SchedulerClock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: Math.random,
};

/** Use another clock (tests): the retry timer is set on it and the backoff's jitter drawn from it. */
export function useSchedulerClock(c: SchedulerClock): void {
  clock = c;
}

function schedule(ms: number): void {
  if (timer !== undefined) clock.clearTimeout(timer);
  timer = clock.setTimeout(() => {
    timer = undefined;
    void syncNow("timer");
  }, ms);
}

/** Why a sync started. Only the retry timer's own failures lengthen the backoff: twenty saves
 * during an outage must not push the next retry out to five minutes. */
export type SyncReason = "timer" | "start" | "online" | "visible" | "save" | "manual" | "background";
/** The reason of the pass running now. */
let reasonNow: SyncReason = "start";
/**
 * The reason for the pass asked for during the one running: any trigger but the timer outranks
 * the timer, so a save during a timer pass runs as a save and does not lengthen the backoff.
 */
let reasonNext: SyncReason | undefined;

/** Run one sync now (push, then pull), unless one is running; then run once more after it. */
export async function syncNow(reason: SyncReason = "manual"): Promise<void> {
  if (running) {
    again = true;
    if (reasonNext === undefined || reasonNext === "timer") reasonNext = reason;
    return;
  }
  running = true;
  try {
    reasonNow = reason;
    do {
      again = false;
      await withLock(syncOnce);
      // A pass asked for by a trigger runs with its reason; one the pass asked for itself (the
      // SMS stand-ins' voids) keeps the reason of the pass before it.
      reasonNow = reasonNext ?? reasonNow;
      reasonNext = undefined;
    } while (again);
  } finally {
    running = false;
  }
}

async function syncOnce(): Promise<void> {
  const who = await identity?.();
  if (!who || sessionExpired.value) return;
  activity.value = "pushing";
  try {
    const pushed = await drainOutbox(who.userId, who.clientId, (sent, total) => {
      progress.value = { sent, total };
      ledgerVersion.value++;
    });
    if (pushed.kind === "session-expired") return expire();
    if (pushed.kind === "retry" && (await renewedClientId(pushed.code, who.userId))) return;
    if (pushed.kind === "retry") return retryLater(pushed.code, pushed.retryAfter);
    if (pushed.rejected > 0) await noteRejected(pushed.rejected);
    const reviewed = await drainSupervision(who.userId, who.clientId);
    if (reviewed.kind === "session-expired") return expire();
    if (reviewed.kind === "retry" && (await renewedClientId(reviewed.code, who.userId))) return;
    activity.value = "pulling";
    const pulled = await pullAll();
    ledgerVersion.value++;
    if (pulled.kind === "session-expired") return expire();
    if (pulled.kind === "retry") return retryLater(pulled.code, pulled.retryAfter);
    // Reviews and phase reports that could not go are retried, but never hold back the pull.
    if (reviewed.kind === "retry") return retryLater(reviewed.code, reviewed.retryAfter);
    // With everything of this user on the server, stand-ins from this phone's SMS count it twice.
    if ((await voidSmsStandIns(who.userId)) > 0) {
      ledgerVersion.value++;
      again = true; // push the voids in the next pass
    }
    attempt = 0;
    renewals = 0;
    lastError.value = null;
    const now = new Date().toISOString();
    lastSyncAt.value = now;
    await setSetting("lastSyncAt", now);
    // Entries saved during the pass are pushed by the pass the save asked for.
  } catch (err) {
    retryLater(err instanceof Error && err.name === "QuotaExceededError" ? "storage-full" : "client-error");
  } finally {
    activity.value = "idle";
    progress.value = null;
  }
}

let renewals = 0;

/** Another user owns this device's client id: take a fresh one and run another pass (a few times at most). */
async function renewedClientId(code: string, userId: string): Promise<boolean> {
  if (renewals >= 3 || !(await recoverClientId(code, userId))) return false;
  renewals++;
  again = true;
  return true;
}

/** Count entries the server refused until the user opens the ledger (see `rejectedUnseen`). */
async function noteRejected(n: number): Promise<void> {
  rejectedUnseen.value += n;
  await setSetting("rejectedUnseen", rejectedUnseen.value);
}

/** The user has opened the ledger, where refused entries are flagged with the reason. */
export function rejectedSeen(): void {
  if (rejectedUnseen.value === 0) return;
  rejectedUnseen.value = 0;
  void setSetting("rejectedUnseen", 0);
}

function expire(): void {
  sessionExpired.value = true;
  lastError.value = "session-expired";
  void setSetting("sessionExpired", true);
}

/** Try again later: after the backoff (longer only after the timer's own failures), never before Retry-After. */
function retryLater(code: string, retryAfterSeconds?: number): void {
  lastError.value = code;
  if (reasonNow === "timer") attempt++;
  const delay = Math.max(backoffDelay(attempt, clock.random), (retryAfterSeconds ?? 0) * 1000);
  schedule(delay);
}

/** Ask for a sync soon (after a save): immediate when online, else left to the `online` event. */
export function requestSync(): void {
  if (online.value) void syncNow("save");
}

/** Wire the triggers once, at app start. */
export async function startSync(who: () => Promise<SyncIdentity | undefined>): Promise<void> {
  identity = who;
  lastSyncAt.value = (await getSetting("lastSyncAt")) ?? null;
  sessionExpired.value = (await getSetting("sessionExpired")) ?? false;
  rejectedUnseen.value = (await getSetting("rejectedUnseen")) ?? 0;
  window.addEventListener("online", () => {
    online.value = true;
    attempt = 0;
    void syncNow("online");
  });
  window.addEventListener("offline", () => {
    online.value = false;
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void syncNow("visible");
  });
  await registerBackgroundSync();
  void syncNow("start");
}

/** Ask the browser to wake the service worker when a connection returns (an extra trigger only). */
async function registerBackgroundSync(): Promise<void> {
  try {
    const reg = await navigator.serviceWorker?.ready;
    const sync = (reg as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } })?.sync;
    if (sync && (await countPending()) > 0) await sync.register("outbox");
  } catch {
    // Background Sync is optional: the other triggers still run.
  }
}

/** A new sign-in: sync may run again. */
export function resumeAfterSignIn(): void {
  sessionExpired.value = false;
  void setSetting("sessionExpired", false);
  attempt = 0;
  void syncNow("manual");
}
