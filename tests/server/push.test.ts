import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { correction, describeEachStore, makeEntry, startTestServer, type TestServer } from "./helpers";

describeEachStore("push: the envelope", () => {
  let s: TestServer;
  let cookie: string;
  beforeAll(async () => {
    s = await startTestServer();
    cookie = await s.login("tamduong");
  });
  afterAll(() => s.close());

  const push = (body: string, headers: Record<string, string> = {}) =>
    s.call("POST", "/api/v1/sync/push", { cookie, body, headers: { "content-type": "application/json", ...headers } });

  it("401 without a session", async () => {
    const r = await s.call("POST", "/api/v1/sync/push", { json: { clientId: "c", entries: [] } });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("unauthenticated");
  });

  it("400 for malformed JSON", async () => {
    const r = await push("{not json");
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid");
  });

  it("400 naming the path for a bad envelope", async () => {
    const cases: [unknown, string][] = [
      [{ entries: [] }, "clientId"],
      [{ clientId: 7, entries: [] }, "clientId"],
      [{ clientId: "c" }, "entries"],
      [{ clientId: "c", entries: {} }, "entries"],
      [{ clientId: "c", entries: [], extra: 1 }, "extra"],
      [[], ""],
    ];
    for (const [body, path] of cases) {
      const r = await push(JSON.stringify(body));
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.path, JSON.stringify(body)).toBe(path);
    }
  });

  it("413 for more than 500 entries", async () => {
    const entries = Array.from({ length: 501 }, () => makeEntry());
    const r = await s.push(cookie, entries, "c-413");
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe("too-large");
    const ok = await s.push(cookie, entries.slice(0, 500), "c-413");
    expect(ok.status).toBe(200);
    expect(ok.body.results).toHaveLength(500);
  });

  it("413 for a body over 1 MiB, by Content-Length and by bytes actually read", async () => {
    const big = JSON.stringify({ clientId: "c-big", entries: [], pad: " ".repeat(1024 * 1024) });
    const declared = await push(big, { "content-length": String(Buffer.byteLength(big)) });
    expect(declared.status).toBe(413);
    // A streamed body has no Content-Length: the server stops reading past the limit.
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
        if (sent > 64 * 1024 * 1024) controller.close();
      },
    });
    const streamed = await s.call("POST", "/api/v1/sync/push", {
      cookie,
      body: stream,
      headers: { "content-type": "application/json" },
    });
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(4 * 1024 * 1024);
  });

  it("403 when the client id belongs to another user", async () => {
    expect((await s.push(cookie, [], "shared-device")).status).toBe(200);
    const other = await s.login("tamduong2");
    const r = await s.push(other, [makeEntry()], "shared-device");
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("client-owned");
  });

  it("429 with Retry-After when pushing too fast", async () => {
    const t = await startTestServer({ pushBurst: 2, pushPerSecond: 0.5 });
    try {
      const c = await t.login("tamduong");
      expect((await t.push(c, [])).status).toBe(200);
      expect((await t.push(c, [])).status).toBe(200);
      const r = await t.push(c, []);
      expect(r.status).toBe(429);
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    } finally {
      await t.close();
    }
  });
});

