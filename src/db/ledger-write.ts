/**
 * The only code on the phone that changes the ledger together with what is derived from it: the
 * entries, their cells, the nets of their chains, and the outbox with the unsent sums kept beside
 * each of its pages (outbox-pages.ts). A caller gathers one change in a `LedgerWrite` (from a
 * plan of `planEntries`, a push's answers or a pulled page) and writes it inside its own
 * transaction over `ledgerTables()`: either everything lands or, on a crash or a full disk,
 * nothing does, so the totals can never disagree with the ledger or the unsent sums with the
 * outbox.
 */
import type { EntryPlan } from "../domain/planner";
import { type CellPlace, cellKey } from "../domain/totals";
import { originalNets } from "./chain-nets";
import {
  type CellKey,
  db,
  ENTRY_SEQ,
  type LedgerDb,
  type LedgerRow,
  type LocalCell,
  type OutboxRow,
  outboxRowOf,
  pickCell,
} from "./database";
import { appendToOutbox, removeFromOutbox, type Waiting } from "./outbox-pages";

/** Every table a `LedgerWrite` may touch: a transaction that writes one must hold them all. */
export function ledgerTables(d: LedgerDb = db()) {
  return [d.entries, d.outboxPages, d.outboxHeads, d.outboxSums, d.cells, d.chainNets, d.meta];
}

/** Reserve `count` numbers of the save order; returns the first. Call inside a transaction holding `meta`. */
export async function nextSeq(count: number): Promise<number> {
  const d = db();
  const last = (await d.meta.get(ENTRY_SEQ))?.value ?? 0;
  await d.meta.put({ key: ENTRY_SEQ, value: last + count });
  return last + 1;
}

/** One change to the phone's ledger, gathered in memory and written with bulk reads and writes. */
export class LedgerWrite {
  private readonly cells = new Map<string, LocalCell>();
  private readonly netDeltas = new Map<string, number>();
  private readonly netValues = new Map<string, number>();
  /** Of `netDeltas`, what corrections brought (a chain gaining its first row starts from its original). */
  private readonly correctionDeltas = new Map<string, number>();
  /** Originals that join the ledger in this change: their chains are new, so no row of theirs can exist. */
  private readonly newChains = new Set<string>();
  private readonly added: LedgerRow[] = [];
  private readonly replaced: LedgerRow[] = [];
  private readonly queued: OutboxRow[] = [];
  private dequeued: Waiting | undefined;

  /** A planner's decision: its rows join the ledger and wait in the outbox, counted in cells and chains. */
  applyPlan(plan: EntryPlan<LedgerRow>): this {
    for (const row of plan.rows) {
      this.added.push(row);
      this.queue(row);
    }
    for (const [key, delta] of plan.cellDeltas) this.addToCellKey(key, delta, delta.net);
    // Only chains with a correction keep a row; an original's net is its quantity (`readChainNets`).
    for (const [root, net] of plan.correctedChainNets) this.netValues.set(root, net);
    return this;
  }

  /** Entries made here without a plan (seeding a benchmark's ledger): they join the ledger and the outbox, and count. */
  addPending(rows: readonly LedgerRow[]): this {
    for (const row of rows) {
      this.added.push(row);
      this.queue(row);
      this.countNew(row);
    }
    return this;
  }

  /** Entries the server already holds (a pulled page): they join the ledger and count, never the outbox. */
  addSynced(rows: readonly LedgerRow[]): this {
    for (const row of rows) {
      this.added.push(row);
      this.countNew(row);
    }
    return this;
  }

  /**
   * The server holds these entries, found waiting in this transaction (`findWaiting`): they leave
   * the outbox and the unsent sums (they still count). Once per change.
   */
  dequeue(found: Waiting): this {
    if (this.dequeued) throw new Error("LedgerWrite.dequeue: once per change");
    this.dequeued = found;
    return this;
  }

  /** The server refused this entry: it stays in the ledger, flagged with the reason, and stops counting. */
  reject(flagged: LedgerRow): this {
    this.replaced.push(flagged);
    this.count(flagged, -flagged.quantity);
    return this;
  }

