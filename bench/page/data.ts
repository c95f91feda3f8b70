/**
 * Generated ledgers for the browser benches: entries spread over every unit, part and month of
 * the 2023 campaign, from a seeded generator, shaped exactly as src/db stores them.
 */
import type { LedgerRow, SyncState } from "../../src/db/database";
import { campaign, units } from "../../src/db/seed-data";
import { isEligible } from "../../src/domain/eligibility";
import { newEntryId } from "../../src/domain/ids";
import { phaseOf } from "../../src/domain/phases";
import type { Entry } from "../../src/domain/schemas";
import { countsUnits } from "../../src/domain/totals";
import { UnitTree } from "../../src/domain/units";
import { Rng } from "../lib/rng";

const parts = campaign.targets.flatMap((t) => t.parts);
const tree = new UnitTree(units);

/** A seeded source of wire entries (valid for the 2023 campaign and the sample units). */
/** Each part with the units that may record it (the server refuses the rest as `ineligible-unit`). */
const recordable = parts
  .map((part) => ({ part, at: units.filter((u) => isEligible(part, u.id, tree)).map((u) => u.id) }))
  .filter((x) => x.at.length > 0);

export class EntryMaker {
  private readonly rng: Rng;
  private clock: number;

  constructor(seed: number, start = Date.UTC(2023, 0, 1)) {
    this.rng = new Rng(seed);
    this.clock = start;
  }

  /** The next wire entry; ids are UUIDv7 in creation order, as on a phone. */
  next(): Entry {
    const r = this.rng;
    this.clock += r.int(1, 5_000);
    const { part, at } = r.pick(recordable);
    const month = String(r.int(1, 12)).padStart(2, "0");
    const day = String(r.int(1, 28)).padStart(2, "0");
    const random = (b: Uint8Array) => b.map(() => r.int(0, 255));
    return {
      id: newEntryId(this.clock, random),
      campaignId: campaign.id,
      partId: part.id,
      unitId: r.pick(at),
      date: `2023-${month}-${day}`,
      quantity: countsUnits(part) ? 1 : r.int(0, 5),
      createdAt: new Date(this.clock).toISOString(),
    };
  }

  /** The next entry as the phone stores it: a synced one says so, an unsent one waits in the outbox. */
  nextLocal(ownerId: string, syncState: SyncState): LedgerRow {
    const e = this.next();
    // The app numbers entries in the order they were saved; the outbox reads them in that order.
    const row: LedgerRow = {
      ...e,
      phaseId: phaseOf(campaign, e.date)?.id ?? "",
      rootId: e.id,
      ownerId,
      seq: ++this.saved,
    };
    if (syncState !== "pending") row.syncState = syncState;
    return row;
  }

  private saved = 0;
}
