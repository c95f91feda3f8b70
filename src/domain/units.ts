/**
 * The unit tree and scope. A user's scope is the subtrees of their assigned units; every read
 * and write is checked against it on the server (DESIGN §3), and the app uses the same rules
 * to offer only the units an officer may write for.
 */
import type { Role, Unit, UnitLevel } from "./schemas";

/** An index over a unit list for fast tree questions. */
export class UnitTree {
  readonly byId = new Map<string, Unit>();
  readonly children = new Map<string, Unit[]>();
  readonly roots: Unit[] = [];

  constructor(units: readonly Unit[]) {
    for (const u of units) this.byId.set(u.id, u);
    for (const u of units) {
      if (u.parentId !== undefined && this.byId.has(u.parentId)) {
        const list = this.children.get(u.parentId) ?? [];
        list.push(u);
        this.children.set(u.parentId, list);
      } else {
        this.roots.push(u);
      }
    }
  }

  get(id: string): Unit | undefined {
    return this.byId.get(id);
  }

  childrenOf(id: string): Unit[] {
    return this.children.get(id) ?? [];
  }

  /** Ids of `id` and all its descendants (empty when `id` is unknown). */
  subtreeIds(id: string): string[] {
    if (!this.byId.has(id)) return [];
    const out: string[] = [];
    const stack = [id];
    while (stack.length > 0) {
      const cur = stack.pop() as string;
      out.push(cur);
      for (const c of this.childrenOf(cur)) stack.push(c.id);
    }
    return out;
  }

  /** The unit and its ancestors, from the unit up to its root. */
  pathToRoot(id: string): Unit[] {
    const out: Unit[] = [];
    const seen = new Set<string>();
    let cur = this.byId.get(id);
    while (cur && !seen.has(cur.id)) {
      out.push(cur);
      seen.add(cur.id);
      cur = cur.parentId === undefined ? undefined : this.byId.get(cur.parentId);
    }
    return out;
  }

  /** The root is the province; a unit with no open child is grassroots; the rest are upper-level. */
  levelOf(id: string): UnitLevel | undefined {
    const unit = this.byId.get(id);
    if (!unit) return undefined;
    if (unit.parentId === undefined || !this.byId.has(unit.parentId)) return "province";
    return this.childrenOf(id).some((c) => c.closed !== true) ? "upper" : "grassroots";
  }

  /** Depth below its root (the root is 0). */
  depth(id: string): number {
    return Math.max(0, this.pathToRoot(id).length - 1);
  }

  /** True when `id` is one of `scopeRoots` or below one of them. */
  isWithin(id: string, scopeRoots: readonly string[]): boolean {
    return this.pathToRoot(id).some((u) => scopeRoots.includes(u.id));
  }

  /** Every unit id in the union of the subtrees of `scopeRoots`. */
  scopeIds(scopeRoots: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const r of scopeRoots) for (const id of this.subtreeIds(r)) out.add(id);
    return out;
  }

  /** The scope roots that are not inside another scope root (a user assigned a district and one of its units). */
  topScopeRoots(scopeRoots: readonly string[]): string[] {
    return scopeRoots.filter(
      (r) =>
        this.byId.has(r) &&
        !this.pathToRoot(r)
          .slice(1)
          .some((a) => scopeRoots.includes(a.id)),
    );
  }

  /** Units in depth-first order with their depth, for a tree picker. */
  flatten(fromIds?: readonly string[]): { unit: Unit; depth: number }[] {
    const out: { unit: Unit; depth: number }[] = [];
    const visit = (u: Unit, depth: number) => {
      out.push({ unit: u, depth });
      for (const c of this.childrenOf(u.id)) visit(c, depth + 1);
    };
    const starts = fromIds ? fromIds.map((id) => this.byId.get(id)).filter((u): u is Unit => !!u) : this.roots;
    for (const s of starts) visit(s, 0);
    return out;
  }
}

/** Problems with a unit list as a tree: duplicate ids, unknown parents, cycles, not one root. */
export function unitTreeProblems(units: readonly Unit[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const u of units) {
    if (ids.has(u.id)) problems.push(`duplicate unit id ${u.id}`);
    ids.add(u.id);
  }
  const roots = units.filter((u) => u.parentId === undefined);
  if (roots.length !== 1) problems.push(`expected one root unit, found ${roots.length}`);
  for (const u of units) {
    if (u.parentId !== undefined && !ids.has(u.parentId))
      problems.push(`unit ${u.id} has unknown parent ${u.parentId}`);
  }
  const tree = new UnitTree(units);
  for (const u of units) {
    if (u.parentId !== undefined && tree.pathToRoot(u.id).at(-1)?.parentId !== undefined) {
      problems.push(`unit ${u.id} is in a cycle`);
    }
    const open = tree.childrenOf(u.id).find((c) => c.closed !== true);
    if (u.closed === true && open) problems.push(`unit ${u.id} is closed but its unit ${open.id} is not`);
  }
  return problems;
}

/** The units a user may write for and read (DESIGN §3): an admin the whole tree, others the subtrees of their units. */
export type Scope = { all: true; roots: string[] } | { all: false; roots: string[]; unitIds: ReadonlySet<string> };

/**
 * The scope of a user over a unit tree, the same on the phone and the server: an admin sees every
 * root; others the assigned units not already inside another assigned unit, and their subtrees.
 * A user with no units (or only units the tree lacks) has an empty scope.
 */
export function scopeOf(user: { role: Role; unitIds: readonly string[] }, tree: UnitTree): Scope {
  if (user.role === "admin") return { all: true, roots: tree.roots.map((u) => u.id) };
  return { all: false, roots: tree.topScopeRoots(user.unitIds), unitIds: tree.scopeIds(user.unitIds) };
}

/** True when the scope covers the unit. */
export function inScope(scope: Scope, unitId: string): boolean {
  return scope.all || scope.unitIds.has(unitId);
}
