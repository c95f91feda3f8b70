/**
 * A shared phone: after one user signs out, the next never sees their records. What the server
 * holds is forgotten (and pulled again by whoever signs in, within their own scope); what has
 * not reached it stays — another user's waiting entries, and refused ones — and only its owner's
 * ledger shows it.
 */
import "fake-indexeddb/auto";
import Dexie from "dexie";
import { afterEach, beforeEach, expect, it } from "vitest";
import { db, LedgerDb, useDatabase } from "../../src/db/database";
import { listEntries, saveEntry } from "../../src/db/entries";
import { putCampaigns, replaceUnits } from "../../src/db/reference";
import { forgetSyncedRecords } from "../../src/db/sign-out";
import { applyPulledEntries, applyPushResults, pendingBatch } from "../../src/db/sync-store";
import { localTotals } from "../../src/db/totals";
import { countPending } from "../../src/db/unsent";
import { campaign2023, makeEntry, sampleTree, sampleUnits } from "../support/fixtures";

let name = "";
beforeEach(async () => {
  name = `sign-out-${Math.random()}`;
  useDatabase(new LedgerDb(name));
  await putCampaigns([campaign2023]);
  await replaceUnits(sampleUnits);
});
afterEach(async () => {
  db().close();
  await Dexie.delete(name);
});

const owner = (id: string) => ({ id, role: "officer" as const, unitIds: ["lct"] });
const achieved = async () =>
  (await localTotals({ campaign: campaign2023, tree: sampleTree, scopeRoots: ["lct"] })).all.parts.find(
    (p) => p.partId === "t1-1",
  )?.achieved;

it("forgets what the server holds, keeps what has not reached it, and shows each user only their own unsent entries", async () => {
  const ctx = { campaign: campaign2023, tree: sampleTree };
  // A: one entry acknowledged, one refused. A pulled entry of someone else. B: one still waiting.
  const sent = makeEntry({ quantity: 4 });
  const refused = makeEntry({ quantity: 7 });
  await saveEntry(sent, { ...ctx, owner: owner("a") });
  await saveEntry(refused, { ...ctx, owner: owner("a") });
  const batch = await pendingBatch("a", 10);
  await applyPushResults(batch, [
    { id: sent.id, status: "stored" },
    { id: refused.id, status: "rejected", reason: "forbidden" },
  ]);
  await applyPulledEntries(
    [{ ...makeEntry({ quantity: 2 }), authorId: "c", receivedAt: "2023-04-01T00:00:00.000Z" }],
    [campaign2023],
  );
  const waiting = makeEntry({ quantity: 5 });
  await saveEntry(waiting, { ...ctx, owner: owner("b") });
  expect(await achieved()).toBe(11);

  await forgetSyncedRecords();

  const left = await listEntries({});
  expect(left.map((e) => e.id).sort()).toEqual([refused.id, waiting.id].sort());
  expect(await countPending("b")).toBe(1);
  // Only B's waiting entry still counts (refused ones never do).
  expect(await achieved()).toBe(5);
  // Each sees only their own: A their refused entry, B their waiting one, a third user neither.
  expect((await listEntries({ viewerId: "a" })).map((e) => e.id)).toEqual([refused.id]);
  expect((await listEntries({ viewerId: "b" })).map((e) => e.id)).toEqual([waiting.id]);
  expect(await listEntries({ viewerId: "d" })).toEqual([]);
});
