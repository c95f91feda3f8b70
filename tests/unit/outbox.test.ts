import "fake-indexeddb/auto";
import { gunzipSync } from "node:zlib";
import Dexie from "dexie";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db, LedgerDb, useDatabase } from "../../src/db/database";
import { saveEntry } from "../../src/db/entries";
import { allOutboxRows } from "../../src/db/outbox-pages";
import { countPending } from "../../src/db/unsent";
import type { Entry } from "../../src/domain/schemas";
import { backoffDelay, MAX_DELAY_MS } from "../../src/sync/backoff";
import { drainOutbox } from "../../src/sync/outbox";
import { campaign2023, makeEntry, sampleTree } from "../support/fixtures";

const ctx = {
  campaign: campaign2023,
  tree: sampleTree,
  owner: { id: "u1", role: "officer" as const, unitIds: ["lct"] },
};
let name = "";

beforeEach(() => {
  name = `outbox-${Math.random()}`;
  useDatabase(new LedgerDb(name));
});
afterEach(async () => {
  vi.unstubAllGlobals();
  db().close();
  await Dexie.delete(name);
});

type Handler = (body: { clientId: string; entries: Entry[] }) => Response | Promise<Response>;
/** The body as the server reads it: gzipped bodies (every batch past 1 KB) are inflated. */
function bodyText(init: RequestInit): string {
  const headers = init.headers as Record<string, string>;
  if (headers["content-encoding"] !== "gzip") return String(init.body);
  return gunzipSync(Buffer.from(init.body as ArrayBuffer)).toString("utf8");
}
function stubServer(handler: Handler) {
  const batches: number[] = [];
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    const body = JSON.parse(bodyText(init));
    if (body.entries.length > 10) expect((init.headers as Record<string, string>)["content-encoding"]).toBe("gzip");
    batches.push(body.entries.length);
    return handler(body);
  });
  return batches;
}
const json = (status: number, data: unknown) =>
  new Response(JSON.stringify(data), { status, headers: { "content-type": "application/json" } });
const storeAll: Handler = (b) =>
  json(200, { results: b.entries.map((e) => ({ id: e.id, status: "stored" })), serverTime: new Date().toISOString() });

async function queue(n: number, ownerId = "u1") {
  for (let i = 0; i < n; i++)
    await saveEntry(makeEntry({ quantity: 1 }), { ...ctx, owner: { ...ctx.owner, id: ownerId } });
}

describe("outbox drain", () => {
  it("pushes in batches of at most 500 and reports progress", async () => {
    await queue(1203);
    const batches = stubServer(storeAll);
    const seen: string[] = [];
    const out = await drainOutbox("u1", "c1", (sent, total) => seen.push(`${sent}/${total}`));
    expect(out).toEqual({ kind: "done", synced: 1203, rejected: 0 });
    expect(batches).toEqual([500, 500, 203]);
    expect(seen).toEqual(["500/1203", "1000/1203", "1203/1203"]);
    expect(await countPending()).toBe(0);
  });

  it("sends the next batch before writing answers only when every entry was answered", async () => {
    await queue(1200);
    const firstIds: string[] = [];
    let calls = 0;
    // The first answer covers only 200 of its 500 entries: the other 300 must go again first,
    // before anything saved after them.
    stubServer((b) => {
      firstIds.push(b.entries[0]?.id ?? "");
      calls++;
      return calls === 1 ? storeAll({ ...b, entries: b.entries.slice(0, 200) }) : storeAll(b);
    });
    const order = (await allOutboxRows()).map((r) => r.id);
    expect(await drainOutbox("u1", "c1")).toEqual({ kind: "done", synced: 1200, rejected: 0 });
    expect(firstIds.slice(0, 3)).toEqual([order[0], order[200], order[700]]);
    expect(await countPending()).toBe(0);
  });

  it("halves the batch on 413 and still delivers everything", async () => {
    await queue(300);
    const batches = stubServer((b) =>
      b.entries.length > 100 ? json(413, { error: { code: "too-large" } }) : storeAll(b),
    );
    expect(await drainOutbox("u1", "c1")).toMatchObject({ kind: "done", synced: 300 });
    expect(batches.slice(0, 3)).toEqual([300, 150, 75]);
  });

  it("keeps every entry queued on 401, 5xx, 429 and network failure", async () => {
    await queue(5);
    stubServer(() => json(401, { error: { code: "unauthenticated" } }));
    expect(await drainOutbox("u1", "c1")).toEqual({ kind: "session-expired" });
    stubServer(() => json(503, { error: { code: "unavailable" } }));
    expect(await drainOutbox("u1", "c1")).toMatchObject({ kind: "retry" });
    stubServer(() => new Response("", { status: 429, headers: { "retry-after": "30" } }));
    expect(await drainOutbox("u1", "c1")).toMatchObject({ kind: "retry", retryAfter: 30 });
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(await drainOutbox("u1", "c1")).toMatchObject({ kind: "retry", code: "network" });
    expect(await countPending("u1")).toBe(5);
  });

  it("pushes only the signed-in user's entries; another user's wait on the phone", async () => {
    await queue(3, "u1");
    await queue(2, "u2");
    stubServer(storeAll);
    await drainOutbox("u1", "c1");
    expect(await countPending("u1")).toBe(0);
    expect(await countPending("u2")).toBe(2);
  });

  it("sends only the wire fields (the server refuses unknown ones)", async () => {
    await saveEntry(makeEntry({ note: "Hội nghị" }), ctx);
    let sent: Entry | undefined;
    stubServer((b) => {
      sent = b.entries[0];
      return storeAll(b);
    });
    await drainOutbox("u1", "c1");
    expect(Object.keys(sent ?? {}).sort()).toEqual([
      "campaignId",
      "createdAt",
      "date",
      "id",
      "note",
      "partId",
      "quantity",
      "unitId",
    ]);
  });
});

describe("backoff", () => {
  it("grows exponentially with jitter and is capped near five minutes", () => {
    expect(backoffDelay(0, () => 0)).toBe(1000);
    expect(backoffDelay(0, () => 1)).toBe(2000);
    expect(backoffDelay(3, () => 1)).toBe(16000);
    expect(backoffDelay(50, () => 1)).toBe(MAX_DELAY_MS);
    expect(backoffDelay(50, () => 0)).toBe(MAX_DELAY_MS / 2);
  });
});

describe("outbox order", () => {
  it("pushes a correction after its original even when the phone's clock went back", async () => {
    const original = makeEntry({ quantity: 5, createdAt: "2023-03-15T10:00:00.000Z" });
    await saveEntry(original, ctx);
    // The clock jumped back an hour before the correction was saved; the same millisecond would do too.
    await saveEntry(makeEntry({ quantity: -2, correctsId: original.id, createdAt: "2023-03-15T09:00:00.000Z" }), ctx);
    const order: string[] = [];
    stubServer((b) => {
      order.push(...b.entries.map((e) => e.id));
      return storeAll(b);
    });
    await drainOutbox("u1", "c1");
    expect(order[0]).toBe(original.id);
    expect(order).toHaveLength(2);
  });
});

describe("a cut answer", () => {
  it("counts as a network failure and keeps the entries queued", async () => {
    await queue(2);
    stubServer(
      () => new Response('{"results": [{"id"', { status: 200, headers: { "content-type": "application/json" } }),
    );
    expect(await drainOutbox("u1", "c1")).toMatchObject({ kind: "retry", code: "network" });
    expect(await countPending("u1")).toBe(2);
  });
});
