/**
 * A user's scope on the server (DESIGN §3): admins see everything; officers and supervisors see
 * the subtrees of their assigned units. Every read and write is filtered through it; no unit id
 * from a client is trusted.
 */
import { createHash } from "node:crypto";
import type { Unit } from "../src/domain/schemas";
import type { UnitTree } from "../src/domain/units";
import type { UserRecord } from "./store/store";

/** The units a user may write for and read. */
export type Scope = { all: true; roots: string[] } | { all: false; roots: string[]; unitIds: ReadonlySet<string> };

/** The scope of a user over the current unit tree. */
export function scopeOf(user: Pick<UserRecord, "role" | "unitIds">, tree: UnitTree): Scope {
  if (user.role === "admin") return { all: true, roots: tree.roots.map((u) => u.id) };
  return { all: false, roots: tree.topScopeRoots(user.unitIds), unitIds: tree.scopeIds(user.unitIds) };
}

/** True when the scope covers the unit. */
export function inScope(scope: Scope, unitId: string): boolean {
  return scope.all || scope.unitIds.has(unitId);
}

/** The unit ids to filter the ledger by, or null for "every unit". */
export function scopeFilter(scope: Scope): string[] | null {
  return scope.all ? null : [...scope.unitIds];
}

/** A short fingerprint of the set of units in scope; a pull cursor from another scope is reset. */
export function scopeHash(scope: Scope): string {
  if (scope.all) return "all";
  return createHash("sha256")
    .update([...scope.unitIds].sort().join("\n"))
    .digest("base64url")
    .slice(0, 16);
}

/** The units a user's device gets: the scope's subtrees plus their ancestors, in catalog order. */
export function visibleUnits(scope: Scope, units: readonly Unit[], tree: UnitTree): Unit[] {
  if (scope.all) return [...units];
  const keep = new Set(scope.unitIds);
  for (const root of scope.roots) for (const u of tree.pathToRoot(root)) keep.add(u.id);
  return units.filter((u) => keep.has(u.id));
}
