/** The wire form of a stored entry: exactly the fields a client may send. */
import type { Entry } from "../domain/schemas";
import type { LocalEntry } from "./database";

/** Strip what the phone adds (sync state, phase, root, owner) and empty optional fields. */
export function toWireEntry(e: LocalEntry | Entry): Entry {
  const w: Entry = {
    id: e.id,
    campaignId: e.campaignId,
    partId: e.partId,
    unitId: e.unitId,
    date: e.date,
    quantity: e.quantity,
    createdAt: e.createdAt,
  };
  if (e.note !== undefined && e.note !== "") w.note = e.note;
  if (e.correctsId !== undefined) w.correctsId = e.correctsId;
  return w;
}
