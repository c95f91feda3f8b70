/**
 * What replacing one unit list by another changes (pure), for the import's preview and the
 * registry's "what will be saved": added, renamed, moved, sector changed, closed, reopened, removed.
 */
import type { Sector, Unit } from "../../domain/schemas";

/** The changes between two unit lists. */
export type UnitDiff = {
  added: Unit[];
  renamed: { unit: Unit; from: string }[];
  moved: { unit: Unit; from: string | undefined }[];
  sectorChanged: { unit: Unit; from: Sector | undefined }[];
  closed: Unit[];
  reopened: Unit[];
  removed: Unit[];
};

/** The changes from `before` to `after`. */
export function diffUnits(before: readonly Unit[], after: readonly Unit[]): UnitDiff {
  const old = new Map(before.map((u) => [u.id, u]));
  const now = new Set(after.map((u) => u.id));
  const d: UnitDiff = { added: [], renamed: [], moved: [], sectorChanged: [], closed: [], reopened: [], removed: [] };
  for (const u of after) {
    const was = old.get(u.id);
    if (!was) {
      d.added.push(u);
      continue;
    }
    if (was.name !== u.name) d.renamed.push({ unit: u, from: was.name });
    if (was.parentId !== u.parentId) d.moved.push({ unit: u, from: was.parentId });
    if (was.sector !== u.sector) d.sectorChanged.push({ unit: u, from: was.sector });
    if (was.closed !== true && u.closed === true) d.closed.push(u);
    if (was.closed === true && u.closed !== true) d.reopened.push(u);
  }
  for (const u of before) if (!now.has(u.id)) d.removed.push(u);
  return d;
}

/** True when the two lists are the same tree. */
export function isUnchanged(d: UnitDiff): boolean {
  return Object.values(d).every((list) => list.length === 0);
}
