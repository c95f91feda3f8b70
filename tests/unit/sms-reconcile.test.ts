/**
 * An SMS stands in for entries that could not travel; when they do travel, the phone that sent
 * the SMS cancels the stand-ins, so nothing is counted twice (a walkthrough counted 26 → 30 → 34).
 */
import "fake-indexeddb/auto";
import Dexie from "dexie";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, LedgerDb, useDatabase } from "../../src/db/database";
import { saveEntry } from "../../src/db/entries";
import { putCampaigns, replaceUnits } from "../../src/db/reference";
import { clearSetting, setSetting } from "../../src/db/settings";
import { applyPulledEntries, applyPushResults, pendingBatch } from "../../src/db/sync-store";
import { localTotals } from "../../src/db/totals";
import { countPending } from "../../src/db/unsent";
import { composeSms } from "../../src/domain/sms";
import { rememberSmsSent, SMS_VOID_NOTE, standInsToMark, voidSmsStandIns } from "../../src/sync/sms-reconcile";
import { campaign2023, makeEntry, sampleTree, sampleUnits } from "../support/fixtures";

const OFFICER = "u-officer";
const ctx = {
  campaign: campaign2023,
  tree: sampleTree,
  owner: { id: OFFICER, role: "officer" as const, unitIds: ["lct"] },
};
let name = "";

beforeEach(async () => {
  name = `sms-${Math.random()}`;
  useDatabase(new LedgerDb(name));
  await putCampaigns([campaign2023]);
  await replaceUnits(sampleUnits);
  await clearSetting("smsSent");
  await setSetting("profile", { ...ctx.owner, name: "Cán bộ" });
});
afterEach(async () => {
  db().close();
  await Dexie.delete(name);
});

const achieved = async (partId: string) =>
  (await localTotals({ campaign: campaign2023, tree: sampleTree, scopeRoots: ["lct"] })).all.parts.find(
    (p) => p.partId === partId,
  )?.achieved;

/** A supervisor's stand-in for `quantity` recorded from `sms`, as this phone pulls it. */
function standIn(sms: string, quantity: number, partId = "t1-1") {
  const e = makeEntry({ partId, quantity, date: "2023-06-30", note: `Theo tin nhắn SMS: ${sms}` });
  return { ...e, authorId: "u-supervisor", receivedAt: "2023-07-01T00:00:00.000Z" };
}

/** An SMS of Bình Lư's phase 1 total for part 1.1. */
const smsOf = (total: number) =>
  composeSms({
    campaignId: campaign2023.id,
    phaseId: "dot-1",
    unitId: "tam-duong-01",
    totals: [{ partId: "t1-1", total }],
  });

/** The officer's own entries reach the server. */
async function pushAll() {
  const batch = await pendingBatch(OFFICER, 500);
  await applyPushResults(
    batch,
    batch.map((e) => ({ id: e.id, status: "stored" as const })),
  );
}

describe("SMS stand-ins", () => {
  it("are voided by the phone that sent the SMS once its own entries are on the server", async () => {
    await saveEntry(makeEntry({ quantity: 4 }), ctx);
    const sms = smsOf(4);
    await rememberSmsSent(sms);
    // The supervisor recorded the SMS; the stand-in arrives by pull while ours still waits.
    await applyPulledEntries([standIn(`  ${sms.toLowerCase()} `, 4)], [campaign2023]);
    expect(await achieved("t1-1")).toBe(8);
    expect(await voidSmsStandIns(OFFICER)).toBe(0); // our 4 are not on the server yet

    await pushAll();
    expect(await voidSmsStandIns(OFFICER)).toBe(1);
    expect(await achieved("t1-1")).toBe(4);
    const [voidRow] = await pendingBatch(OFFICER, 500);
    expect(voidRow).toMatchObject({ quantity: -4, note: SMS_VOID_NOTE });
    expect(await countPending(OFFICER)).toBe(1);

    // Once the void is sent, another pass changes nothing.
    await pushAll();
    expect(await voidSmsStandIns(OFFICER)).toBe(0);
    expect(await achieved("t1-1")).toBe(4);
  });

  it("leaves alone stand-ins of an SMS this phone did not compose, and a supervisor's own entries", async () => {
    const mine = smsOf(2);
    const theirs = smsOf(3);
    await rememberSmsSent(mine);
    const plain = makeEntry({ quantity: 5, note: "đi kiểm tra thực tế" });
    await applyPulledEntries(
      [standIn(theirs, 3), { ...plain, authorId: "u-supervisor", receivedAt: "2023-07-01T00:00:00.000Z" }],
      [campaign2023],
    );
    expect(await voidSmsStandIns(OFFICER)).toBe(0);
    expect(await achieved("t1-1")).toBe(8);
  });

  it("are marked provisional while they count, and no longer once voided", async () => {
    await saveEntry(makeEntry({ quantity: 4 }), ctx);
    const sms = smsOf(4);
    await rememberSmsSent(sms);
    await applyPulledEntries(
      [
        standIn(sms, 4),
        {
          ...makeEntry({ quantity: 2, note: "a plain note" }),
          authorId: "u-x",
          receivedAt: "2023-07-01T00:00:00.000Z",
        },
      ],
      [campaign2023],
    );
    expect(await standInsToMark(campaign2023.id)).toEqual([
      { unitId: "tam-duong-01", partId: "t1-1", phaseId: "dot-1", net: 4 },
    ]);
    await pushAll();
    await voidSmsStandIns(OFFICER);
    expect(await standInsToMark(campaign2023.id)).toEqual([]);
  });
});
