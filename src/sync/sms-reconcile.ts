/**
 * SMS stand-ins, cancelled by the device that sent the SMS.
 *
 * Where only voice and SMS reach, an officer texts a unit's phase totals, and a supervisor
 * records the difference from what their device knows as stand-in entries (ui/handover/
 * sms-section.tsx; each carries the message in its note). The officer's own entries still
 * wait on the phone, and when they reach the server the stand-ins count them a second time.
 * So the phone that composed the message remembers it, and once it has nothing left to push
 * (its entries are on the server) and has pulled the stand-ins, it voids them: a correction
 * bringing each stand-in's chain to zero, pushed like any entry. The phone that knows what the
 * message stood for is the one that cancels it; a message it never composed is left alone.
 */

import { readChainNets } from "../db/chain-nets";
import { db, type LedgerRow } from "../db/database";
import { saveEntry } from "../db/entries";
import { listCampaigns, listUnits } from "../db/reference";
import { getSetting, setSetting } from "../db/settings";
import { withSyncState } from "../db/sync-state";
import { countPending } from "../db/unsent";
import { newEntryId } from "../domain/ids";
import { composeSms, parseSms, SMS_TAG, type SmsReport } from "../domain/sms";
import { UnitTree } from "../domain/units";

/** How many composed messages a phone remembers (the oldest are forgotten first). */
const REMEMBERED = 50;

/** The note of a void made here, in the ledger's history. */
export const SMS_VOID_NOTE = "Tự hủy số theo SMS: số liệu gốc của máy gửi tin đã lên máy chủ.";

/** The message in its one canonical form (what composeSms writes), or undefined when it is not one. */
function canonical(text: string): { key: string; report: SmsReport } | undefined {
  const read = parseSms(text);
  return read.ok ? { key: composeSms(read.report), report: read.report } : undefined;
}

/** Remember a message this phone composed, so its stand-ins can be cancelled later. */
export async function rememberSmsSent(body: string): Promise<void> {
  const key = canonical(body)?.key;
  if (!key) return;
  const sent = ((await getSetting("smsSent")) ?? []).filter((s) => s !== key);
  await setSetting("smsSent", [...sent, key].slice(-REMEMBERED));
}

/** The SMS a stand-in's note carries, in canonical form. */
function smsOfNote(note: string | undefined): string | undefined {
  const at = note?.toLowerCase().indexOf(`${SMS_TAG};`) ?? -1;
  return at < 0 || !note ? undefined : canonical(note.slice(at))?.key;
}

/**
 * Void the stand-ins recorded from this phone's messages, once `ownerId` has nothing left to
 * push; answers how many voids were saved (they wait in the outbox like any entry).
 */
export async function voidSmsStandIns(ownerId: string): Promise<number> {
  const sent = (await getSetting("smsSent")) ?? [];
  if (sent.length === 0 || (await countPending(ownerId)) > 0) return 0;
  // Find what to void first: after most sync passes there is nothing, and no reference data is read.
  const standIns: LedgerRow[] = [];
  for (const key of sent) {
    const report = canonical(key)?.report;
    if (report) standIns.push(...(await standInsOf(report, key, ownerId)));
  }
  const nets = await readChainNets(standIns.map((s) => s.rootId));
  const toVoid = standIns.flatMap((standIn) => {
    const net = nets.get(standIn.rootId) ?? 0;
    return net > 0 ? [{ standIn, net }] : [];
  });
  if (toVoid.length === 0) return 0;
  const owner = await getSetting("profile");
  if (!owner || owner.id !== ownerId) return 0;
  const campaigns = await listCampaigns();
  const tree = new UnitTree(await listUnits());
  let voided = 0;
  for (const { standIn, net } of toVoid) {
    const campaign = campaigns.find((c) => c.id === standIn.campaignId);
    if (!campaign) continue;
    await saveEntry(
      {
        id: newEntryId(),
        campaignId: standIn.campaignId,
        partId: standIn.partId,
        unitId: standIn.unitId,
        date: standIn.date,
        quantity: -net,
        correctsId: standIn.id,
        note: SMS_VOID_NOTE,
        createdAt: new Date().toISOString(),
      },
      { campaign, tree, owner },
    );
    voided++;
  }
  return voided;
}

/** Entries of the message's unit and phase, made by someone else, whose note carries the message. */
async function standInsOf(report: SmsReport, key: string, ownerId: string): Promise<LedgerRow[]> {
  const rows = await db()
    .entries.where("[unitId+createdAt]")
    .between([report.unitId, ""], [report.unitId, "\uffff"])
    .toArray();
  return rows.filter(
    (e) =>
      e.campaignId === report.campaignId &&
      e.phaseId === report.phaseId &&
      e.ownerId !== ownerId &&
      e.correctsId === undefined &&
      e.syncState !== "rejected" &&
      smsOfNote(e.note) === key,
  );
}

/** An SMS stand-in the ledger still counts: recorded from a text message, not yet voided by the sender. */
export type StandIn = { unitId: string; partId: string; phaseId: string; net: number };

/**
 * The sent (synced) stand-ins of a campaign whose chain still counts, for the dashboard to mark
 * as provisional. A scan of the campaign's entries for a note carrying a message; the dashboard
 * reads this apart from its figures, so the figures never wait for it.
 */
export async function standInsToMark(campaignId: string): Promise<StandIn[]> {
  const tag = `${SMS_TAG};`;
  const rows = await db()
    .entries.where("[campaignId+partId]")
    .between([campaignId, ""], [campaignId, "\uffff"])
    .filter((e) => e.correctsId === undefined && e.note?.toLowerCase().includes(tag) === true)
    .toArray();
  const synced = (await withSyncState(rows)).filter((e) => e.syncState === "synced");
  const nets = await readChainNets(synced.map((e) => e.rootId));
  return synced.flatMap((e) => {
    const net = nets.get(e.rootId) ?? 0;
    return net > 0 ? [{ unitId: e.unitId, partId: e.partId, phaseId: e.phaseId, net }] : [];
  });
}
