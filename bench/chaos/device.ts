/**
 * One simulated phone, run in a worker thread: the app's own database code (src/db over
 * fake-indexeddb) and sync code (src/sync: signIn, drainOutbox, the backoff), talking to the
 * server through the fault proxy. It creates entries and corrections as an officer would, syncs
 * after saves, retries with the app's backoff, signs in again when its session is revoked, and
 * now and then "reloads": the sync in flight is abandoned (its requests aborted, its answers
 * never read, like a closed tab) and a new one starts on the same database.
 */
import { isEligible } from "../../src/domain/eligibility";
import { countsUnits } from "../../src/domain/totals";
import "fake-indexeddb/auto";
import { parentPort, workerData } from "node:worker_threads";
import { db, LedgerDb, useDatabase } from "../../src/db/database";
import { chainNetOf, saveEntry } from "../../src/db/entries";
import { campaign, units } from "../../src/db/seed-data";
import { deviceId } from "../../src/db/settings";
import { withSyncState } from "../../src/db/sync-state";
import { countPending, unsentOf } from "../../src/db/unsent";
import { newEntryId } from "../../src/domain/ids";
import type { Entry, UserProfile } from "../../src/domain/schemas";
import { UnitTree } from "../../src/domain/units";
import { backoffDelay } from "../../src/sync/backoff";
import { drainOutbox } from "../../src/sync/outbox";
import { signIn } from "../../src/sync/session";
import { Rng } from "../lib/rng";
import type { DeviceConfig, DeviceStats, FromDevice, ToDevice } from "./protocol";
import { ReloadableFetch } from "./reloadable-fetch";

const cfg = (workerData as { config: DeviceConfig }).config;
const rng = new Rng(cfg.seed);
const tree = new UnitTree(units);
const parts = campaign.targets.flatMap((t) => t.parts);
const stats: DeviceStats = {
  created: 0,
  corrections: 0,
  drains: 0,
  retries: 0,
  retryCodes: {},
  thrown: 0,
  sessionExpiries: 0,
  signIns: 0,
  signInFailures: 0,
  reloads: 0,
  abandonedRequests: 0,
};
const net = new ReloadableFetch(cfg.proxyUrl, `10.77.${cfg.index >> 8}.${cfg.index & 255}`);
globalThis.fetch = net.fetch;
useDatabase(new LedgerDb(`chaos-device-${cfg.index}`));

let profile: UserProfile | undefined;
/** The server said the session is over: the profile stays (the app keeps working offline), sync waits for a sign-in. */
let needsSignIn = true;
let clientId = "";
/** The device clock's error: a phone's clock can jump backwards (--clock-jumps). */
let clockOffset = 0;
/** Bumped by a reload: a sync loop of an older generation stops where it is. */
let generation = 0;
let syncing = false;
const mine: string[] = [];

const send = (m: FromDevice) => parentPort?.postMessage(m);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The app's backoff (and Retry-After), scaled down and capped at 2 s: a run cannot wait the
 * app's five-minute cap, and what is under test is that retries happen, not their spacing.
 */
function retryDelay(attempt: number, retryAfterSeconds?: number): number {
  const ms = Math.max(backoffDelay(attempt), (retryAfterSeconds ?? 0) * 1000) * cfg.backoffScale;
  return Math.min(2_000, ms);
}

/** Sign in through the app's own session code, retrying through faults and throttles. */
async function signInUntilOk(gen: number): Promise<void> {
  for (let attempt = 0; gen === generation; attempt++) {
    // A truncated 200 makes signIn throw (it reads res.data.user of an unparsed body): retry.
    const out = await signIn(cfg.username, cfg.password).catch(() => ({ ok: false as const, code: "thrown" }));
    if (out.ok) {
      profile = out.user;
      needsSignIn = false;
      stats.signIns++;
      return;
    }
    stats.signInFailures++;
    await sleep(retryDelay(attempt, "retryAfter" in out ? out.retryAfter : undefined));
  }
}

/**
 * The device's sync loop, like the app's scheduler: drain while anything is pending; on a
 * retry answer wait the backoff; on session-expired sign in again. It ends when nothing is
 * pending, or when a reload made it stale.
 */
async function syncLoop(gen: number): Promise<void> {
  let attempt = 0;
  while (gen === generation) {
    if (needsSignIn) await signInUntilOk(gen);
    if (gen !== generation) return;
    const user = profile as UserProfile;
    // Nothing waiting: this pass is over; the next save (or the settle) starts another.
    if ((await countPending(user.id)) === 0) return;
    stats.drains++;
    const out = await drainOutbox(user.id, clientId).catch((err: unknown) => {
      // A truncated answer makes the app's code throw (res.data undefined): the app's
      // scheduler treats any throw as "retry later", and so does this loop.
      stats.thrown++;
      return { kind: "retry" as const, code: `thrown:${err instanceof Error ? err.name : "?"}` };
    });
    if (gen !== generation) return;
    if (out.kind === "done") {
      attempt = 0;
    } else if (out.kind === "session-expired") {
      stats.sessionExpiries++;
      needsSignIn = true;
    } else {
      stats.retries++;
      stats.retryCodes[out.code] = (stats.retryCodes[out.code] ?? 0) + 1;
      await sleep(retryDelay(attempt++, "retryAfter" in out ? out.retryAfter : undefined));
    }
  }
}

