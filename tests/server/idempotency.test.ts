import { afterEach, beforeEach, expect, it } from "vitest";
import type { Entry } from "../../src/domain/schemas";
import { CAMPAIGN, correction, describeEachStore, makeEntry, startTestServer, type TestServer } from "./helpers";

/** A batch with plain entries, corrections and a void, across parts, units and both phases. */
function batch(): Entry[] {
  const out: Entry[] = [];
  for (let i = 0; i < 40; i++) {
    out.push(
      makeEntry({
        partId: i % 3 === 0 ? "t10-1" : "t1-1",
        unitId: `tam-duong-0${(i % 5) + 1}`,
        date: i % 2 === 0 ? "2023-04-01" : "2023-09-01",
        quantity: i % 3 === 0 ? 1 : i + 1,
      }),
    );
  }
  const first = out[1] as Entry;
  const fix = correction(first, -1);
  out.push(fix, correction(first, -(first.quantity - 1), { correctsId: fix.id }));
  return out;
}

describeEachStore("idempotency", () => {
  let s: TestServer;
  let cookie: string;
  beforeEach(async () => {
    s = await startTestServer();
    cookie = await s.login("tamduong");
  });
  afterEach(() => s.close());

  const totals = async () => (await s.call("GET", `/api/v1/totals?campaignId=${CAMPAIGN}`, { cookie })).body;
  const entryCount = async () => (await s.call("GET", "/api/v1/sync/pull", { cookie })).body.entries.length;

  it("a retried void, alone or beside new entries, is a duplicate, not a refusal", async () => {
    // A void re-checked as if new would take the chain below zero (`negative-net`): the server
    // must recognise it as already stored before applying the rules to it.
    const a = makeEntry({ quantity: 4 });
    const voided = correction(a, -4);
    await s.push(cookie, [a, voided], "dev-v");
    const fresh = makeEntry({ quantity: 2 });
    const again = await s.push(cookie, [voided, fresh], "dev-v");
    expect(again.body.results).toEqual([
      { id: voided.id, status: "duplicate" },
      { id: fresh.id, status: "stored" },
    ]);
    const alone = await s.push(cookie, [voided], "dev-v");
    expect(alone.body.results).toEqual([{ id: voided.id, status: "duplicate" }]);
    expect(await entryCount()).toBe(3);
  });

  it("a repeated push of the same batch stores nothing twice", async () => {
    const entries = batch();
    const first = await s.push(cookie, entries, "dev-1");
    expect(first.body.results.every((r: { status: string }) => r.status === "stored")).toBe(true);
    const after = await totals();
    for (let i = 0; i < 3; i++) {
      const again = await s.push(cookie, entries, "dev-1");
      expect(again.body.results.every((r: { status: string }) => r.status === "duplicate")).toBe(true);
    }
    expect(await totals()).toEqual(after);
    expect(await entryCount()).toBe(entries.length);
  });

  it("concurrent pushes of the same batch store each id once, and cells equal a single push", async () => {
    const entries = batch();
    const answers = await Promise.all(Array.from({ length: 6 }, () => s.push(cookie, entries, "dev-1")));
    for (const a of answers) expect(a.status).toBe(200);
    entries.forEach((_, i) => {
      const statuses = answers.map((a) => a.body.results[i].status);
      expect(statuses.filter((x) => x === "stored")).toHaveLength(1);
      expect(statuses.filter((x) => x === "duplicate")).toHaveLength(5);
    });
    const concurrent = await totals();
    expect(await entryCount()).toBe(entries.length);

    const single = await startTestServer();
    try {
      const c = await single.login("tamduong");
      await single.push(c, entries, "dev-1");
      const alone = (await single.call("GET", `/api/v1/totals?campaignId=${CAMPAIGN}`, { cookie: c })).body;
      expect(concurrent).toEqual(alone);
    } finally {
      await single.close();
    }
  });

  it("a lost response: the retry answers duplicate and totals do not move", async () => {
    const entries = batch();
    const before = await totals();
    // The server commits, the answer never reaches the phone.
    void (await s.app.request("/api/v1/sync/push", {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ clientId: "dev-1", entries }),
    }));
    const committed = await totals();
    expect(committed).not.toEqual(before);
    const retry = await s.push(cookie, entries, "dev-1");
    expect(retry.body.results.map((r: { status: string }) => r.status)).toEqual(entries.map(() => "duplicate"));
    expect(await totals()).toEqual(committed);
  });

  it("a retry from another device of the same user is still a duplicate", async () => {
    const entries = batch();
    await s.push(cookie, entries, "dev-1");
    const r = await s.push(cookie, entries, "dev-2");
    expect(r.body.results.every((x: { status: string }) => x.status === "duplicate")).toBe(true);
  });
});
