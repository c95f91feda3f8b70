/**
 * The phone recovering from a client id another user took: the push answered 403 `client-owned`,
 * the phone forgets its id, and the next drain under a fresh id delivers the whole outbox.
 */
import "fake-indexeddb/auto";
import Dexie from "dexie";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db, LedgerDb, useDatabase } from "../../src/db/database";
import { saveEntry } from "../../src/db/entries";
import { clientIdOf, deviceId, setSetting } from "../../src/db/settings";
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
    const taken = await clientIdOf("u1");
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
    expect(await recoverClientId("client-owned", "u1")).toBe(true);
    const fresh = await clientIdOf("u1");
    expect(fresh).not.toBe(taken);
    expect(await drainOutbox("u1", fresh)).toEqual({ kind: "done", synced: 3, rejected: 0 });
    expect(await countPending()).toBe(0);
    expect(await recoverClientId("http-500", "u1")).toBe(false);
    expect(await clientIdOf("u1")).toBe(fresh);
    // The phone's own name moved on too, so a handover file no longer shows the id that was taken.
    expect(await deviceId()).not.toBe(taken);
  });
});

describe("two users sharing a phone", () => {
  it("push with client ids of their own, and a phone from before keeps its id for its user", async () => {
    await setSetting("clientId", "device-from-before");
    await setSetting("clientIds", {});
    expect(await clientIdOf("u1")).toBe("device-from-before");
    const second = await clientIdOf("u2");
    expect(second).not.toBe("device-from-before");
    expect(await clientIdOf("u2")).toBe(second);
    expect(await clientIdOf("u1")).toBe("device-from-before");
    expect(await deviceId()).toBe("device-from-before");
  });
});
