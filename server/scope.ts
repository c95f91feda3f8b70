/**
 * What the server derives from a user's scope (`scopeOf` in src/domain/units.ts, the same on the
 * phone): the ledger filter, the pull cursor's fingerprint, the units a device gets. Every read
 * and write is filtered through the scope; no unit id from a client is trusted.
 */
import { createHash } from "node:crypto";
import type { Unit } from "../src/domain/schemas";
import type { Scope, UnitTree } from "../src/domain/units";

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
