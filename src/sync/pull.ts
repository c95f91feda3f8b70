/**
 * Pull: fetch everything in the user's scope changed after the saved cursor, page by page, and
 * add it to the phone. The cursor is opaque and saved only after its page is applied, so a
 * crash repeats a page at worst (applying a page twice changes nothing).
 */
import { listCampaigns, putCampaigns, replaceUnits } from "../db/reference";
import { clearSetting, getSetting, setSetting } from "../db/settings";
import { applyPulledNominations, applyPulledReplies, applyPulledSupervision } from "../db/supervision";
import { applyPulledEntries } from "../db/sync-store";
import type { PullAnswer } from "../domain/api";
import type { UserProfile } from "../domain/schemas";
import { pull } from "./api";
import { profileFromServer } from "./status";

export type PullOutcome =
  | { kind: "done"; added: number }
  | { kind: "session-expired" }
  | { kind: "retry"; code: string; retryAfter?: number };

/** Pull every page available now. */
export async function pullAll(): Promise<PullOutcome> {
  let added = 0;
  for (let page = 0; page < 10_000; page++) {
    const since = await getSetting("pullCursor");
    const res = await pull(since);
    if (!res.ok) {
      if (res.status === 401) return { kind: "session-expired" };
      // A 429 says when to come back (Retry-After); the scheduler waits at least that long.
      const out: PullOutcome = { kind: "retry", code: res.code };
      if ("retryAfter" in res && res.retryAfter !== undefined) out.retryAfter = res.retryAfter;
      return out;
    }
    const data = res.data;
    if (data.reset) {
      // The user's scope changed: start again from the beginning (applying known entries is a no-op).
      await clearSetting("pullCursor");
      if (since !== undefined) continue;
    }
    await keepWhoAsks(data);
    await putCampaigns(data.campaigns);
    if (data.units.length > 0) await replaceUnits(data.units);
    added += await applyPulledEntries(data.entries, await listCampaigns());
    await applyPulledSupervision(data.reviews, data.phaseReports, data.allocations);
    await applyPulledNominations(data.nominations, data.nominationReviews);
    // A server from before replies sends none.
    await applyPulledReplies(data.replies);
    await setSetting("pullCursor", data.cursor);
    if (!data.hasMore) break;
  }
  await setSetting("lastPullAt", new Date().toISOString());
  return { kind: "done", added };
}

/** Same name, role and units: nothing the phone shows or allows has changed. */
function sameProfile(a: UserProfile | undefined, b: UserProfile): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What the pull says about the caller and the people in their records: a user moved to another
 * district (or given another role) gets the new scope here, without signing out; the screens
 * follow `profileFromServer`.
 */
async function keepWhoAsks(data: PullAnswer): Promise<void> {
  const kept = await getSetting("profile");
  if (kept && kept.id === data.profile.id && !sameProfile(kept, data.profile)) {
    await setSetting("profile", data.profile);
    profileFromServer.value = data.profile;
  }
  await setSetting("unitsSample", data.unitsSample);
  if (data.people.length > 0) {
    const people = { ...(await getSetting("people")) };
    for (const p of data.people) people[p.id] = p.name;
    await setSetting("people", people);
  }
}
