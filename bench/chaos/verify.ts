/**
 * The end-of-run checks. The devices' own databases are the truth of what was created (no device
 * pulls, so each holds exactly its own entries):
 * - every entry a device created is on the server, once, with the same quantity and cell, and the
 *   device holds it as synced (lost = 0);
 * - the server holds nothing else, and no id twice (double counted = 0);
 * - the server's maintained cells equal the sums over all devices' ledgers, cell by cell, and
 *   GET /api/v1/totals (year, each phase, each district) equals computeTotals over those sums;
 * - each device's own maintained cells equal its ledger, and their unsent parts its pending entries
 *   (the app's invariants, after all the faults).
 */
import Database from "better-sqlite3";
import { FOLDED_CELLS_SQL } from "../../server/store/sqlite-cells";
import type { Campaign } from "../../src/domain/schemas";
import { type Cell, cellKey, cellsFromEntries, computeTotals } from "../../src/domain/totals";
import type { UnitTree } from "../../src/domain/units";
import type { ApiClient } from "../lib/api-client";
import type { FinalCell, FinalEntry } from "./protocol";

/** What one device handed back at the end. */
export type DeviceReport = {
  index: number;
  userId: string;
  entries: FinalEntry[];
  cells: FinalCell[];
  /** The device's unsent sums by cellKey (src/db/unsent.ts). */
  unsent: Record<string, number>;
};

export type Verdict = {
  created: number;
  onServer: number;
  missing: number;
  unsynced: number;
  rejected: number;
  wrongContent: number;
  cellsShort: number;
  phantoms: number;
  duplicates: number;
  cellsOver: number;
  cellsCompared: number;
  totalsChecked: number;
  totalsMismatches: string[];
  deviceCellMismatches: number;
  /** Cells whose unsent sum on the device differs from its pending entries. */
  deviceUnsentMismatches: number;
  /** Why the rejected entries were rejected (reason → count). */
  rejectReasons: Record<string, number>;
  lost: number;
  doubleCounted: number;
};

/** Cells over entries, by cell key. */
function cellsByKey(entries: readonly FinalEntry[]): Map<string, Cell> {
  return new Map(cellsFromEntries(entries).map((c) => [cellKey(c.campaignId, c.partId, c.unitId, c.phaseId), c]));
}

/** Compare GET /totals with computeTotals over the expected cells; run while the server is up. */
export async function checkApiTotals(
  admin: ApiClient,
  campaign: Campaign,
  tree: UnitTree,
  reports: readonly DeviceReport[],
  districts: readonly string[],
): Promise<{ checked: number; mismatches: string[] }> {
  const expected = cellsFromEntries(reports.flatMap((r) => r.entries));
  const queries: { phaseId?: string; unitId?: string }[] = [{}, ...campaign.phases.map((p) => ({ phaseId: p.id }))];
  for (const unitId of districts) queries.push({ unitId });
  const mismatches: string[] = [];
  for (const q of queries) {
    const params = new URLSearchParams({ campaignId: campaign.id, ...q });
    const r = await admin.patient("GET", `/totals?${params}`);
    const want = computeTotals({ campaign, tree, cells: expected, scopeRoots: tree.roots.map((u) => u.id), ...q });
    if (r.status !== 200 || JSON.stringify(r.body) !== JSON.stringify(want)) mismatches.push(params.toString());
  }
  return { checked: queries.length, mismatches };
}

/** Compare the stopped server's database with the devices' ledgers. */
export function checkLedger(
  dbFile: string,
  reports: readonly DeviceReport[],
): Omit<Verdict, "totalsChecked" | "totalsMismatches"> {
  const db = new Database(dbFile, { readonly: true });
  const serverRows = db
    .prepare("SELECT id, quantity, campaign_id, part_id, unit_id, phase_id, author_id FROM entries")
    .all() as {
    id: string;
    quantity: number;
    campaign_id: string;
    part_id: string;
    unit_id: string;
    phase_id: string;
    author_id: string;
  }[];
  // As a fold leaves them: the stored cells plus whatever a killed server had not folded in yet.
  const serverCells = db.prepare(FOLDED_CELLS_SQL).all() as {
    campaign_id: string;
    part_id: string;
    unit_id: string;
    phase_id: string;
    net: number;
  }[];
  db.close();

  const server = new Map<string, (typeof serverRows)[number]>();
  let duplicates = 0;
  for (const r of serverRows) {
    const id = r.id.toLowerCase();
    if (server.has(id)) duplicates++;
    server.set(id, r);
  }
  const all = reports.flatMap((r) => r.entries.map((e) => ({ e, userId: r.userId })));
  const created = new Set(all.map(({ e }) => e.id.toLowerCase()));
  let missing = 0;
  let unsynced = 0;
  let rejected = 0;
  let wrongContent = 0;
  const rejectReasons: Record<string, number> = {};
  for (const { e, userId } of all) {
    if (e.syncState === "rejected") {
      rejected++;
      const why = e.rejectReason ?? "?";
      rejectReasons[why] = (rejectReasons[why] ?? 0) + 1;
    } else if (e.syncState !== "synced") unsynced++;
    const s = server.get(e.id.toLowerCase());
    if (!s) {
      missing++;
      continue;
    }
    const same =
      s.quantity === e.quantity &&
      s.campaign_id === e.campaignId &&
      s.part_id === e.partId &&
      s.unit_id === e.unitId &&
      s.phase_id === e.phaseId &&
      s.author_id === userId;
    if (!same) wrongContent++;
  }
  const phantoms = [...server.keys()].filter((id) => !created.has(id)).length;

  const expected = cellsByKey(all.map(({ e }) => e));
  const actual = new Map(serverCells.map((c) => [cellKey(c.campaign_id, c.part_id, c.unit_id, c.phase_id), c.net]));
  let cellsOver = 0;
  let cellsShort = 0;
  const keys = new Set([...expected.keys(), ...actual.keys()]);
  for (const k of keys) {
    const diff = (actual.get(k) ?? 0) - (expected.get(k)?.net ?? 0);
    if (diff > 0) cellsOver++;
    if (diff < 0) cellsShort++;
  }

  let deviceCellMismatches = 0;
  let deviceUnsentMismatches = 0;
  for (const r of reports) {
    const own = cellsByKey(r.entries.filter((e) => e.syncState !== "rejected"));
    const waiting = cellsByKey(r.entries.filter((e) => e.syncState === "pending"));
    const held = new Map(r.cells.map((c) => [cellKey(c.campaignId, c.partId, c.unitId, c.phaseId), c]));
    for (const k of new Set([...own.keys(), ...held.keys()])) {
      if ((held.get(k)?.net ?? 0) !== (own.get(k)?.net ?? 0)) deviceCellMismatches++;
    }
    for (const k of new Set([...waiting.keys(), ...Object.keys(r.unsent)])) {
      if ((r.unsent[k] ?? 0) !== (waiting.get(k)?.net ?? 0)) deviceUnsentMismatches++;
    }
  }

  return {
    created: all.length,
    onServer: serverRows.length,
    missing,
    unsynced,
    rejected,
    wrongContent,
    cellsShort,
    phantoms,
    duplicates,
    cellsOver,
    cellsCompared: keys.size,
    deviceCellMismatches,
    deviceUnsentMismatches,
    rejectReasons,
    lost: missing + unsynced + cellsShort,
    doubleCounted: duplicates + phantoms + cellsOver,
  };
}
