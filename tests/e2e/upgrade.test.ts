/**
 * An app update over unsent work, in Chromium's own IndexedDB: a phone holds entries saved under
 * the previous database version (5: outbox, cells counting sent and unsent together) when the new
 * app opens with no server. The upgrade to the current version (6, then 7) keeps every entry, shows them as unsent on
 * the overview, and once the server is back they reach it exactly once.
 */
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5 } from "../../src/db/database";
import { LedgerPage } from "./pages/ledger";
import { OverviewPage, partFigures } from "./pages/overview";
import { Shell } from "./pages/shell";
import { PHONE } from "./support/browser";
import { adminClient, serverAndBrowser, signedInPage } from "./support/setup";

const world = serverAndBrowser([
  { username: "canbo.capnhat", name: "Lò Thị Cập", role: "officer", unitIds: ["tam-duong"] },
]);

const DEXIE_UMD = createRequire(import.meta.url).resolve("dexie/dist/dexie.js");
const V5 = [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5];

/** Three separate entries in one cell, as version 5 kept them unsent. */
function version5Rows(ownerId: string) {
  const base = {
    campaignId: "laichau-2023",
    partId: "t1-1",
    unitId: "tam-duong-01",
    date: "2023-03-20",
    phaseId: "dot-1",
    ownerId,
  };
  const entries = [5, 7, 2].map((quantity, i) => {
    const id = `0c0ffee0-0000-4000-8000-00000000000${i + 1}`;
    return { ...base, id, quantity, createdAt: `2023-03-20T0${i + 1}:00:00.000Z`, rootId: id, seq: i + 1 };
  });
  const outbox = entries.map(({ rootId: _, ...e }) => e);
  return {
    entries,
    outbox,
    cells: [{ campaignId: base.campaignId, partId: base.partId, unitId: base.unitId, phaseId: "dot-1", net: 14 }],
    chainNets: entries.map((e) => ({ rootId: e.id, net: e.quantity })),
    meta: [{ key: "entrySeq", value: 3 }],
  };
}

/**
 * Replace the app's database with a version 5 one holding `rows` (and the reference data the
 * app had), from a page of the origin that does not run the app. Dexie is loaded into the page
 * to declare the old versions exactly as the app shipped them.
 */
async function plantVersion5(page: Page, rows: ReturnType<typeof version5Rows>): Promise<void> {
  await page.addScriptTag({ path: DEXIE_UMD });
  await page.evaluate(
    async ({ schemas, rows }) => {
      type D = {
        version(n: number): { stores(s: object): void };
        open(): Promise<unknown>;
        table(name: string): { toArray(): Promise<unknown[]>; bulkAdd(rows: unknown[]): Promise<unknown> };
        close(): void;
        verno: number;
      };
      const DexieCtor = (window as unknown as { Dexie: { new (name: string): D; delete(name: string): Promise<void> } })
        .Dexie;
      const now = new DexieCtor("so-thi-dua");
      await now.open();
      const campaigns = await now.table("campaigns").toArray();
      const units = await now.table("units").toArray();
      now.close();
      await DexieCtor.delete("so-thi-dua");
      const old = new DexieCtor("so-thi-dua");
      for (const [i, s] of schemas.entries()) old.version(i + 1).stores(s);
      await old.open();
      await old.table("campaigns").bulkAdd(campaigns);
      await old.table("units").bulkAdd(units);
      for (const [table, list] of Object.entries(rows)) await old.table(table).bulkAdd(list);
      old.close();
    },
    { schemas: V5, rows },
  );
}

/** The version of the app's IndexedDB database, as the browser holds it. */
function idbVersion(page: Page): Promise<number> {
  return page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === "so-thi-dua")?.version ?? 0);
}

describe("an app update", () => {
  it("upgrades a version 5 database holding unsent entries without losing or doubling any", async () => {
    // The test plants the old database with a script of its own, which the app's CSP would refuse.
    const context = await world.browser.newContext({ ...PHONE, bypassCSP: true });
    const page = await signedInPage(context, world.server.url, "canbo.capnhat");
    const me = (await page.evaluate(() => fetch("/api/v1/auth/me").then((r) => r.json()))) as { user: { id: string } };

    // Away from the app (the service worker leaves /api alone), so it closes its database.
    await page.goto(`${world.server.url}/api/v1/auth/me`);
    await plantVersion5(page, version5Rows(me.user.id));
    expect(await idbVersion(page)).toBe(50);

    // The updated app opens with no server: the upgrade runs, and nothing is sent yet.
    await world.server.down();
    await page.goto(world.server.url);
    await new OverviewPage(page).waitForCampaign();
    // Dexie stores version N as N × 10: the app now opens at version 9 (the outbox in pages).
    expect(await idbVersion(page)).toBe(90);
    const shell = new Shell(page);
    await shell.waitForPending(3);
    expect(await partFigures(page, "t1-1")).toMatchObject({ achieved: 0, unsent: 14 });
    const ledger = new LedgerPage(page);
    await ledger.open();
    await ledger.waitForCount(3);

    // The server returns: the three reach it once, and the overview counts them as sent.
    await world.server.up();
    await shell.waitForPending(0, 90_000);
    const admin = await adminClient(world.server);
    const totals = (await admin.request("GET", "/totals?campaignId=laichau-2023&unitId=tam-duong")).json as {
      parts: { partId: string; achieved: number }[];
    };
    expect(totals.parts.find((p) => p.partId === "t1-1")?.achieved).toBe(14);
    await shell.go("Tổng quan");
    await page.reload();
    await new OverviewPage(page).waitForCampaign();
    expect(await partFigures(page, "t1-1")).toMatchObject({ achieved: 14, unsent: 0 });
    await context.close();
  });
});
