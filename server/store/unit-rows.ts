/**
 * A unit as both stores keep it: the fields every query needs as columns (id, name, parent,
 * sector), and the unit's other optional fields (closed, and whatever the unit schema gains) as
 * one JSON text column, `extra`, so a new optional field needs no schema change on either store.
 */
import type { Unit } from "../../src/domain/schemas";
import type { StoredUnits } from "./store";

/** A `units` row as read back (the name still as stored). */
export type UnitRow = { id: string; name: string; parent_id: string | null; sector: string | null; extra: string };

/** The `extra` column of a unit: its fields beyond the columns, as JSON. */
export function unitExtra(u: Unit): string {
  const { id: _id, name: _name, parentId: _parentId, sector: _sector, ...rest } = u;
  return JSON.stringify(rest);
}

/** The unit a row holds; `text` decodes free text read back from the store. */
function unitOfRow(r: UnitRow, text: (s: string) => string): Unit {
  const u: Unit = { ...(JSON.parse(r.extra) as Partial<Unit>), id: r.id, name: text(r.name) };
  if (r.parent_id !== null) u.parentId = r.parent_id;
  if (r.sector !== null) u.sector = r.sector as NonNullable<Unit["sector"]>;
  return u;
}

/** The settings rows that hold the unit file's metadata. */
export const UNIT_SETTINGS_SQL = "SELECT key, value FROM settings WHERE key IN ('units_sample', 'units_description')";

/** The stored tree from its rows, in order, and its settings rows (`UNIT_SETTINGS_SQL`). */
export function storedUnits(
  rows: readonly UnitRow[],
  settings: readonly { key: string; value: string }[],
  text: (s: string) => string,
): StoredUnits {
  const setting = (k: string) => settings.find((m) => m.key === k)?.value;
  const result: StoredUnits = {
    sample: setting("units_sample") === "true",
    units: rows.map((r) => unitOfRow(r, text)),
  };
  const description = setting("units_description");
  if (description !== undefined) result.description = text(description);
  return result;
}
