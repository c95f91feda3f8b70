/**
 * The registry's edits on a unit list (pure; each returns a new list): add, rename, move, set the
 * sector, close and reopen. Closing needs every child closed and reopening an open parent, the
 * server's own rule (`unitTreeProblems`), checked here first so the admin is told why at once.
 */
import type { Sector, Unit } from "../../domain/schemas";
import { UnitTree } from "../../domain/units";

/** Why an edit cannot be made, or undefined when it can. */
export type EditBlock = { key: "un.closeBlocked"; n: number } | { key: "un.reopenBlocked"; parent: string };

/** Replace one unit by `change(unit)`. */
export function editUnit(units: readonly Unit[], id: string, change: (u: Unit) => Unit): Unit[] {
  return units.map((u) => (u.id === id ? change({ ...u }) : u));
}

/** The unit with a new name, parent and sector (no sector: the key is dropped). */
export function setFacts(
  units: readonly Unit[],
  id: string,
  facts: { name: string; parentId?: string; sector?: Sector },
): Unit[] {
  return editUnit(units, id, (u) => {
    const out: Unit = { ...u, name: facts.name };
    if (facts.parentId === undefined) delete out.parentId;
    else out.parentId = facts.parentId;
    if (facts.sector === undefined) delete out.sector;
    else out.sector = facts.sector;
    return out;
  });
}

/** Why `id` cannot be closed (open children) or reopened (a closed parent). */
export function closeBlock(units: readonly Unit[], id: string, close: boolean): EditBlock | undefined {
  const tree = new UnitTree(units);
  const unit = tree.get(id);
  if (!unit) return undefined;
  if (close) {
    const open = tree.childrenOf(id).filter((c) => c.closed !== true).length;
    return open > 0 ? { key: "un.closeBlocked", n: open } : undefined;
  }
  const parent = unit.parentId === undefined ? undefined : tree.get(unit.parentId);
  return parent?.closed === true ? { key: "un.reopenBlocked", parent: parent.name } : undefined;
}

/** Close or reopen `id` (callers check `closeBlock` first). */
export function setClosed(units: readonly Unit[], id: string, closed: boolean): Unit[] {
  return editUnit(units, id, (u) => {
    if (closed) return { ...u, closed: true };
    const { closed: _was, ...open } = u;
    return open;
  });
}

/** The units `id` may move under: every open unit that is not `id` or below it. */
export function possibleParents(units: readonly Unit[], id: string): Unit[] {
  const tree = new UnitTree(units);
  const below = new Set(tree.subtreeIds(id));
  return tree
    .flatten()
    .map((x) => x.unit)
    .filter((u) => !below.has(u.id) && u.closed !== true);
}
