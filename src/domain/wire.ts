/** The wire form of an entry: exactly the fields a client may send (DESIGN §2), in wire order. */
import type { Entry } from "./schemas";

/**
 * Strip what a device or store adds (sync state, phase, root, owner…) and empty optional fields.
 * The outbox pushes this, and the handover file's checksum covers this form.
 */
export function toWireEntry(e: Entry): Entry {
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
