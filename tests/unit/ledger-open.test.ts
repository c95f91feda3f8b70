/**
 * The ledger opened with the current schema alone (no version history to parse) when the phone's
 * database is at the current version or absent, and with every version otherwise; an older
 * database that meets the current schema alone is left exactly as it was.
 */
import "fake-indexeddb/auto";
import Dexie from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { CURRENT_VERSION, chooseLedgerOpen, LedgerDb } from "../../src/db/database";
import { shippedDatabase } from "../support/fresh-db";

const names: string[] = [];
const fresh = (what: string) => {
  const name = `${what}-${Math.random()}`;
  names.push(name);
  return name;
};
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** The stores and indexes of an open database, as IndexedDB holds them. */
function installed(d: Dexie): Record<string, { keyPath: unknown; indexes: Record<string, unknown> }> {
  const idb = d.backendDB();
  const tx = idb.transaction([...idb.objectStoreNames], "readonly");
  const out: Record<string, { keyPath: unknown; indexes: Record<string, unknown> }> = {};
  for (const storeName of [...idb.objectStoreNames].sort()) {
    const store = tx.objectStore(storeName);
    const indexes: Record<string, unknown> = {};
    for (const i of [...store.indexNames].sort()) {
      const index = store.index(i);
      indexes[i] = { keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
    }
    out[storeName] = { keyPath: store.keyPath, indexes };
  }
  return out;
}

/** A database as version 8 of the app left it, with one waiting entry in its outbox. */
async function versionEight(name: string): Promise<void> {
  const v8 = shippedDatabase(name, 8);
  await v8.table("outbox").add({ ownerId: "a", seq: 1, id: "018a0000-0000-7000-8000-000000000001", quantity: 3 });
  v8.close();
}

describe("the current schema alone", () => {
  it("creates the same stores and indexes as every version declared in turn", async () => {
    const all = new LedgerDb(fresh("all"));
    const current = new LedgerDb(fresh("current"), "current");
    await Promise.all([all.open(), current.open()]);
    expect(current.verno).toBe(all.verno);
    expect(all.verno).toBe(CURRENT_VERSION);
    expect(installed(current)).toEqual(installed(all));
    expect(Object.keys(installed(all))).toContain("outboxPages");
    all.close();
    current.close();
  });

  it("opens a database of the current version that every version made, and reads its rows", async () => {
    const name = fresh("reopen");
    const all = new LedgerDb(name);
    await all.meta.put({ key: "entrySeq", value: 41 });
    all.close();
    const current = new LedgerDb(name, "current");
    expect(await current.meta.get("entrySeq")).toEqual({ key: "entrySeq", value: 41 });
    current.close();
  });

  it("refuses an older database without touching it; every version then upgrades it", async () => {
    const name = fresh("older");
    await versionEight(name);
    const current = new LedgerDb(name, "current");
    await expect(current.open()).rejects.toThrow();
    current.close();
    const raw = new Dexie(name);
    await raw.open(); // the version on disk, whatever it is
    expect(raw.verno).toBe(8);
    expect(await raw.table("outbox").count()).toBe(1);
    raw.close();
    const all = new LedgerDb(name);
    expect(await all.outboxPages.count()).toBe(1);
    // Upgraded step by step, it has exactly the stores and indexes the current schema alone creates.
    const current2 = new LedgerDb(fresh("current"), "current");
    await current2.open();
    expect(installed(all)).toEqual(installed(current2));
    all.close();
    current2.close();
  });
});

describe("choosing how to open", () => {
  it("declares the current schema alone for no database or one at the current version, every version for an older one", async () => {
    const name = fresh("choose");
    expect(await chooseLedgerOpen(name)).toBe("current");
    await versionEight(name);
    expect(await chooseLedgerOpen(name)).toBe("all");
    const upgraded = new LedgerDb(name);
    await upgraded.open();
    upgraded.close();
    expect(await chooseLedgerOpen(name)).toBe("current");
  });
});
