/**
 * Handover on the phone: export the entries that have not left it (or all of them) to a file,
 * and import such a file on another device. Import applies the same idempotent rules as a push,
 * in one transaction: an entry already here with the same content is a duplicate, with other
 * content a conflict; the rest are checked by the ledger rules and stored as pending, so the
 * importing device pushes them on and the server counts each once, whoever delivers it first.
 */
import Dexie from "dexie";
import { checkEntryRules, type KnownEntry, sameContent } from "../domain/ledger";
import type { Campaign, Entry, PushResult } from "../domain/schemas";
import type { UnitTree } from "../domain/units";
import { toWireEntry } from "../domain/wire";
import { db, type LedgerRow, outboxRowOf } from "./database";
import { nextSeq } from "./entries";
import { CellDelta, NetDelta } from "./sync-store";
import { UnsentDelta } from "./unsent";

/** Entries to put in a handover file: this user's unsent ones, or every entry of theirs. */
export async function entriesForHandover(ownerId: string, all: boolean): Promise<Entry[]> {
  const d = db();
  if (!all) {
    const unsent = await d.outbox
      .where("[ownerId+seq]")
      .between([ownerId, Dexie.minKey], [ownerId, Dexie.maxKey])
      .toArray();
    return unsent.map(toWireEntry);
  }
  const rows = await d.entries.where("ownerId").equals(ownerId).toArray();
  return rows
    .filter((e) => e.syncState !== "rejected")
    .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0) || a.createdAt.localeCompare(b.createdAt))
    .map(toWireEntry);
}

export type ImportContext = { campaigns: Campaign[]; tree: UnitTree; scopeRoots: readonly string[]; ownerId: string };

/** Import entries from a verified handover file; one result per entry, like a push. */
export async function importEntries(entries: Entry[], ctx: ImportContext): Promise<PushResult[]> {
  const d = db();
  return d.transaction("rw", [d.entries, d.outbox, d.unsent, d.cells, d.chainNets, d.meta], async () => {
    const ids = entries.map((e) => e.id);
    const correctedIds = entries.flatMap((e) => (e.correctsId ? [e.correctsId] : []));
    const known = new Map<string, LedgerRow>();
    for (const e of await d.entries.bulkGet([...ids, ...correctedIds])) if (e) known.set(e.id, e);
    const roots = [...new Set([...known.values()].map((e) => e.rootId))];
    const nets = new Map<string, number>();
    for (const [i, n] of (await d.chainNets.bulkGet(roots)).entries()) nets.set(roots[i] as string, n?.net ?? 0);
    const campaigns = new Map(ctx.campaigns.map((c) => [c.id, c]));
    const cells = new CellDelta();
    const unsent = new UnsentDelta();
    const netDelta = new NetDelta();
    const toAdd: LedgerRow[] = [];
    let seq = await nextSeq(entries.length);
    const results: PushResult[] = entries.map((e) => {
      // The order of DESIGN §2: scope, then the id, then the ledger rules.
      if (ctx.tree.get(e.unitId) && !ctx.tree.isWithin(e.unitId, ctx.scopeRoots)) {
        return { id: e.id, status: "rejected", reason: "forbidden" };
      }
      const existing = known.get(e.id);
      if (existing) {
        return sameContent(toWireEntry(existing), e)
          ? { id: e.id, status: "duplicate" }
          : { id: e.id, status: "rejected", reason: "conflict" };
      }
      const outcome = checkEntryRules(e, {
        campaign: (id) => campaigns.get(id),
        unitExists: (id) => ctx.tree.get(id) !== undefined,
        entry: (id): KnownEntry | undefined => {
          const k = known.get(id);
          return k && k.syncState !== "rejected" ? k : undefined;
        },
        chainNet: (root) => nets.get(root) ?? 0,
      });
      if (!outcome.ok) return { id: e.id, status: "rejected", reason: outcome.reason };
      const local: LedgerRow = {
        ...e,
        phaseId: outcome.phaseId,
        rootId: outcome.rootId,
        ownerId: ctx.ownerId,
        seq: seq++,
      };
      known.set(e.id, local);
      nets.set(outcome.rootId, (nets.get(outcome.rootId) ?? 0) + e.quantity);
      toAdd.push(local);
      cells.add(local, e.quantity);
      unsent.add(local, e.quantity);
      netDelta.add(outcome.rootId, e.quantity);
      return { id: e.id, status: "stored" };
    });
    await d.entries.bulkAdd(toAdd);
    await d.outbox.bulkAdd(toAdd.map(outboxRowOf));
    await cells.write();
    await unsent.write();
    await netDelta.write();
    return results;
  });
}
