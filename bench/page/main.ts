/**
 * The browser side of the bench, driven by bench/suites/browser.ts through `window.bench`. Every
 * function times the app's own code (src/db, src/sync) in real Chromium IndexedDB and, beside
 * it, the physical floor: a bare strict-durability put, a raw cursor scan, a raw getAll.
 */
import { db, LedgerDb, type LedgerRow, type LocalEntry, type SyncState, useDatabase } from "../../src/db/database";
import { listEntries, saveEntry } from "../../src/db/entries";
import { entriesForHandover, importHandover } from "../../src/db/handover";
import { LedgerWrite, ledgerTables } from "../../src/db/ledger-write";
import { campaign, units } from "../../src/db/seed-data";
import { applyPushResults, pendingBatch } from "../../src/db/sync-store";
import { localTotals } from "../../src/db/totals";
import { HANDOVER_FORMAT, readHandover, writeHandover } from "../../src/domain/handover";
import { UnitTree } from "../../src/domain/units";
import { toWireEntry } from "../../src/domain/wire";
import { encodeBody, push } from "../../src/sync/api";
import { drainOutbox, MAX_BATCH } from "../../src/sync/outbox";
import { EntryMaker } from "./data";

const tree = new UnitTree(units);
const scopeRoots = tree.roots.map((u) => u.id);
let maker = new EntryMaker(1);
let count = 0;

/** Milliseconds of an async call. */
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Wait for an IndexedDB request. */
function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** A raw transaction's commit (its `complete` event). */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

/** Open (the current version of) a database with the raw API. */
function openRaw(name: string, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const req = upgrade ? indexedDB.open(name, 1) : indexedDB.open(name);
  if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
  return done(req);
}

