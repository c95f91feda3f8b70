// The phone's IndexedDB floor for the push and handover rows, bare (no Dexie, no app code), in the
// bench's Chromium: `node bench/idb-rows.mjs [--runs 3]`.
//
// An outbox with one record per entry (as the app kept it up to version 8) beside pages of 100
// entries, each with a head (its entries' [ownerId, id], a multi-entry index) and its sums by cell,
// as version 9 keeps them (src/db/outbox-pages.ts): reading 10,000 waiting entries in 20 batches,
// deleting them batch by batch, and writing the records of a 5,000-entry handover import (ledger
// rows with the app's indexes, plus the outbox) in one strict transaction; and what each costs a
// save (a row added, or appending to a page of 99 entries). The page runs in a fresh browser
// context, like the bench page's (bench/README).
import { createServer } from "node:http";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

// The browser exactly as the e2e tests and the bench launch it (its path and flags).
const root = fileURLToPath(new URL("..", import.meta.url));
const support = `${root}.tmp/idb-rows/browser.mjs`;
await build({
  absWorkingDir: root,
  entryPoints: ["tests/e2e/support/browser.ts"],
  outfile: support,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["playwright-core"],
  logLevel: "warning",
});
const { launch } = await import(pathToFileURL(support).href);

const runsAt = process.argv.indexOf("--runs");
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;

