/** The review conversation on the phone: which entries wait for an answer, replies in the outbox, and the version 8 upgrade. */
import "fake-indexeddb/auto";
import Dexie from "dexie";
import { describe, expect, it, vi } from "vitest";
import { LedgerDb, outboxRowOf, useDatabase } from "../../src/db/database";
import { saveEntry } from "../../src/db/entries";
import { countAwaitingAnswer, entriesAwaitingAnswer } from "../../src/db/needs-answer";
import {
  applyPulledSupervision,
  applyRecordResults,
  pendingRecords,
  repliesOf,
  saveReply,
} from "../../src/db/supervision";
import { applyPulledEntries } from "../../src/db/sync-store";
import { countPending } from "../../src/db/unsent";
import { type Reply, reply } from "../../src/domain/replies";
import { awaitingAnswer } from "../../src/domain/review-answers";
import type { PulledEntry } from "../../src/domain/schemas";
import type { PulledReview } from "../../src/domain/supervision";
import { campaign2023, makeEntry, sampleTree } from "../support/fixtures";
import { freshDatabaseForEachTest, shippedDatabase } from "../support/fresh-db";

freshDatabaseForEachTest("replies");

const id = (n: number) => `0193a1b2-c3d4-7e5f-8a6b-${n.toString(16).padStart(12, "0")}`;

const pulled = (e: ReturnType<typeof makeEntry>, authorId: string): PulledEntry => ({
  ...e,
  authorId,
  receivedAt: e.createdAt,
});

const review = (n: number, entryId: string, state: "approved" | "has-issues", at: string): PulledReview => ({
  id: id(n),
  entryId,
  state,
  ...(state === "has-issues" && { comment: "Thiếu danh sách đoàn viên" }),
  createdAt: at,
  reviewerId: "sup",
  reviewerName: "Chị Hoa",
  receivedAt: at,
});

describe("awaitingAnswer", () => {
  it("keeps entries whose latest review asks for more and nothing answered since", () => {
    const reviews = [
      { entryId: "a", state: "has-issues" as const, createdAt: "2023-05-01T09:00:00+07:00" },
      { entryId: "b", state: "has-issues" as const, createdAt: "2023-05-01T00:00:00Z" },
      { entryId: "b", state: "approved" as const, createdAt: "2023-05-02T00:00:00Z" },
      { entryId: "c", state: "has-issues" as const, createdAt: "2023-05-01T00:00:00Z" },
      { entryId: "d", state: "has-issues" as const, createdAt: "2023-05-03T00:00:00Z" },
    ];
    const answers = [
      // Answered after the review (an instant, whatever the offset): c leaves.
      { entryId: "c", createdAt: "2023-05-01T08:00:00+07:00" },
      // An answer older than the review does not answer it.
      { entryId: "d", createdAt: "2023-05-02T00:00:00Z" },
      // 01:59 UTC is before 09:00 +07:00 (02:00 UTC).
      { entryId: "a", createdAt: "2023-05-01T01:59:00Z" },
    ];
    expect([...awaitingAnswer(reviews, answers).keys()].sort()).toEqual(["a", "d"]);
  });

  it("refuses a blank or over-long reply and accepts a plain one", () => {
    const ok: Reply = { id: id(1), entryId: id(2), text: "Đã bổ sung biên bản", createdAt: "2023-05-01T00:00:00Z" };
    expect(reply.safeParse(ok).success).toBe(true);
    expect(reply.safeParse({ ...ok, text: "   " }).success).toBe(false);
    expect(reply.safeParse({ ...ok, text: "x".repeat(2001) }).success).toBe(false);
    expect(reply.safeParse({ ...ok, authorId: "me" }).success).toBe(false);
  });
});

