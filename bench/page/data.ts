/**
 * Generated ledgers for the browser benches: entries spread over every unit, part and month of
 * the 2023 campaign, from a seeded generator, shaped exactly as src/db stores them.
 */
import type { LedgerRow, SyncState } from "../../src/db/database";
import { campaign, units } from "../../src/db/seed-data";
import { newEntryId } from "../../src/domain/ids";
import { phaseOf } from "../../src/domain/phases";
import type { Entry } from "../../src/domain/schemas";
import { Rng } from "../lib/rng";

const parts = campaign.targets.flatMap((t) => t.parts);

/** A seeded source of wire entries (valid for the 2023 campaign and the sample units). */
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
    const part = r.pick(parts);
    const month = String(r.int(1, 12)).padStart(2, "0");
    const day = String(r.int(1, 28)).padStart(2, "0");
    const random = (b: Uint8Array) => b.map(() => r.int(0, 255));
    return {
      id: newEntryId(this.clock, random),
      campaignId: campaign.id,
      partId: part.id,
      unitId: r.pick(units).id,
      date: `2023-${month}-${day}`,
      quantity: part.kind === "percent" ? 1 : r.int(0, 5),
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
