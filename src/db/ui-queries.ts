/** Small reads the screens need beside those in entries.ts (additive helpers for the UI). */
import { db, type LocalEntry } from "./database";

/** One entry on the phone by id. */
export function getEntry(id: string): Promise<LocalEntry | undefined> {
  return db().entries.get(id);
}

/** Several entries by id (missing ones left out), e.g. the originals that ledger rows correct. */
export async function getEntries(ids: readonly string[]): Promise<LocalEntry[]> {
  if (ids.length === 0) return [];
  const found = await db().entries.bulkGet([...ids]);
  return found.filter((e): e is LocalEntry => e !== undefined);
}

/** A unit's own net per part for one phase (its cells only, not its subtree), unsent entries included. */
export async function unitPhaseNets(campaignId: string, unitId: string, phaseId: string): Promise<Map<string, number>> {
  const cells = await db().cells.where("campaignId").equals(campaignId).toArray();
  const out = new Map<string, number>();
  for (const c of cells) if (c.unitId === unitId && c.phaseId === phaseId) out.set(c.partId, c.net + c.pending);
  return out;
}
