/**
 * A unit as both stores keep it: the fields every query needs as columns (id, name, parent,
 * sector), and the unit's other optional fields (closed, and whatever the unit schema gains) as
 * one JSON text column, `extra`, so a new optional field needs no schema change on either store.
 */
import type { Unit } from "../../src/domain/schemas";

/** A `units` row as read back, text already decoded. */
export type UnitRow = { id: string; name: string; parent_id: string | null; sector: string | null; extra: string };

/** The `extra` column of a unit: its fields beyond the columns, as JSON. */
export function unitExtra(u: Unit): string {
  const { id: _id, name: _name, parentId: _parentId, sector: _sector, ...rest } = u;
  return JSON.stringify(rest);
}

/** The unit a row holds. */
export function unitOfRow(r: UnitRow): Unit {
  const u: Unit = { ...(JSON.parse(r.extra) as Partial<Unit>), id: r.id, name: r.name };
  if (r.parent_id !== null) u.parentId = r.parent_id;
  if (r.sector !== null) u.sector = r.sector as NonNullable<Unit["sector"]>;
  return u;
}
