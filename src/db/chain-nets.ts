/**
 * Reading the nets of correction chains. A chain with a correction has its row in `chainNets`
 * (written by `LedgerWrite`); a chain without one need not have a row, as on the server: its net
 * is its original's quantity while the original counts (it is on the phone and not refused).
 * Not writing a row per original saves an import or a pull a third of its IndexedDB requests.
 */
import { db } from "./database";

/** The net of each chain whose row or original is on the phone, by root id (others are absent). */
export async function readChainNets(rootIds: Iterable<string>): Promise<Map<string, number>> {
  const roots = [...new Set(rootIds)];
  const out = new Map<string, number>();
  if (roots.length === 0) return out;
  const d = db();
  const rows = await d.chainNets.bulkGet(roots);
  const bare = roots.filter((r, i) => {
    const row = rows[i];
    if (row) out.set(r, row.net);
    return !row;
  });
  for (const [root, net] of await originalNets(bare)) out.set(root, net);
  return out;
}

/** The net of chains known to have no row: each original's quantity while it counts (absent when not on the phone). */
export async function originalNets(rootIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (rootIds.length === 0) return out;
  for (const original of await db().entries.bulkGet([...rootIds])) {
    if (original) out.set(original.id, original.syncState === "rejected" ? 0 : original.quantity);
  }
  return out;
}
