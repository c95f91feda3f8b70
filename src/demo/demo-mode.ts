/**
 * Demo mode: the app on a separate local database filled with the generated ledger, never
 * synced and never mixed with real data. The choice survives reloads (a flag in localStorage,
 * see flag.ts); entering or leaving reloads the page, so the real database is never opened
 * while in demo mode.
 */
import { LedgerDb, useDatabase } from "../db/database";
import { putCampaigns, replaceUnits } from "../db/reference";
import { useDraftStore } from "../db/report-drafts";
import { setSetting, useSettingsStore } from "../db/settings";
import { applyPulledSupervision } from "../db/supervision";
import { applyPulledEntries } from "../db/sync-store";
import type { UserProfile } from "../domain/schemas";

export const DEMO_DB = "so-thi-dua-demo";
const DEMO_SETTINGS = "so-thi-dua-demo-settings";
const DEMO_DRAFTS = "so-thi-dua-demo-report-drafts";
export const DEMO_SEED = 2023;

/** The presenter's profile: a provincial supervisor, so every screen has something to show. */
export const DEMO_PROFILE: UserProfile = {
  id: "demo-presenter",
  name: "Người trình diễn",
  role: "supervisor",
  unitIds: ["lct"],
};

/** Switch the data layer to the demo database (call before anything reads data). */
export function useDemoStores(): void {
  useDatabase(new LedgerDb(DEMO_DB));
  useSettingsStore(DEMO_SETTINGS);
  useDraftStore(DEMO_DRAFTS);
}

/** Fill the demo database, unless it already holds the ledger. Returns the number of entries loaded. */
export async function fillDemo(db: LedgerDb): Promise<number> {
  if ((await db.entries.count()) > 0) return 0;
  const [{ generateDemo }, { campaign, units }] = await Promise.all([import("./generate"), import("../db/seed-data")]);
  const ledger = generateDemo(campaign, units, DEMO_SEED);
  await putCampaigns([campaign]);
  await replaceUnits(units);
  for (let i = 0; i < ledger.entries.length; i += 1000) {
    await applyPulledEntries(ledger.entries.slice(i, i + 1000), [campaign]);
  }
  await applyPulledSupervision(ledger.reviews, ledger.phaseReports, ledger.allocations);
  await setSetting("profile", DEMO_PROFILE);
  await setSetting("lastPullAt", new Date().toISOString());
  return ledger.entries.length;
}

/** Start the demo again from the generated ledger (everything made during the demo goes). */
export async function resetDemo(): Promise<void> {
  const { db } = await import("../db/database");
  const d = db();
  d.close();
  await d.delete();
  useDemoStores();
  await fillDemo((await import("../db/database")).db());
}
