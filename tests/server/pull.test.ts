import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachStore, makeEntry, startTestServer, type TestServer } from "./helpers";

describeEachStore("pull", () => {
  let s: TestServer;
  let cookie: string;
  const TOTAL = 2300;
  beforeAll(async () => {
    s = await startTestServer();
    cookie = await s.login("tamduong");
    for (let start = 0; start < TOTAL; start += 500) {
      const entries = Array.from({ length: Math.min(500, TOTAL - start) }, (_, i) =>
        makeEntry({ unitId: `tam-duong-0${((start + i) % 5) + 1}`, quantity: 1, note: `#${start + i}` }),
      );
      const r = await s.push(cookie, entries, "dev-1");
      expect(r.body.results.every((x: { status: string }) => x.status === "stored")).toBe(true);
    }
    const other = await s.login("phongtho");
    await s.push(other, [makeEntry({ unitId: "phong-tho-01", note: "phong tho" })], "dev-2");
  });
  afterAll(() => s.close());

  async function pullAll(since?: string) {
    const pages: { entries: { note: string }[]; hasMore: boolean; cursor: string; reset?: boolean }[] = [];
    let cursor = since;
    for (;;) {
      const q = cursor === undefined ? "" : `?since=${encodeURIComponent(cursor)}`;
      const r = await s.call("GET", `/api/v1/sync/pull${q}`, { cookie });
      expect(r.status).toBe(200);
      pages.push(r.body);
      cursor = r.body.cursor;
      if (!r.body.hasMore) return { pages, cursor: cursor as string };
    }
  }

  it("pages through more than 1000 entries in server order, 1000 at a time", async () => {
    const { pages } = await pullAll();
    expect(pages.map((p) => p.entries.length)).toEqual([1000, 1000, 300]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    const notes = pages.flatMap((p) => p.entries.map((e) => e.note));
    expect(notes).toEqual(Array.from({ length: TOTAL }, (_, i) => `#${i}`));
  });

  it("a pulled entry is the Entry plus authorId and receivedAt, nothing else", async () => {
    const r = await s.call("GET", "/api/v1/sync/pull", { cookie });
    const e = r.body.entries[0];
    expect(Object.keys(e).sort()).toEqual(
      [
        "authorId",
        "campaignId",
        "createdAt",
        "date",
        "id",
        "note",
        "partId",
        "quantity",
        "receivedAt",
        "unitId",
      ].sort(),
    );
    expect(e.authorId).toBe(s.ids.tamduong);
    expect(r.body.reviews).toEqual([]);
    expect(r.body.reset).toBeUndefined();
  });

  it("from the last cursor: nothing new, then only what was pushed since", async () => {
    const { cursor } = await pullAll();
    const empty = await s.call("GET", `/api/v1/sync/pull?since=${cursor}`, { cookie });
    expect(empty.body.entries).toEqual([]);
    expect(empty.body.hasMore).toBe(false);
    const fresh = makeEntry({ note: "fresh" });
    await s.push(cookie, [fresh], "dev-1");
    const next = await s.call("GET", `/api/v1/sync/pull?since=${empty.body.cursor}`, { cookie });
    expect(next.body.entries.map((e: { id: string }) => e.id)).toEqual([fresh.id]);
  });

  it("answers reset and starts over when the user's scope changed since the cursor", async () => {
    const { cursor } = await pullAll();
    const admin = await s.login("admin");
    const patch = await s.call("PATCH", `/api/v1/admin/users/${s.ids.tamduong}`, {
      cookie: admin,
      json: { unitIds: ["tam-duong", "phong-tho"] },
    });
    expect(patch.status).toBe(200);
    const r = await s.call("GET", `/api/v1/sync/pull?since=${cursor}`, { cookie });
    expect(r.body.reset).toBe(true);
    expect(r.body.entries).toHaveLength(1000);
    const { pages } = await pullAll(r.body.cursor);
    const notes = [...r.body.entries, ...pages.flatMap((p) => p.entries)].map((e: { note: string }) => e.note);
    expect(notes).toContain("phong tho");
    expect(pages.every((p) => p.reset === undefined)).toBe(true);
    expect(r.body.units.some((u: { id: string }) => u.id === "phong-tho-01")).toBe(true);
  });

  it("400 for a cursor that is not ours", async () => {
    for (const since of ["garbage!", "eyJ2IjoyfQ", Buffer.from('{"v":1,"seq":-1,"scope":"x"}').toString("base64url")]) {
      const r = await s.call("GET", `/api/v1/sync/pull?since=${since}`, { cookie });
      expect(r.status, since).toBe(400);
      expect(r.body.error.path).toBe("since");
    }
  });

  it("401 without a session", async () => {
    expect((await s.call("GET", "/api/v1/sync/pull")).status).toBe(401);
  });
});
