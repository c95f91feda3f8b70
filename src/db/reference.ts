/** Campaigns and units on the phone: seeded from the shipped data, replaced by what the server sends. */
import type { Campaign, Unit } from "../domain/schemas";
import { db } from "./database";

/** Every campaign on the phone, newest year first. */
export async function listCampaigns(): Promise<Campaign[]> {
  const all = await db().campaigns.toArray();
  return all.sort((a, b) => b.year - a.year);
}

/** Every unit on the phone. */
export function listUnits(): Promise<Unit[]> {
  return db().units.toArray();
}

/**
 * Fill an empty phone with the shipped 2023 campaign and sample units, so the app works before
 * the first sign-in reaches a server. The data is a separate chunk, loaded only when needed.
 */
export async function ensureSeeded(): Promise<void> {
  const d = db();
  if ((await d.campaigns.count()) > 0) return;
  const { campaign, units } = await import("./seed-data");
  await d.transaction("rw", [d.campaigns, d.units], async () => {
    if ((await d.campaigns.count()) > 0) return;
    await d.campaigns.put(campaign);
    await d.units.bulkPut(units);
  });
}

/** Store campaigns sent by the server (they replace the local copy with the same id). */
export async function putCampaigns(campaigns: readonly Campaign[]): Promise<void> {
  if (campaigns.length > 0) await db().campaigns.bulkPut(campaigns);
}

/** Replace the unit tree with the server's (the units of the user's scope and their ancestors). */
export async function replaceUnits(units: Unit[]): Promise<void> {
  const d = db();
  await d.transaction("rw", d.units, async () => {
    await d.units.clear();
    await d.units.bulkPut(units);
  });
}
