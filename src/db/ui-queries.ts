/** Small reads the screens need beside those in entries.ts (additive helpers for the UI). */
import { latestReviews, type ReviewState } from "../domain/supervision";
import { db, type LedgerRow, type LocalEntry } from "./database";
import { allOutboxRows } from "./outbox-pages";
import { withSyncState } from "./sync-state";

/** One entry on the phone by id. */
export async function getEntry(id: string): Promise<LocalEntry | undefined> {
  return (await getEntries([id]))[0];
}

/** Several entries by id (missing ones left out), e.g. the originals that ledger rows correct. */
export async function getEntries(ids: readonly string[]): Promise<LocalEntry[]> {
  if (ids.length === 0) return [];
  const d = db();
  return d.transaction("r", [d.entries, d.outboxHeads], async () => {
    const found = await d.entries.bulkGet([...ids]);
    return withSyncState(found.filter((e): e is LedgerRow => e !== undefined));
  });
}

/** A unit's own net per part for one phase (its cells only, not its subtree), unsent entries included. */
export async function unitPhaseNets(campaignId: string, unitId: string, phaseId: string): Promise<Map<string, number>> {
  const cells = await db().cells.where("campaignId").equals(campaignId).toArray();
  const out = new Map<string, number>();
  for (const c of cells) if (c.unitId === unitId && c.phaseId === phaseId) out.set(c.partId, c.net);
  return out;
}

/** A unit's own net for one part over the whole campaign (every phase), unsent entries included. */
export async function unitPartNet(campaignId: string, partId: string, unitId: string): Promise<number> {
  const cells = await db().cells.where("campaignId").equals(campaignId).toArray();
  return cells.reduce((sum, c) => (c.partId === partId && c.unitId === unitId ? sum + c.net : sum), 0);
}

/**
 * Each reviewed entry's latest review state on this phone, for the given entries or for all (a
 * review the server refused does not count).
 */
export async function reviewStates(entryIds?: readonly string[]): Promise<Map<string, ReviewState>> {
  const all = entryIds
    ? await db()
        .reviews.where("entryId")
        .anyOf([...entryIds])
        .toArray()
    : await db().reviews.toArray();
  const reviews = all.filter((r) => r.syncState !== "rejected");
  return new Map([...latestReviews(reviews)].map(([id, r]) => [id, r.state]));
}

/**
 * Which of the given chains (by root id) have a correction still waiting in the outbox: the
 * ledger row of the original says so, since its figure already counts that correction.
 */
export async function chainsWithUnsentCorrections(rootIds: readonly string[]): Promise<Set<string>> {
  const d = db();
  const ids = (await allOutboxRows()).filter((r) => r.correctsId !== undefined).map((r) => r.id);
  if (ids.length === 0) return new Set();
  const wanted = new Set(rootIds);
  const rows = await d.entries.bulkGet(ids);
  return new Set(rows.flatMap((r) => (r && wanted.has(r.rootId) ? [r.rootId] : [])));
}
