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
