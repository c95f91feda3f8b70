/**
 * The phone recovering from a client id another user took: the push answered 403 `client-owned`,
 * the phone forgets its id, and the next drain under a fresh id delivers the whole outbox.
 */
import "fake-indexeddb/auto";
import Dexie from "dexie";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db, LedgerDb, useDatabase } from "../../src/db/database";
import { saveEntry } from "../../src/db/entries";
import { deviceId } from "../../src/db/settings";
import { countPending } from "../../src/db/unsent";
import type { Entry } from "../../src/domain/schemas";
import { recoverClientId } from "../../src/sync/client-id";
import { drainOutbox } from "../../src/sync/outbox";
import { campaign2023, makeEntry, sampleTree } from "../support/fixtures";

let name = "";
beforeEach(() => {
  name = `client-id-${Math.random()}`;
  useDatabase(new LedgerDb(name));
});
afterEach(async () => {
  vi.unstubAllGlobals();
  db().close();
  await Dexie.delete(name);
});

const json = (status: number, data: unknown) =>
  new Response(JSON.stringify(data), { status, headers: { "content-type": "application/json" } });

describe("client id taken by another user", () => {
  it("is forgotten after 403 client-owned, and the outbox drains under a fresh one", async () => {
    for (let i = 0; i < 3; i++) {
      await saveEntry(makeEntry({ quantity: 1 }), {
        campaign: campaign2023,
        tree: sampleTree,
        owner: { id: "u1", role: "officer", unitIds: ["lct"] },
      });
    }
    const taken = await deviceId();
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { clientId: string; entries: Entry[] };
      if (body.clientId === taken) return json(403, { error: { code: "client-owned", message: "taken" } });
      return json(200, {
        results: body.entries.map((e) => ({ id: e.id, status: "stored" })),
        serverTime: new Date().toISOString(),
      });
    });
    const first = await drainOutbox("u1", taken);
    expect(first).toMatchObject({ kind: "retry", code: "client-owned" });
    expect(await recoverClientId("client-owned")).toBe(true);
    const fresh = await deviceId();
    expect(fresh).not.toBe(taken);
    expect(await drainOutbox("u1", fresh)).toEqual({ kind: "done", synced: 3, rejected: 0 });
    expect(await countPending()).toBe(0);
    expect(await recoverClientId("http-500")).toBe(false);
    expect(await deviceId()).toBe(fresh);
  });
});
