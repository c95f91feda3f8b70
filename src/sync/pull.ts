/**
 * Pull: fetch everything in the user's scope changed after the saved cursor, page by page, and
 * add it to the phone. The cursor is opaque and saved only after its page is applied, so a
 * crash repeats a page at worst (applying a page twice changes nothing).
 */
import { listCampaigns, putCampaigns, replaceUnits } from "../db/reference";
import { clearSetting, getSetting, setSetting } from "../db/settings";
import { applyPulledSupervision } from "../db/supervision";
import { applyPulledEntries } from "../db/sync-store";
import { pull } from "./api";

export type PullOutcome =
  | { kind: "done"; added: number }
  | { kind: "session-expired" }
  | { kind: "retry"; code: string };

/** Pull every page available now. */
export async function pullAll(): Promise<PullOutcome> {
  let added = 0;
  for (let page = 0; page < 10_000; page++) {
    const since = await getSetting("pullCursor");
    const res = await pull(since);
    if (!res.ok) return res.status === 401 ? { kind: "session-expired" } : { kind: "retry", code: res.code };
    const data = res.data;
    if (data.reset) {
      // The user's scope changed: start again from the beginning (applying known entries is a no-op).
      await clearSetting("pullCursor");
      if (since !== undefined) continue;
    }
    await putCampaigns(data.campaigns);
    if (data.units.length > 0) await replaceUnits(data.units);
    added += await applyPulledEntries(data.entries, await listCampaigns());
    await applyPulledSupervision(data.reviews, data.phaseReports, data.allocations);
    await setSetting("pullCursor", data.cursor);
    if (!data.hasMore) break;
  }
  await setSetting("lastPullAt", new Date().toISOString());
  return { kind: "done", added };
}