const api = {
  /** A fresh ledger database named `name` with `n` entries (and their maintained cells). */
  async fresh(name: string, n: number, ownerId: string, state: SyncState, seed: number): Promise<number> {
    db().close();
    const next = new LedgerDb(name);
    await next.delete();
    useDatabase(new LedgerDb(name));
    await db().open();
    maker = new EntryMaker(seed);
    count = 0;
    return api.grow(n, ownerId, state);
  },

  /** Add `n` entries to the current database in chunks, keeping the cells maintained. */
  async grow(n: number, ownerId: string, state: SyncState): Promise<number> {
    const d = db();
    for (let done = 0; done < n; ) {
      const chunk: LedgerRow[] = [];
      for (let i = 0; i < Math.min(5_000, n - done); i++) chunk.push(maker.nextLocal(ownerId, state));
      await d.transaction("rw", ledgerTables(d), async () => {
        if (state === "pending") await new LedgerWrite().addPending(chunk).write();
        else await new LedgerWrite().addSynced(chunk).write();
      });
      done += chunk.length;
    }
    count += n;
    return count;
  },

  /** `k` saves through saveEntry, each timed to durable and to listed first in the ledger query. */
  async saves(k: number, ownerId: string): Promise<{ save: number[]; shown: number[] }> {
    const save: number[] = [];
    const shown: number[] = [];
    const ctx = { campaign, tree, owner: { id: ownerId, role: "admin" as const, unitIds: [] } };
    for (let i = 0; i < k; i++) {
      const e = { ...maker.next(), createdAt: new Date().toISOString() };
      const t0 = performance.now();
      await saveEntry(e, ctx);
      const t1 = performance.now();
      const rows = await listEntries({ campaignId: campaign.id, limit: 50 });
      if (rows[0]?.id !== e.id) throw new Error("the saved entry is not first in the ledger");
      save.push(t1 - t0);
      shown.push(performance.now() - t0);
    }
    count += k;
    return { save, shown };
  },

  /** `k` bare puts of an entry-sized object, one strict-durability transaction each (the floor). */
  async barePuts(k: number): Promise<number[]> {
    const raw = await openRaw("bench-bare", (d) => d.createObjectStore("kv"));
    const out: number[] = [];
    for (let i = 0; i < k; i++) {
      const value = { ...maker.nextLocal("bare", "pending"), n: i };
      out.push(
        await time(async () => {
          const tx = raw.transaction("kv", "readwrite", { durability: "strict" });
          tx.objectStore("kv").put(value, `${i}-${Math.random()}`);
          await committed(tx);
        }),
      );
    }
    raw.close();
    return out;
  },

  /** Totals through the app's localTotals (over maintained cells), `runs` times. */
  async totals(runs: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < runs; i++) out.push(await time(() => localTotals({ campaign, tree, scopeRoots })));
    return out;
  },

  /** The floor for a scan: a raw cursor over every entry, summing per part. */
  async cursorScan(runs: number, name: string): Promise<number[]> {
    const raw = await openRaw(name);
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      out.push(
        await time(
          () =>
            new Promise<void>((resolve, reject) => {
              const sums = new Map<string, number>();
              const req = raw.transaction("entries").objectStore("entries").openCursor();
              req.onsuccess = () => {
                const c = req.result;
                if (!c) return resolve();
                const e = c.value as LocalEntry;
                if (e.campaignId === campaign.id) sums.set(e.partId, (sums.get(e.partId) ?? 0) + e.quantity);
                c.continue();
              };
              req.onerror = () => reject(req.error);
            }),
        ),
      );
    }
    raw.close();
    return out;
  },

  /** The other scan floor: one getAll, then a reduce. */
  async getAllReduce(runs: number, name: string): Promise<number[]> {
    const raw = await openRaw(name);
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      out.push(
        await time(async () => {
          const all = (await done(raw.transaction("entries").objectStore("entries").getAll())) as LocalEntry[];
          const sums = new Map<string, number>();
          for (const e of all)
            if (e.campaignId === campaign.id) sums.set(e.partId, (sums.get(e.partId) ?? 0) + e.quantity);
        }),
      );
    }
    raw.close();
    return out;
  },

  /**
   * A handover of `n` unsent entries: export them to a file on one device, import the file on a
   * second (fresh) device, and upload it to the server as the signed-in supervisor.
   */
  async handover(n: number, ownerId: string, seed: number) {
    await api.fresh(`bench-handover-src-${seed}`, n, ownerId, "pending", seed);
    let text = "";
    const exportMs = await time(async () => {
      const entries = await entriesForHandover(ownerId, false);
      text = await writeHandover({
        format: HANDOVER_FORMAT,
        exportedAt: new Date().toISOString(),
        exportedBy: { userId: ownerId, name: "bench" },
        deviceId: "bench-device",
        campaignIds: [campaign.id],
        entries,
      });
    });
    db().close();
    useDatabase(new LedgerDb(`bench-handover-dst-${seed}`));
    // The receiving phone's ledger is open before the file is chosen (the app is running), as the
    // floor's database is before its timing: creating a database is not the import's work.
    await db().open();
    let stored = 0;
    let readMs = 0;
    const importMs = await time(async () => {
      const t0 = performance.now();
      const read = await readHandover(text);
      readMs = performance.now() - t0;
      if (!read.ok) throw new Error(read.problem);
      const results = await importHandover(read.payload, {
        campaigns: [campaign],
        tree,
        owner: { id: "bench-supervisor", role: "admin", unitIds: [] },
      });
      stored = results.filter((r) => r.status === "stored").length;
    });
    // The floor under the phone's import: the records it wrote (ledger rows; outbox pages, their
    // heads and sums), written again by bare IndexedDB puts into an empty copy of the same schema,
    // one strict transaction.
    const written = {
      entries: await db().entries.toArray(),
      pages: await db().outboxPages.toArray(),
      heads: await db().outboxHeads.toArray(),
      sums: await db().outboxSums.toArray(),
    };
    db().close();
    const bareName = `bench-handover-bare-${seed}`;
    const bare = new LedgerDb(bareName);
    await bare.open();
    bare.close();
    const raw = await openRaw(bareName);
    const bareWriteMs = await time(async () => {
      const stores = ["entries", "outboxPages", "outboxHeads", "outboxSums"];
      const tx = raw.transaction(stores, "readwrite", { durability: "strict" });
      for (const row of written.entries) tx.objectStore("entries").put(row);
      for (const page of written.pages) tx.objectStore("outboxPages").add(page);
      for (const head of written.heads) tx.objectStore("outboxHeads").add(head);
      for (const sums of written.sums) tx.objectStore("outboxSums").add(sums);
      await committed(tx);
    });
    raw.close();
    let uploaded = 0;
    const uploadMs = await time(async () => {
      const res = await fetch("/api/v1/sync/import", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: text,
      });
      if (!res.ok) throw new Error(`upload ${res.status}`);
      uploaded = ((await res.json()) as { results: { status: string }[] }).results.filter(
        (r) => r.status === "stored",
      ).length;
    });
    return { bytes: new Blob([text]).size, exportMs, importMs, readMs, bareWriteMs, uploadMs, stored, uploaded };
  },

  /** Sign in from the page (the cookie is set for this origin). */
  async login(username: string, password: string): Promise<string> {
    const res = await fetch("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login ${res.status}`);
    return ((await res.json()) as { user: { id: string } }).user.id;
  },

  /** Push every pending entry through the app's outbox; answers ms and the outcome. */
  async drain(ownerId: string, clientId: string): Promise<{ ms: number; outcome: string }> {
    const t0 = performance.now();
    const out = await drainOutbox(ownerId, clientId);
    const ms = performance.now() - t0;
    return { ms, outcome: out.kind === "done" ? `done ${out.synced}/${out.rejected}` : JSON.stringify(out) };
  },

  /**
   * Where a drain's time goes: the steps of drainOutbox (src/sync/outbox.ts) done one by one
   * with the same functions, each timed: reading a batch, the HTTP round trip, applying answers.
   */
  async drainSteps(ownerId: string, clientId: string): Promise<Record<string, number>> {
    const t = { read: 0, http: 0, apply: 0, batches: 0 };
    for (;;) {
      let t0 = performance.now();
      const batch = await pendingBatch(ownerId, MAX_BATCH);
      t.read += performance.now() - t0;
      if (batch.length === 0) return t;
      t0 = performance.now();
      const res = await push(clientId, batch.map(toWireEntry));
      t.http += performance.now() - t0;
      if (!res.ok) throw new Error(`push ${res.status}`);
      t0 = performance.now();
      await applyPushResults(batch, res.data.results);
      t.apply += performance.now() - t0;
      t.batches++;
    }
  },

  /** The same number of entries POSTed straight from memory in batches of 500 (no IndexedDB). */
  async rawPost(n: number, clientId: string, seed: number): Promise<{ ms: number; stored: number }> {
    const m = new EntryMaker(seed);
    const all = Array.from({ length: n }, () => m.next());
    const t0 = performance.now();
    let stored = 0;
    for (let i = 0; i < all.length; i += 500) {
      // The same bytes the app sends (gzipped where it can), so the floor differs only in IndexedDB.
      const encoded = await encodeBody(JSON.stringify({ clientId, entries: all.slice(i, i + 500) }));
      const res = await fetch("/api/v1/sync/push", { method: "POST", ...encoded });
      if (!res.ok) throw new Error(`raw push answered ${res.status}`);
      const body = (await res.json()) as { results: { status: string }[] };
      stored += body.results.filter((r) => r.status === "stored").length;
    }
    return { ms: performance.now() - t0, stored };
  },
};

export type BenchApi = typeof api;
(window as unknown as { bench: BenchApi }).bench = api;
(document.getElementById("state") as HTMLElement).textContent = "ready";