/** Ask for a sync after a save, as `requestSync` does: one loop at a time. */
function requestSync(): void {
  if (syncing) return;
  syncing = true;
  const gen = generation;
  void syncLoop(gen)
    .catch((err: unknown) => send({ type: "error", index: cfg.index, message: String(err) }))
    .finally(() => {
      if (gen === generation) syncing = false;
    });
}

/** A reload: the page and its sync are gone mid-flight; the new page starts syncing again. */
function reload(): void {
  stats.reloads++;
  generation++;
  stats.abandonedRequests += net.abandon();
  syncing = false;
  requestSync();
}

/** One new entry, or a correction of one of this device's entries (never below zero). */
async function createOne(): Promise<void> {
  const user = profile as UserProfile;
  const ctx = { campaign, tree, owner: user };
  if (cfg.clockJumps && rng.chance(0.02)) clockOffset -= rng.int(1_000, 120_000);
  let now = Date.now() + clockOffset;
  if (mine.length > 0 && rng.chance(0.2)) {
    const target = rng.pick(mine);
    const original = (await db().entries.get(target)) as Entry;
    // A person corrects an entry at least a moment after making it. Two saves in the same
    // millisecond would put the correction first in the outbox (it orders by createdAt, then
    // id) and the server would reject it: a real bug, shown by --clock-jumps, kept out of the
    // default run so that the run tests the sync machinery.
    if (!cfg.clockJumps) now = Math.max(now, Date.parse(original.createdAt) + 1);
    const chain = await chainNetOf(target);
    const delta = rng.chance(0.5) && chain > 0 ? -rng.int(1, chain) : rng.int(1, 3);
    const e: Entry = {
      id: newEntryId(now),
      campaignId: original.campaignId,
      partId: original.partId,
      unitId: original.unitId,
      date: original.date,
      quantity: delta,
      correctsId: target,
      createdAt: new Date(now).toISOString(),
    };
    await saveEntry(e, ctx);
    mine.push(e.id);
    stats.corrections++;
  } else {
    const scope = [...tree.scopeIds(user.unitIds)];
    // Only parts this device's units may record, at a unit that may record them (the server's rule).
    const part = rng.pick(parts.filter((p) => scope.some((u) => isEligible(p, u, tree))));
    const month = rng.int(1, 12);
    const e: Entry = {
      id: newEntryId(now),
      campaignId: campaign.id,
      partId: part.id,
      unitId: rng.pick(scope.filter((u) => isEligible(part, u, tree))),
      date: `2023-${String(month).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`,
      quantity: countsUnits(part) ? 1 : rng.int(0, 6),
      createdAt: new Date(now).toISOString(),
    };
    if (rng.chance(0.3)) e.note = `ghi chú ${cfg.index}/${stats.created}`;
    await saveEntry(e, ctx);
    mine.push(e.id);
  }
  stats.created++;
}

async function run(): Promise<void> {
  clientId = await deviceId();
  await signInUntilOk(generation);
  while (stats.created < cfg.entries) {
    // A reload lands while the last burst's sync is (likely) mid-request.
    if (syncing && rng.chance(cfg.reloadChance)) reload();
    const burst = Math.min(rng.int(1, 8), cfg.entries - stats.created);
    for (let i = 0; i < burst; i++) await createOne();
    requestSync();
    await sleep(rng.int(0, 2 * cfg.pauseMs));
  }
  send({ type: "created-all", index: cfg.index });
}

/** After the faults stop: keep syncing until nothing of this user is pending. */
async function settle(): Promise<void> {
  while (!profile || (await countPending(profile.id)) > 0) {
    requestSync();
    await sleep(100);
  }
  send({ type: "settled", index: cfg.index });
}

async function report(): Promise<void> {
  const entries = (await withSyncState(await db().entries.toArray())).map((e) => {
    const out = {
      id: e.id,
      campaignId: e.campaignId,
      partId: e.partId,
      unitId: e.unitId,
      phaseId: e.phaseId,
      quantity: e.quantity,
      syncState: e.syncState,
    };
    return e.rejectReason ? { ...out, rejectReason: e.rejectReason } : out;
  });
  const cells = await db().cells.toArray();
  const campaigns = new Set(cells.map((c) => c.campaignId));
  const unsent = Object.assign({}, ...(await Promise.all([...campaigns].map((id) => unsentOf(id)))));
  send({ type: "report", index: cfg.index, userId: profile?.id ?? "", stats, entries, cells, unsent });
}

parentPort?.on("message", (m: ToDevice) => {
  const fail = (err: unknown) =>
    send({ type: "error", index: cfg.index, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  if (m.type === "settle") void settle().catch(fail);
  else if (m.type === "report") void report().catch(fail);
});
void run().catch((err: unknown) => send({ type: "error", index: cfg.index, message: String(err) }));
