/** Shared test data: the shipped campaign and unit tree, and an entry builder. */
import { readFileSync } from "node:fs";
import type { Campaign, Entry, Unit } from "../../src/domain/schemas";
import { UnitTree } from "../../src/domain/units";

const root = new URL("../../", import.meta.url);

/** The shipped 2023 campaign. */
export const campaign2023: Campaign = JSON.parse(readFileSync(new URL("data/campaign-2023.json", root), "utf8"));
/** The shipped sample units. */
export const sampleUnits: Unit[] = JSON.parse(readFileSync(new URL("data/units-sample.json", root), "utf8")).units;
/** The sample unit tree. */
export const sampleTree = new UnitTree(sampleUnits);

let n = 0;
/** A valid entry with a fresh UUID; override any field. */
export function makeEntry(over: Partial<Entry> = {}): Entry {
  n++;
  const hex = n.toString(16).padStart(12, "0");
  return {
    id: `00000000-0000-4000-8000-${hex}`,
    campaignId: "laichau-2023",
    partId: "t1-1",
    unitId: "tam-duong-01",
    date: "2023-03-15",
    quantity: 1,
    createdAt: new Date(Date.UTC(2023, 2, 15, 0, 0, n)).toISOString(),
    ...over,
  };
}
