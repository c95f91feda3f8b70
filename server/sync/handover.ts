/**
 * Applying a handover file on the server: `POST /api/v1/sync/import` and
 * `npm run admin -- import-entries`. The file is verified whole first (`readHandover`: JSON,
 * format, shape, SHA-256 checksum); a fault refuses it and nothing is stored. Its entries then go
 * through the push pipeline itself (sync/push.ts: shape, scope, id → duplicate/conflict, the
 * ledger rules), as the applying user, so an entry that later arrives by push as well is a
 * `duplicate` and is counted once.
 *
 * Transaction shape: the whole file is ONE `commitPush` transaction, not consecutive 500-entry
 * pushes. A handover is one act ("this file landed"): either all of its acceptable entries are
 * stored or, on a crash or a lost connection, none are, and the retry answers the same way; the
 * per-entry results are decided against one snapshot, so a correction later in the file sees the
 * entry it corrects, wherever the file puts it. The cost is the push lock held for the whole file
 * on PostgreSQL, during which pushes wait: 25,000 entries (a 6.7 MB file) took 0.76 s end to end
 * here on PostgreSQL, 0.40 s on SQLite. Files are rare and uploaded by supervisors, so that is
 * accepted; HANDOVER_MAX_BYTES bounds it.
 *
 * The entries record the applying user as their author and `handover:<deviceId>:from:<userId>`
 * as their client id: the phone that made them and the user the file claims exported them, kept
 * beside the importer in the ledger's audit trail (the claim is not trusted for anything: the
 * checksum detects damage, not forgery). The client id is registered to the first user who
 * applies such a file, and an import does not require owning it (the uploader is not the
 * phone's user).
 */
import type { HandoverPayload } from "../../src/domain/handover";
import type { PushResult } from "../../src/domain/schemas";
import type { CatalogView } from "../catalog";
import type { Store, UserRecord } from "../store/store";
import { refusingFutureEntries } from "./created-at";
import { applyPush } from "./push";

/** The client id recorded with entries that came from a handover file: its device and claimed exporter. */
export function handoverClientId(payload: Pick<HandoverPayload, "deviceId" | "exportedBy">): string {
  return `handover:${payload.deviceId}:from:${payload.exportedBy.userId}`;
}

/** Apply a verified handover payload as `user`, in one transaction; one result per entry, in order. */
export async function applyHandover(
  store: Store,
  catalog: CatalogView,
  user: Pick<UserRecord, "id" | "role" | "unitIds">,
  payload: HandoverPayload,
  receivedAt: string,
): Promise<PushResult[]> {
  const clientId = handoverClientId(payload);
  await store.accounts.claimClient(clientId, user.id, receivedAt);
  return refusingFutureEntries(payload.entries, receivedAt, (kept) =>
    applyPush(store, catalog, user, clientId, kept, receivedAt),
  );
}

/** How many entries were stored, duplicate and rejected, and the rejections by reason. */
export function countResults(results: readonly PushResult[]): {
  stored: number;
  duplicate: number;
  rejected: number;
  reasons: Map<string, number>;
} {
  const out = { stored: 0, duplicate: 0, rejected: 0, reasons: new Map<string, number>() };
  for (const r of results) {
    out[r.status] += 1;
    if (r.reason) out.reasons.set(r.reason, (out.reasons.get(r.reason) ?? 0) + 1);
  }
  return out;
}
