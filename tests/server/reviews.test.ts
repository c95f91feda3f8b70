/**
 * POST /api/v1/reviews: who may review (supervisors and admins, in their scope), every reason,
 * idempotency by id, the reviewer recorded from the session, and pull carrying reviews to the
 * devices in scope, paged by their own cursor position (more than 1,000 of them).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp } from "../../server/app";
import { silentLogger } from "../../server/log";
import { openPostgresStore } from "../../server/store/postgres";
import { pg } from "../../server/store/postgres-pool";
import type { Entry } from "../../src/domain/schemas";
import {
  describeEachStore,
  describePostgres,
  makeEntry,
  startTestServer,
  TEST_SCRYPT,
  type TestServer,
} from "./helpers";
import { addUser, makeReview, outcomes, postReviews, pullPages } from "./supervision-support";

describeEachStore("reviews", () => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  const td1 = makeEntry({ unitId: "tam-duong-01", note: "td1" });
  const td2 = makeEntry({ unitId: "tam-duong-02", note: "td2" });
  const pt1 = makeEntry({ unitId: "phong-tho-01", note: "pt1" });
  beforeAll(async () => {
    s = await startTestServer();
    for (const u of ["admin", "supervisor", "tamduong", "phongtho"]) cookies[u] = await s.login(u);
    cookies.supTd = await addUser(s, "sup-td", "supervisor", ["tam-duong"]);
    expect(outcomes(await s.push(cookies.tamduong as string, [td1, td2]))).toEqual(["stored", "stored"]);
    expect(outcomes(await s.push(cookies.phongtho as string, [pt1]))).toEqual(["stored"]);
  });
  afterAll(() => s.close());

  it("stores a review; the same review again is a duplicate, other content under its id a conflict", async () => {
    const r = makeReview(td1.id, { state: "has-issues", comment: "Thiếu biên bản" });
    expect(outcomes(await postReviews(s, cookies.supervisor as string, [r]))).toEqual(["stored"]);
    const again = await postReviews(s, cookies.supervisor as string, [r]);
    expect(again.body).toEqual({ results: [{ id: r.id, status: "duplicate" }] });
    // The same instant in UTC and the id in capitals is still the same review.
    const sameInUtc = { ...r, id: r.id.toUpperCase(), createdAt: "2023-04-01T02:00:00.000Z" };
    expect(outcomes(await postReviews(s, cookies.supervisor as string, [sameInUtc]))).toEqual(["duplicate"]);
    const other = { ...r, state: "approved", comment: undefined };
    expect(outcomes(await postReviews(s, cookies.supervisor as string, [other]))).toEqual(["rejected:conflict"]);
    // Reviews are history: a second review of the entry is a new record, not an update.
    const later = makeReview(td1.id, { createdAt: "2023-04-02T09:00:00.000+07:00" });
    expect(outcomes(await postReviews(s, cookies.supervisor as string, [later]))).toEqual(["stored"]);
  });

  it("one result per review, in order; an id twice in one batch is stored once", async () => {
    const a = makeReview(td2.id);
    const batch = [a, { ...a }, { ...a, state: "has-issues", comment: "x" }];
    const results = await postReviews(s, cookies.admin as string, batch, "admin-rv");
    expect(results.body.results).toEqual([
      { id: a.id, status: "stored" },
      { id: a.id, status: "duplicate" },
      { id: a.id, status: "rejected", reason: "conflict" },
    ]);
  });

  it("rejects bad shapes as invalid with the path; has-issues needs a comment", async () => {
    const base = makeReview(td1.id);
    const cases: [unknown, string][] = [
      [{ ...base, state: "has-issues" }, "comment"],
      [{ ...base, state: "has-issues", comment: "   " }, "comment"],
      [{ ...base, state: "rejected" }, "state"],
      [{ ...base, id: "not-a-uuid" }, "id"],
      [{ ...base, entryId: "x" }, "entryId"],
      [{ ...base, comment: "c".repeat(2001) }, "comment"],
      [{ ...base, createdAt: "yesterday" }, "createdAt"],
      [{ ...base, reviewerId: "me" }, "reviewerId"],
    ];
    const r = await postReviews(
      s,
      cookies.supervisor as string,
      cases.map(([c]) => c),
    );
    expect(r.body.results).toEqual(
      cases.map(([c, path]) => ({ id: (c as { id: string }).id, status: "rejected", reason: "invalid", path })),
    );
    const junk = await postReviews(s, cookies.supervisor as string, [42, null]);
    expect(junk.body.results).toEqual([
      { id: "", status: "rejected", reason: "invalid" },
      { id: "", status: "rejected", reason: "invalid" },
    ]);
  });

  it("officers may not review: forbidden per item, the request itself answers 200", async () => {
    const r = await postReviews(s, cookies.tamduong as string, [makeReview(td1.id), makeReview(td2.id)], "td-rv");
    expect(r.status).toBe(200);
    expect(outcomes(r)).toEqual(["rejected:forbidden", "rejected:forbidden"]);
  });

  it("an entry outside the reviewer's scope answers unknown-entry, exactly like a missing one", async () => {
    const outside = await postReviews(s, cookies.supTd as string, [makeReview(pt1.id)], "sup-td-rv");
    const missing = await postReviews(s, cookies.supTd as string, [makeReview(makeEntry().id)], "sup-td-rv");
    expect(outcomes(outside)).toEqual(["rejected:unknown-entry"]);
    expect(outcomes(missing)).toEqual(["rejected:unknown-entry"]);
    expect(outcomes(await postReviews(s, cookies.supTd as string, [makeReview(td2.id)], "sup-td-rv"))).toEqual([
      "stored",
    ]);
    // The provincial supervisor and the admin see both districts.
    expect(outcomes(await postReviews(s, cookies.supervisor as string, [makeReview(pt1.id)]))).toEqual(["stored"]);
  });

  it("checks the envelope: 401, 400 with path, 413 past 500, 403 for another user's client id", async () => {
    expect((await s.call("POST", "/api/v1/reviews", { json: { clientId: "x", reviews: [] } })).status).toBe(401);
    const noClient = await s.call("POST", "/api/v1/reviews", { cookie: cookies.supervisor, json: { reviews: [] } });
    expect(noClient.status).toBe(400);
    expect(noClient.body.error.path).toBe("clientId");
    const wrongList = await s.call("POST", "/api/v1/reviews", {
      cookie: cookies.supervisor,
      json: { clientId: "x", entries: [] },
    });
    expect(wrongList.status).toBe(400);
    const notJson = await s.call("POST", "/api/v1/reviews", {
      cookie: cookies.supervisor,
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(notJson.status).toBe(400);
    // The same sent as another type is refused before it is read (DESIGN §7).
    expect((await s.call("POST", "/api/v1/reviews", { cookie: cookies.supervisor, body: "{" })).status).toBe(415);
    const many = Array.from({ length: 501 }, () => makeReview(td1.id));
    expect((await postReviews(s, cookies.supervisor as string, many)).status).toBe(413);
    const owned = await postReviews(s, cookies.admin as string, [makeReview(td1.id)], "rv-phone");
    expect(owned.status).toBe(403);
    expect(owned.body.error.code).toBe("client-owned");
  });

  it("pull carries reviews with the reviewer from the user record, only to devices that see the entry", async () => {
    const officerPages = await pullPages(s, cookies.tamduong as string);
    const seen = officerPages.flatMap((p) => p.reviews);
    const first = seen.find((r: { comment?: string }) => r.comment === "Thiếu biên bản");
    expect(first).toMatchObject({ entryId: td1.id, state: "has-issues", reviewerId: s.ids.supervisor });
    expect(first.reviewerName).toBe("User supervisor");
    expect(Object.keys(first).sort()).toEqual(
      ["comment", "createdAt", "entryId", "id", "receivedAt", "reviewerId", "reviewerName", "state"].sort(),
    );
    expect(seen.every((r: { entryId: string }) => r.entryId === td1.id || r.entryId === td2.id)).toBe(true);
    expect(seen.filter((r: { entryId: string }) => r.entryId === td1.id)).toHaveLength(2);
    const ptReviews = (await pullPages(s, cookies.phongtho as string)).flatMap((p) => p.reviews);
    expect(ptReviews.map((r: { entryId: string }) => r.entryId)).toEqual([pt1.id]);
  });
});

describeEachStore("reviews: pull pages more than 1,000 by their own cursor position", () => {
  let s: TestServer;
  let sup: string;
  let officer: string;
  const entries: Entry[] = Array.from({ length: 5 }, (_, i) => makeEntry({ unitId: `tam-duong-0${i + 1}` }));
  const TOTAL = 1203;
  beforeAll(async () => {
    s = await startTestServer();
    sup = await s.login("supervisor");
    officer = await s.login("tamduong");
    await s.push(officer, entries);
    const all = Array.from({ length: TOTAL }, (_, i) =>
      makeReview((entries[i % 5] as Entry).id, {
        comment: `#${i}`,
        createdAt: new Date(1.68e12 + i * 1000).toISOString(),
      }),
    );
    for (let start = 0; start < TOTAL; start += 500) {
      const r = await postReviews(s, sup, all.slice(start, start + 500));
      expect(new Set(outcomes(r))).toEqual(new Set(["stored"]));
    }
  });
  afterAll(() => s.close());

  it("1000 a page in server order, hasMore while reviews remain though the entries are done", async () => {
    const pages = await pullPages(s, officer);
    expect(pages.map((p) => p.reviews.length)).toEqual([1000, 203]);
    expect(pages.map((p) => p.entries.length)).toEqual([5, 0]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, false]);
    const comments = pages.flatMap((p) => p.reviews.map((r: { comment: string }) => r.comment));
    expect(comments).toEqual(Array.from({ length: TOTAL }, (_, i) => `#${i}`));
  });

  it("from the last cursor only what is new; a cursor from before reviews existed gets them all", async () => {
    const pages = await pullPages(s, officer);
    const cursor = pages.at(-1).cursor as string;
    const fresh = makeReview((entries[0] as Entry).id, { comment: "fresh" });
    expect(outcomes(await postReviews(s, sup, [fresh]))).toEqual(["stored"]);
    const next = await pullPages(s, officer, cursor);
    expect(next.flatMap((p) => p.reviews.map((r: { id: string }) => r.id))).toEqual([fresh.id]);
    expect(next.flatMap((p) => p.entries)).toEqual([]);
    // An old-style cursor ({v, seq, scope} only) keeps its entry position and reads reviews from 0.
    const { v, seq, scope } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const old = Buffer.from(JSON.stringify({ v, seq, scope })).toString("base64url");
    const fromOld = await pullPages(s, officer, old);
    expect(fromOld.flatMap((p) => p.entries)).toEqual([]);
    expect(fromOld.flatMap((p) => p.reviews)).toHaveLength(TOTAL + 1);
    const bad = Buffer.from(JSON.stringify({ v, seq, scope, r: -1 })).toString("base64url");
    expect((await s.call("GET", `/api/v1/sync/pull?since=${bad}`, { cookie: officer })).status).toBe(400);
  });
});

describePostgres("reviews: the cursor never skips a review under concurrent writers", () => {
  it("while batch A is in flight batch B (another app) waits; pulls through both apps miss nothing", async () => {
    const s = await startTestServer({ pullPageSize: 2 });
    const storeB = openPostgresStore(s.databaseUrl as string);
    const sql = new pg.Client({ connectionString: s.databaseUrl });
    await sql.connect();
    try {
      const appB = createApp({
        store: storeB,
        config: { scrypt: TEST_SCRYPT, log: silentLogger, pushBurst: 1e6, readBurst: 1e6 },
      });
      // Test-only: a review with comment "slow" holds its batch inside the INSERT, after seq was assigned.
      await sql.query(`
        CREATE FUNCTION stdua_test_slow() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.comment = 'slow' THEN PERFORM pg_sleep(0.6); END IF; RETURN NEW; END $$;
        CREATE TRIGGER stdua_test_slow BEFORE INSERT ON reviews FOR EACH ROW EXECUTE FUNCTION stdua_test_slow();`);
      const sup = await s.login("supervisor");
      const entry = makeEntry();
      await s.push(await s.login("tamduong"), [entry]);
      const aReviews = [
        makeReview(entry.id, { comment: "slow" }),
        ...Array.from({ length: 4 }, () => makeReview(entry.id)),
      ];
      const bReviews = Array.from({ length: 4 }, () => makeReview(entry.id));
      const batchA = postReviews(s, sup, aReviews, "dev-a");
      for (let tries = 0; ; tries++) {
        // Batch A is inside its INSERT, sleeping in the trigger: its seq values are taken, not committed.
        if (tries > 500) throw new Error("batch A never reached its insert");
        const sleeping = await sql.query(
          "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'",
        );
        if (sleeping.rowCount) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const batchB = appB.request("/api/v1/reviews", {
        method: "POST",
        headers: { cookie: sup, "content-type": "application/json" },
        body: JSON.stringify({ clientId: "dev-b", reviews: bReviews }),
      });
      let settled = false;
      void Promise.all([batchA, batchB]).then(() => {
        settled = true;
      });
      const seen: string[] = [];
      let cursor = "";
      for (let round = 0; ; round++) {
        const wasSettled = settled;
        const path = `/api/v1/sync/pull${cursor === "" ? "" : `?since=${encodeURIComponent(cursor)}`}`;
        const page =
          round % 2 === 0
            ? (await s.call("GET", path, { cookie: sup })).body
            : await (await appB.request(path, { headers: { cookie: sup } })).json();
        seen.push(...page.reviews.map((r: { id: string }) => r.id));
        cursor = page.cursor;
        if (wasSettled && !page.hasMore) break;
        if (!page.hasMore) await new Promise((r) => setTimeout(r, 20));
      }
      expect(outcomes(await batchA)).toEqual(aReviews.map(() => "stored"));
      expect((await (await batchB).json()).results.map((r: { status: string }) => r.status)).toEqual(
        bReviews.map(() => "stored"),
      );
      expect(seen).toEqual([...aReviews, ...bReviews].map((r) => r.id));
    } finally {
      await sql.end();
      await storeB.close();
      await s.close();
    }
  });
});

describeEachStore("reviews of a closed campaign", () => {
  it("are refused campaign-closed once the campaign is closed, after unknown-entry; a retry of an earlier one is still a duplicate", async () => {
    const s = await startTestServer();
    try {
      const officer = await s.login("tamduong");
      const supervisor = await s.login("supervisor");
      const entry = makeEntry({ unitId: "tam-duong-01" });
      expect(outcomes(await s.push(officer, [entry]))).toEqual(["stored"]);
      const before = makeReview(entry.id);
      expect(outcomes(await postReviews(s, supervisor, [before]))).toEqual(["stored"]);

      const [campaign] = await s.store.catalog.campaigns();
      if (!campaign) throw new Error("no campaign");
      await s.store.catalog.saveCampaign({ ...campaign, status: "closed" });
      const after = makeReview(entry.id, { createdAt: "2023-04-03T09:00:00.000+07:00" });
      const missing = makeReview("0190a0a0-0000-7000-8000-000000000000");
      expect(outcomes(await postReviews(s, supervisor, [after, missing, before]))).toEqual([
        "rejected:campaign-closed",
        "rejected:unknown-entry",
        "duplicate",
      ]);
    } finally {
      await s.close();
    }
  });
});
