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

/**
 * Replace the unit tree with the server's (the units of the user's scope and their ancestors).
 * Units the phone's entries name stay, with their ancestors, even when they left the user's scope
 * (an officer moved to another district): the ledger keeps showing where each entry was made. The
 * scope itself follows the profile, so such units are never offered for a new entry.
 */
export async function replaceUnits(units: Unit[]): Promise<void> {
  const d = db();
  await d.transaction("rw", [d.units, d.cells], async () => {
    const sent = new Set(units.map((u) => u.id));
    const named = new Set((await d.cells.toArray()).map((c) => c.unitId));
    const before = new Map((await d.units.toArray()).map((u) => [u.id, u]));
    const kept: Unit[] = [];
    for (const id of named) {
      for (let u = before.get(id); u && !sent.has(u.id); u = u.parentId ? before.get(u.parentId) : undefined) {
        sent.add(u.id);
        kept.push(u);
      }
    }
    await d.units.clear();
    await d.units.bulkPut([...units, ...kept]);
  });
}