/** In the page: the measurements, in ms. */
async function measure() {
  const open = (name, make) =>
    new Promise((resolve, reject) => {
      const r = indexedDB.open(name, 1);
      r.onupgradeneeded = () => make(r.result);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  const done = (tx) =>
    new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  const request = (r) =>
    new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  const entry = (i) => ({
    id: `018a${String(i).padStart(8, "0")}-7abc-8def-0123-456789abcdef`,
    campaignId: "laichau-2023",
    partId: `t${i % 12}`,
    unitId: `u${i % 40}`,
    date: "2023-05-12",
    quantity: i % 5,
    createdAt: new Date(1672531200000 + i * 1000).toISOString(),
    ownerId: "owner",
    seq: i,
    phaseId: "dot-1",
  });
  const range = (lo, hi) => IDBKeyRange.bound(["owner", lo], ["owner", hi]);
  // Version 8's outbox: a record per entry, unique on its id.
  const makeRows = (d) => {
    d.createObjectStore("outbox", { keyPath: ["ownerId", "seq"] }).createIndex("id", "id", { unique: true });
  };
  // Version 9's: pages of 100, each with its head and its sums under the same key.
  const PAGE = 100;
  const PAGE_STORES = ["outboxPages", "outboxHeads", "outboxSums"];
  const makePages = (d) => {
    d.createObjectStore("outboxPages", { keyPath: ["ownerId", "first"] });
    const heads = d.createObjectStore("outboxHeads", { keyPath: ["ownerId", "first"] });
    heads.createIndex("entryKeys", "entryKeys", { multiEntry: true });
    d.createObjectStore("outboxSums", { keyPath: ["ownerId", "first"] });
  };
  /** Put a page starting at save number `first` (its `n` entries, or `rows`), with its head and sums. */
  const putPage = (tx, first, n, rows = Array.from({ length: n }, (_, k) => entry(first + k))) => {
    const byCell = {};
    for (const r of rows) {
      const key = `${r.campaignId}\u0000${r.partId}\u0000${r.unitId}\u0000${r.phaseId}`;
      byCell[key] = (byCell[key] ?? 0) + r.quantity;
    }
    tx.objectStore("outboxPages").put({ ownerId: "owner", first, rows });
    tx.objectStore("outboxHeads").put({ ownerId: "owner", first, entryKeys: rows.map((r) => ["owner", r.id]) });
    tx.objectStore("outboxSums").put({ ownerId: "owner", first, byCell });
  };
  const out = {};

  // Push: 10,000 waiting entries, read and acknowledged 500 at a time.
  for (const shape of ["rows", "pages"]) {
    const db = await open(`push-${shape}-${Math.random()}`, shape === "rows" ? makeRows : makePages);
    const stores = shape === "rows" ? ["outbox"] : PAGE_STORES;
    let tx = db.transaction(stores, "readwrite");
    for (let i = 1; i <= 10_000; i++) {
      if (shape === "rows") tx.objectStore("outbox").add(entry(i));
      else if (i % PAGE === 1) putPage(tx, i, PAGE);
    }
    await done(tx);
    let read = 0;
    let remove = 0;
    for (let lo = 1; lo <= 10_000; lo += 500) {
      let t0 = performance.now();
      tx = db.transaction(stores[0], "readonly");
      await request(tx.objectStore(stores[0]).getAll(range(lo, lo + 499)));
      read += performance.now() - t0;
      t0 = performance.now();
      tx = db.transaction(stores, "readwrite");
      for (const name of stores) tx.objectStore(name).delete(range(lo, lo + 499));
      await done(tx);
      remove += performance.now() - t0;
    }
    db.close();
    out[`push: read 10,000 waiting entries in 20 batches, outbox ${shape}`] = read;
    out[`push: delete them batch by batch, outbox ${shape}`] = remove;
  }

  // A save's outbox write, one strict transaction each (the app's save also writes the ledger row
  // and cells): a row added, or the entry appended to its owner's last page of 99 (the head read,
  // the page read, the page, head and sums written).
  for (const shape of ["rows", "pages"]) {
    const db = await open(`save-${shape}-${Math.random()}`, shape === "rows" ? makeRows : makePages);
    const stores = shape === "rows" ? ["outbox"] : PAGE_STORES;
    let tx = db.transaction(stores, "readwrite");
    if (shape === "pages") putPage(tx, 1, PAGE - 1);
    await done(tx);
    const times = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      tx = db.transaction(stores, "readwrite", { durability: "strict" });
      if (shape === "rows") tx.objectStore("outbox").add(entry(1_000 + i));
      else {
        await request(tx.objectStore("outboxHeads").get(["owner", 1]));
        const page = await request(tx.objectStore("outboxPages").get(["owner", 1]));
        page.rows.push(entry(1_000 + i));
        page.rows.shift(); // keep the page at 99 + 1, as the last page of a long wait would be
        putPage(tx, 1, 0, page.rows);
      }
      await done(tx);
      times.push(performance.now() - t0);
    }
    db.close();
    times.sort((a, b) => a - b);
    out[`save: the outbox write of one entry, median of 40, outbox ${shape}`] = times[20];
  }

  // Handover import: 5,000 ledger rows (the app's indexes, src/db/database.ts) and their outbox.
  const INDEXES = [
    ["[campaignId+partId]", ["campaignId", "partId"]],
    ["syncState", "syncState"],
    ["createdAt", "createdAt"],
    ["correctsId", "correctsId"],
    ["ownerId", "ownerId"],
    ["[unitId+createdAt]", ["unitId", "createdAt"]],
    ["[partId+createdAt]", ["partId", "createdAt"]],
  ];
  for (const shape of ["rows", "pages", "none"]) {
    const db = await open(`import-${shape}-${Math.random()}`, (d) => {
      const entries = d.createObjectStore("entries", { keyPath: "id" });
      for (const [name, keyPath] of INDEXES) entries.createIndex(name, keyPath);
      makeRows(d);
      makePages(d);
    });
    const rows = Array.from({ length: 5_000 }, (_, i) => entry(i + 1));
    const t0 = performance.now();
    const stores = ["entries", ...{ rows: ["outbox"], pages: PAGE_STORES, none: [] }[shape]];
    const tx = db.transaction(stores, "readwrite", { durability: "strict" });
    for (const r of rows) tx.objectStore("entries").put(r);
    if (shape === "rows") for (const r of rows) tx.objectStore("outbox").put(r);
    if (shape === "pages") for (let i = 0; i < rows.length; i += PAGE) putPage(tx, i + 1, 0, rows.slice(i, i + PAGE));
    await done(tx);
    db.close();
    const what = { rows: "ledger rows + outbox rows", pages: "ledger rows + outbox pages", none: "ledger rows alone" };
    out[`handover: write 5,000 imported entries, ${what[shape]}`] = performance.now() - t0;
  }
  return out;
}

const server = createServer((_, res) => res.end("<!doctype html><title>idb</title>")).listen(0, "127.0.0.1");
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const all = {};
  for (let r = 0; r < runs; r++) {
    for (const [k, v] of Object.entries(await page.evaluate(measure))) {
      all[k] = [...(all[k] ?? []), v];
    }
  }
  console.log("| what | median ms | min–max (n) |\n| --- | ---: | --- |");
  for (const [k, xs] of Object.entries(all)) {
    const s = [...xs].sort((a, b) => a - b);
    const f = (x) => (x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString("en-US"));
    console.log(`| ${k} | ${f(s[Math.floor(s.length / 2)])} | ${f(s[0])}–${f(s.at(-1))} (${s.length}) |`);
  }
} finally {
  await browser.close();
  server.close();
}
