/**
 * POST /api/v1/replies (the review conversation): the entry's author or anyone with the entry in
 * scope may answer a review; every reason (invalid, forbidden, conflict, unknown-entry,
 * campaign-closed); idempotency by id; the author recorded from the session; and pull carrying
 * replies, by their own cursor position, to the devices that see the entry.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { prepareReplies } from "../../server/supervision/replies";
import type { Reply } from "../../src/domain/replies";
import { describeEachStore, makeEntry, startTestServer, type TestServer } from "./helpers";
import { makeReview, outcomes, postReviews, pullPages } from "./supervision-support";

const makeReply = (entryId: string, overrides: Partial<Reply> = {}): Reply => ({
  id: randomUUID(),
  entryId,
  text: "Đã bổ sung biên bản kết nạp",
  createdAt: "2023-04-02T09:00:00.000+07:00",
  ...overrides,
});

const postReplies = (s: TestServer, cookie: string, replies: unknown[], clientId = "reply-phone") =>
  s.call("POST", "/api/v1/replies", { cookie, json: { clientId, replies } });

describeEachStore("replies to reviews", () => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  const td1 = makeEntry({ unitId: "tam-duong-01", note: "td1" });
  const pt1 = makeEntry({ unitId: "phong-tho-01", note: "pt1" });
  beforeAll(async () => {
    s = await startTestServer();
    for (const u of ["admin", "supervisor", "tamduong", "tamduong2", "phongtho"]) cookies[u] = await s.login(u);
    expect(outcomes(await s.push(cookies.tamduong as string, [td1]))).toEqual(["stored"]);
    expect(outcomes(await s.push(cookies.phongtho as string, [pt1]))).toEqual(["stored"]);
    const asked = makeReview(td1.id, { state: "has-issues", comment: "Thiếu biên bản" });
    expect(outcomes(await postReviews(s, cookies.supervisor as string, [asked]))).toEqual(["stored"]);
  });
  afterAll(() => s.close());

  it("stores the author's reply; the same again is a duplicate, other content under its id a conflict", async () => {
    const r = makeReply(td1.id);
    expect(outcomes(await postReplies(s, cookies.tamduong as string, [r]))).toEqual(["stored"]);
    const again = await postReplies(s, cookies.tamduong as string, [r]);
    expect(again.body).toEqual({ results: [{ id: r.id, status: "duplicate" }] });
    // The same instant in UTC and the id in capitals is still the same reply.
    const sameInUtc = { ...r, id: r.id.toUpperCase(), createdAt: "2023-04-02T02:00:00.000Z" };
    expect(outcomes(await postReplies(s, cookies.tamduong as string, [sameInUtc]))).toEqual(["duplicate"]);
    expect(outcomes(await postReplies(s, cookies.tamduong as string, [{ ...r, text: "khác" }]))).toEqual([
      "rejected:conflict",
    ]);
    // Another user sending the same id and content is not a retry of it.
    expect(outcomes(await postReplies(s, cookies.tamduong2 as string, [r], "td2-phone"))).toEqual([
      "rejected:conflict",
    ]);
  });

  it("anyone with the entry in scope may reply: another officer of the district, the supervisor, the admin", async () => {
    expect(outcomes(await postReplies(s, cookies.tamduong2 as string, [makeReply(td1.id)], "td2-phone"))).toEqual([
      "stored",
    ]);
    expect(outcomes(await postReplies(s, cookies.supervisor as string, [makeReply(td1.id)], "sup-phone"))).toEqual([
      "stored",
    ]);
    expect(outcomes(await postReplies(s, cookies.admin as string, [makeReply(td1.id)], "admin-phone"))).toEqual([
      "stored",
    ]);
  });

  it("an entry outside the sender's scope answers unknown-entry, exactly like a missing one", async () => {
    const outside = await postReplies(s, cookies.phongtho as string, [makeReply(td1.id)], "pt-phone");
    const missing = await postReplies(s, cookies.phongtho as string, [makeReply(randomUUID())], "pt-phone");
    expect(outcomes(outside)).toEqual(["rejected:unknown-entry"]);
    expect(outcomes(missing)).toEqual(["rejected:unknown-entry"]);
  });

  it("a sender with an empty scope is forbidden; bad shapes are invalid with the path", async () => {
    // A user whose units all left the tree has an empty scope (DESIGN §7); the store refuses to
    // hold such a user, so the rule is asked directly.
    const [refused] = prepareReplies([makeReply(td1.id)], false);
    expect(refused).toMatchObject({ rejected: { status: "rejected", reason: "forbidden" } });
    const base = makeReply(td1.id);
    const cases: [unknown, string][] = [
      [{ ...base, text: "   " }, "text"],
      [{ ...base, text: "x".repeat(2001) }, "text"],
      [{ ...base, id: "not-a-uuid" }, "id"],
      [{ ...base, entryId: "x" }, "entryId"],
      [{ ...base, createdAt: "hôm qua" }, "createdAt"],
      [{ ...base, authorId: "me" }, "authorId"],
    ];
    const r = await postReplies(
      s,
      cookies.tamduong as string,
      cases.map(([c]) => c),
    );
    expect(r.body.results).toEqual(
      cases.map(([c, path]) => ({ id: (c as { id: string }).id, status: "rejected", reason: "invalid", path })),
    );
  });

  it("checks the envelope like every batch: 401, 400, 403 for another user's client id", async () => {
    expect((await s.call("POST", "/api/v1/replies", { json: { clientId: "x", replies: [] } })).status).toBe(401);
    const wrongList = await s.call("POST", "/api/v1/replies", {
      cookie: cookies.tamduong,
      json: { clientId: "x", reviews: [] },
    });
    expect(wrongList.status).toBe(400);
    const owned = await postReplies(s, cookies.phongtho as string, [makeReply(td1.id)]);
    expect(owned.status).toBe(403);
    expect(owned.body.error.code).toBe("client-owned");
  });

  it("pull carries replies with the author's name from the user record, only to devices that see the entry", async () => {
    const supPages = await pullPages(s, cookies.supervisor as string);
    const replies = supPages.flatMap((p) => p.replies);
    const first = replies.find((r: { authorId: string }) => r.authorId === s.ids.tamduong);
    expect(first).toMatchObject({ entryId: td1.id, text: "Đã bổ sung biên bản kết nạp", authorName: "User tamduong" });
    expect(Object.keys(first).sort()).toEqual(
      ["authorId", "authorName", "createdAt", "entryId", "id", "receivedAt", "text"].sort(),
    );
    expect(replies).toHaveLength(4);
    expect((await pullPages(s, cookies.phongtho as string)).flatMap((p) => p.replies)).toEqual([]);
    // From the last cursor only what is new.
    const cursor = supPages.at(-1).cursor as string;
    const fresh = makeReply(td1.id, { text: "Thêm ảnh chụp" });
    expect(outcomes(await postReplies(s, cookies.tamduong as string, [fresh]))).toEqual(["stored"]);
    const next = await pullPages(s, cookies.supervisor as string, cursor);
    expect(next.flatMap((p) => p.replies.map((r: { id: string }) => r.id))).toEqual([fresh.id]);
  });
});

describeEachStore("replies by the entry's author", () => {
  it("are taken from the author even after the entry left their scope; others outside it get unknown-entry", async () => {
    const s = await startTestServer();
    try {
      const officer = await s.login("tamduong2");
      const entry = makeEntry({ unitId: "tam-duong-02" });
      expect(outcomes(await s.push(officer, [entry]))).toEqual(["stored"]);
      const admin = await s.login("admin");
      const moved = await s.call("PATCH", `/api/v1/admin/users/${s.ids.tamduong2}`, {
        cookie: admin,
        json: { unitIds: ["phong-tho"] },
      });
      expect(moved.status).toBe(200);
      expect(outcomes(await postReplies(s, officer, [makeReply(entry.id)]))).toEqual(["stored"]);
      const other = await s.login("phongtho");
      expect(outcomes(await postReplies(s, other, [makeReply(entry.id)], "pt-phone"))).toEqual([
        "rejected:unknown-entry",
      ]);
    } finally {
      await s.close();
    }
  });
});

describeEachStore("replies of a closed campaign", () => {
  it("are refused campaign-closed; a retry of an earlier one is still a duplicate", async () => {
    const s = await startTestServer();
    try {
      const officer = await s.login("tamduong");
      const entry = makeEntry({ unitId: "tam-duong-01" });
      expect(outcomes(await s.push(officer, [entry]))).toEqual(["stored"]);
      const before = makeReply(entry.id);
      expect(outcomes(await postReplies(s, officer, [before]))).toEqual(["stored"]);
      const [campaign] = await s.store.catalog.campaigns();
      if (!campaign) throw new Error("no campaign");
      await s.store.catalog.saveCampaign({ ...campaign, status: "closed" });
      const after = makeReply(entry.id, { text: "muộn" });
      const missing = makeReply(randomUUID());
      expect(outcomes(await postReplies(s, officer, [after, missing, before]))).toEqual([
        "rejected:campaign-closed",
        "rejected:unknown-entry",
        "duplicate",
      ]);
    } finally {
      await s.close();
    }
  });
});