  /** Write the change; call inside a transaction over `ledgerTables()`. */
  async write(): Promise<void> {
    const d = db();
    if (this.added.length > 0) await d.entries.bulkPut(this.added);
    if (this.replaced.length > 0) await d.entries.bulkPut(this.replaced);
    if (this.dequeued) await removeFromOutbox(this.dequeued.heads, this.dequeued.ids);
    if (this.queued.length > 0) await appendToOutbox(this.queued);
    await this.writeCells();
    await this.writeNets();
  }

  private queue(row: LedgerRow): void {
    this.queued.push(outboxRowOf(row));
  }

  /** An entry joining the ledger in this change, counted. */
  private countNew(row: LedgerRow): void {
    if (row.correctsId === undefined && row.rootId === row.id) this.newChains.add(row.rootId);
    this.count(row, row.quantity);
  }

  private count(row: CellPlace & { rootId: string; correctsId?: string | undefined }, quantity: number): void {
    this.addToCellKey(cellKey(row.campaignId, row.partId, row.unitId, row.phaseId), row, quantity);
    addTo(this.netDeltas, row.rootId, quantity);
    if (row.correctsId !== undefined) addTo(this.correctionDeltas, row.rootId, quantity);
  }

  private addToCellKey(key: string, place: CellPlace, quantity: number): void {
    const cell = this.cells.get(key) ?? { ...pickCell(place), net: 0 };
    cell.net += quantity;
    this.cells.set(key, cell);
  }

  private async writeCells(): Promise<void> {
    const deltas = [...this.cells.values()];
    if (deltas.length === 0) return;
    const current = await readCells(deltas);
    await db().cells.bulkPut(deltas.map((c, i) => ({ ...c, net: c.net + (current[i]?.net ?? 0) })));
  }

  /**
   * Planned corrections carry their chain's new net (read in this transaction); answers and pulls
   * carry deltas, added to a chain's row where it has one. A chain without a row gets one when a
   * correction joins it, starting from its original's net as this change leaves it (the ledger rows
   * are written first); a chain without a row or a correction keeps none.
   */
  private async writeNets(): Promise<void> {
    const d = db();
    const delta = (r: string) => this.netDeltas.get(r) ?? 0;
    const next = new Map<string, number>();
    for (const [r, net] of this.netValues) next.set(r, net + delta(r));
    // A chain that begins in this change has no row to read (a first pull of 5,000 originals
    // looked up 5,000 rows that cannot exist: ~180 ms on a desktop); it gains one only if a
    // correction joins it in this same change.
    const others = [...this.netDeltas.keys()].filter(
      (r) => !next.has(r) && (!this.newChains.has(r) || this.correctionDeltas.has(r)),
    );
    const held = others.length > 0 ? await d.chainNets.bulkGet(others) : [];
    const firstRows = others.filter((r, i) => {
      const row = held[i];
      if (row) next.set(r, row.net + delta(r));
      return !row && this.correctionDeltas.has(r);
    });
    const originals = await originalNets(firstRows);
    for (const r of firstRows) next.set(r, (originals.get(r) ?? 0) + (this.correctionDeltas.get(r) ?? 0));
    if (next.size > 0) await d.chainNets.bulkPut([...next].map(([rootId, net]) => ({ rootId, net })));
  }
}

/** From this many cells on, a change reads its campaigns' cells in one request, not one request each. */
const MANY_CELLS = 100;

/**
 * The stored cells at these places (undefined where none is), in the same order. A handover
 * import touches hundreds of cells: a lookup each cost ~50 ms of requests, reading the campaign's
 * few thousand cells at once a few.
 */
async function readCells(places: readonly CellPlace[]): Promise<(LocalCell | undefined)[]> {
  const d = db();
  if (places.length < MANY_CELLS)
    return d.cells.bulkGet(places.map((c): CellKey => [c.campaignId, c.partId, c.unitId, c.phaseId]));
  const campaigns = [...new Set(places.map((c) => c.campaignId))];
  const held = new Map<string, LocalCell>();
  for (const c of await d.cells.where("campaignId").anyOf(campaigns).toArray()) held.set(cellKeyOf(c), c);
  return places.map((c) => held.get(cellKeyOf(c)));
}

function cellKeyOf(c: CellPlace): string {
  return cellKey(c.campaignId, c.partId, c.unitId, c.phaseId);
}

function addTo(m: Map<string, number>, key: string, quantity: number): void {
  m.set(key, (m.get(key) ?? 0) + quantity);
}