describeEachStore("push: each entry", () => {
  let s: TestServer;
  let cookie: string;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer();
    cookie = await s.login("tamduong");
    admin = await s.login("admin");
  });
  afterAll(() => s.close());

  it("answers one result per entry, in order, with serverTime", async () => {
    const a = makeEntry();
    const b = makeEntry({ quantity: 0, note: "không có gì" });
    const r = await s.push(cookie, [a, b]);
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual([
      { id: a.id, status: "stored" },
      { id: b.id, status: "stored" },
    ]);
    expect(Number.isNaN(Date.parse(r.body.serverTime))).toBe(false);
  });

  it("invalid, with the failing field as path (unknown fields too)", async () => {
    const first = makeEntry({ quantity: 1.5 });
    const cases: [unknown, string | undefined][] = [
      [first, "quantity"],
      [{ ...makeEntry(), quantity: "3" }, "quantity"],
      [{ ...makeEntry(), date: "2023-02-30" }, "date"],
      [{ ...makeEntry(), id: "not-a-uuid" }, "id"],
      [{ ...makeEntry(), note: "x".repeat(2001) }, "note"],
      [{ ...makeEntry(), authorId: "me" }, "authorId"],
      [{ ...makeEntry(), createdAt: "yesterday" }, "createdAt"],
      ["just a string", undefined],
    ];
    const r = await s.push(
      cookie,
      cases.map(([e]) => e),
    );
    cases.forEach(([e, path], i) => {
      const result = r.body.results[i];
      expect(result.status, JSON.stringify(e)).toBe("rejected");
      expect(result.reason).toBe("invalid");
      expect(result.path).toBe(path);
    });
    expect(r.body.results[0].id).toBe(first.id);
  });

  it("forbidden outside the user's units; unknown-unit for an admin naming a missing unit", async () => {
    const r = await s.push(cookie, [makeEntry({ unitId: "phong-tho-01" }), makeEntry({ unitId: "no-such-unit" })]);
    expect(r.body.results.map((x: { reason: string }) => x.reason)).toEqual(["forbidden", "forbidden"]);
    const a = await s.push(admin, [makeEntry({ unitId: "no-such-unit" })]);
    expect(a.body.results[0]).toMatchObject({ status: "rejected", reason: "unknown-unit" });
  });

  it("duplicate for the same id and content (createdAt compared in UTC, id case-insensitive), conflict otherwise", async () => {
    const e = makeEntry({ createdAt: "2023-03-15T08:00:00+07:00" });
    expect((await s.push(cookie, [e])).body.results[0].status).toBe("stored");
    const sameInUtc = { ...e, id: e.id.toUpperCase(), createdAt: "2023-03-15T01:00:00.000Z" };
    const r = await s.push(cookie, [sameInUtc, { ...e, quantity: 99 }, { ...e, note: "changed" }]);
    expect(r.body.results).toEqual([
      { id: e.id.toUpperCase(), status: "duplicate" },
      { id: e.id, status: "rejected", reason: "conflict" },
      { id: e.id, status: "rejected", reason: "conflict" },
    ]);
  });

  it("detects the same id twice within one push", async () => {
    const e = makeEntry();
    const r = await s.push(cookie, [e, e, { ...e, quantity: 7 }]);
    expect(r.body.results.map((x: { status: string; reason?: string }) => x.reason ?? x.status)).toEqual([
      "stored",
      "duplicate",
      "conflict",
    ]);
  });

  it("rule reasons in DESIGN order", async () => {
    const base = makeEntry({ quantity: 2 });
    await s.push(cookie, [base]);
    const cases: [unknown, string][] = [
      [makeEntry({ campaignId: "no-campaign" }), "unknown-campaign"],
      [makeEntry({ partId: "t99-1" }), "unknown-part"],
      [makeEntry({ date: "2024-01-01" }), "outside-phases"],
      [makeEntry({ quantity: -1 }), "negative-quantity"],
      [correction(base, -1, { correctsId: randomUUID() }), "unknown-corrected-entry"],
      [correction(base, -1, { date: "2023-03-16" }), "correction-mismatch"],
      [correction(base, -1, { partId: "t2-1" }), "correction-mismatch"],
      [correction(base, -1, { unitId: "tam-duong-02" }), "correction-mismatch"],
      [correction(base, -3), "negative-net"],
    ];
    const r = await s.push(
      cookie,
      cases.map(([e]) => e),
    );
    cases.forEach(([, reason], i) => {
      expect(r.body.results[i], reason).toMatchObject({ status: "rejected", reason });
    });
  });

  it("a correction may follow its entry in the same push, and be corrected in turn; a void brings the net to 0", async () => {
    const e = makeEntry({ quantity: 5 });
    const c1 = correction(e, -2);
    const c2 = makeEntry({ ...correction(e, 0), correctsId: c1.id, quantity: -3 });
    const tooMuch = makeEntry({ ...correction(e, 0), correctsId: c2.id, quantity: -1 });
    const r = await s.push(cookie, [c1, e, c1, c2, tooMuch]);
    expect(r.body.results.map((x: { status: string; reason?: string }) => x.reason ?? x.status)).toEqual([
      "unknown-corrected-entry",
      "stored",
      "stored",
      "stored",
      "negative-net",
    ]);
  });

  it("a correction must reference an entry the user may see", async () => {
    const theirs = makeEntry({ unitId: "phong-tho-01" });
    const other = await s.login("phongtho");
    expect((await s.push(other, [theirs])).body.results[0].status).toBe("stored");
    const r = await s.push(cookie, [correction(theirs, -1, { unitId: "tam-duong-01" }), correction(theirs, -1)]);
    expect(r.body.results[0]).toMatchObject({ reason: "unknown-corrected-entry" });
    expect(r.body.results[1]).toMatchObject({ reason: "forbidden" });
  });

  it("a rejected entry stores nothing; the others of the push are stored", async () => {
    const good = makeEntry({ partId: "t2-1", quantity: 4 });
    const bad = makeEntry({ partId: "t2-1", quantity: -4 });
    const r = await s.push(cookie, [bad, good]);
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(["rejected", "stored"]);
    const pulled = await s.call("GET", "/api/v1/sync/pull", { cookie });
    const ids = pulled.body.entries.map((e: { id: string }) => e.id);
    expect(ids).toContain(good.id);
    expect(ids).not.toContain(bad.id);
  });
});