describe("entries awaiting an answer on the phone", () => {
  it("counts the user's own entries marked Cần bổ sung until a reply or a correction answers them", async () => {
    const mine = makeEntry({ quantity: 5 });
    const mine2 = makeEntry({ quantity: 3 });
    const theirs = makeEntry({ quantity: 2 });
    await applyPulledEntries([pulled(mine, "off"), pulled(mine2, "off"), pulled(theirs, "other")], [campaign2023]);
    await applyPulledSupervision(
      [
        review(10, mine.id, "has-issues", "2023-05-01T00:00:00.000Z"),
        review(11, mine2.id, "has-issues", "2023-05-01T00:00:00.000Z"),
        review(12, theirs.id, "has-issues", "2023-05-01T00:00:00.000Z"),
      ],
      [],
      undefined,
    );
    expect(await countAwaitingAnswer("off")).toBe(2);
    expect(await countAwaitingAnswer("other")).toBe(1);

    // A reply answers the first.
    await saveReply(
      { id: id(20), entryId: mine.id, text: "Đã gửi danh sách", createdAt: "2023-05-02T00:00:00.000Z" },
      "off",
      "Anh Minh",
    );
    expect((await entriesAwaitingAnswer("off")).map((x) => x.entry.id)).toEqual([mine2.id]);

    // A correction answers the second.
    await saveEntry(
      makeEntry({ quantity: -1, correctsId: mine2.id, date: mine2.date, createdAt: "2023-05-03T00:00:00.000Z" }),
      { campaign: campaign2023, tree: sampleTree, owner: { id: "off", role: "officer", unitIds: ["lct"] } },
    );
    expect(await countAwaitingAnswer("off")).toBe(0);

    // A new "Cần bổ sung" after the reply asks again.
    await applyPulledSupervision([review(13, mine.id, "has-issues", "2030-01-01T00:00:00.000Z")], [], undefined);
    expect(await countAwaitingAnswer("off")).toBe(1);
  });

  it("sends replies through the outbox; a refused reply stays, flagged, and answers nothing", async () => {
    const e = makeEntry();
    await applyPulledEntries([pulled(e, "off")], [campaign2023]);
    await applyPulledSupervision([review(10, e.id, "has-issues", "2023-05-01T00:00:00.000Z")], [], undefined);
    const r: Reply = { id: id(30), entryId: e.id, text: "Đã bổ sung", createdAt: "2023-05-02T00:00:00.000Z" };
    await saveReply(r, "off", "Anh Minh");
    expect(await pendingRecords("replies", "off", 10)).toHaveLength(1);
    await applyRecordResults("replies", [{ id: r.id, status: "rejected", reason: "campaign-closed" }]);
    expect((await repliesOf(e.id))[0]).toMatchObject({ syncState: "rejected", rejectReason: "campaign-closed" });
    expect(await countAwaitingAnswer("off")).toBe(1);
  });

  it("pushes the reply's wire form, which the server's schema accepts", async () => {
    const pushed: Reply[][] = [];
    vi.doMock("../../src/sync/api", () => ({
      pushReplies: async (_client: string, replies: Reply[]) => {
        pushed.push(replies);
        return { ok: true, data: { results: replies.map((x) => ({ id: x.id, status: "stored" })) } };
      },
    }));
    const { drainSupervision } = await import("../../src/sync/supervision-outbox");
    const r: Reply = { id: id(31), entryId: id(99), text: "Đã bổ sung", createdAt: "2023-05-02T00:00:00.000Z" };
    await saveReply(r, "off", "Anh Minh");
    expect(await drainSupervision("off", "phone-1")).toMatchObject({ kind: "done", synced: 1 });
    expect(pushed).toEqual([[r]]);
    expect((await repliesOf(id(99)))[0]?.syncState).toBe("synced");
    vi.doUnmock("../../src/sync/api");
  });
});

describe("schema upgrade to version 8", () => {
  it("keeps the unsent entries, reviews and nominations of version 7 and adds replies", async () => {
    const upgradeName = `upgrade-v7-${Math.random()}`;
    const v7 = shippedDatabase(upgradeName, 7);
    const unsent = { ...makeEntry({ quantity: 4 }), phaseId: "dot-1", ownerId: "off", rootId: "", seq: 1 };
    unsent.rootId = unsent.id;
    const synced = { ...makeEntry({ quantity: 6 }), phaseId: "dot-1", ownerId: "off", syncState: "synced" };
    await v7.table("entries").bulkAdd([unsent, { ...synced, rootId: synced.id }]);
    await v7.table("outbox").add(outboxRowOf(unsent));
    await v7
      .table("reviews")
      .add({ ...review(40, synced.id, "has-issues", "2023-05-01T00:00:00.000Z"), ownerId: "sup", syncState: "synced" });
    await v7.table("nominations").add({
      id: id(41),
      campaignId: "laichau-2023",
      unitId: "tam-duong-01",
      kind: "individual",
      name: "Lò Văn A",
      achievements: "",
      award: "Giấy khen",
      createdAt: "2023-12-01T00:00:00.000Z",
      ownerId: "off",
      syncState: "pending",
    });
    v7.close();

    const v8 = new LedgerDb(upgradeName);
    useDatabase(v8);
    expect(await countPending("off")).toBe(1);
    expect(await v8.nominations.count()).toBe(1);
    expect(await countAwaitingAnswer("off")).toBe(1);
    await saveReply(
      { id: id(42), entryId: synced.id, text: "Đã bổ sung", createdAt: "2023-05-02T00:00:00.000Z" },
      "off",
      "Anh Minh",
    );
    expect(await countAwaitingAnswer("off")).toBe(0);
    expect(v8.verno).toBeGreaterThanOrEqual(8);
    v8.close();
    await Dexie.delete(upgradeName);
  });
});
