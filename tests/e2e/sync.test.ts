/**
 * Entries made while the server is down reach it by themselves once it returns,
 * exactly once; a second officer of the same district sees them; another district does not.
 */
import { describe, expect, it } from "vitest";
import { EntryPage } from "./pages/entry";
import { LedgerPage } from "./pages/ledger";
import { partFigures } from "./pages/overview";
import { Shell } from "./pages/shell";
import { PHONE } from "./support/browser";
import { adminClient, serverAndBrowser, signedInPage } from "./support/setup";

const world = serverAndBrowser([
  { username: "a.tamduong", name: "Lò Văn A", role: "officer", unitIds: ["tam-duong"] },
  { username: "b.tamduong", name: "Tòng Thị B", role: "officer", unitIds: ["tam-duong"] },
  { username: "c.phongtho", name: "Vàng A C", role: "officer", unitIds: ["phong-tho"] },
]);

type Totals = { parts: { partId: string; achieved: number }[] };

describe("sync", () => {
  it("delivers 20 entries made during an outage exactly once, to the right people only", async () => {
    const a = await world.browser.newContext(PHONE);
    const page = await signedInPage(a, world.server.url, "a.tamduong");
    await world.server.down();

    const shell = new Shell(page);
    await shell.go("Nhập");
    const entry = new EntryPage(page);
    await entry.record({ unit: "Bản Giang", partId: "t1-1", date: "2023-04-10", quantity: 1 });
    for (let q = 2; q <= 20; q++) await entry.record({ quantity: q });
    await shell.waitForPending(20);
    await page.reload();
    await shell.waitForPending(20);

    await world.server.up();
    await shell.waitForPending(0, 90_000); // no tap: the retry timer finds the server back

    const admin = await adminClient(world.server);
    const totals = (await admin.request("GET", "/totals?campaignId=laichau-2023&unitId=tam-duong")).json as Totals;
    expect(totals.parts.find((p) => p.partId === "t1-1")?.achieved).toBe(210);

    // A second officer of the same district sees them after pull.
    const b = await world.browser.newContext(PHONE);
    const pageB = await signedInPage(b, world.server.url, "b.tamduong");
    await pageB.waitForFunction(
      () => document.querySelector('li[data-part="t1-1"]')?.getAttribute("data-achieved") === "210",
      undefined,
      {
        timeout: 30_000,
      },
    );
    expect(await partFigures(pageB, "t1-1")).toMatchObject({ achieved: 210, unsent: 0 });
    const ledgerB = new LedgerPage(pageB);
    await ledgerB.open();
    await ledgerB.waitForCount(20);
    expect(await ledgerB.count()).toBe(20);

    // An officer of another district does not.
    const c = await world.browser.newContext(PHONE);
    const pageC = await signedInPage(c, world.server.url, "c.phongtho");
    await new Shell(pageC).syncNow();
    await pageC.getByText(/Đồng bộ lúc/).waitFor({ timeout: 30_000 });
    const ledgerC = new LedgerPage(pageC);
    await ledgerC.open();
    expect(await ledgerC.count()).toBe(0);
    expect(await partFigures(pageC, "t1-1").catch(() => undefined)).toBeUndefined();

    // The server agrees: pushing the same entries again (a retry after a lost answer) changes nothing.
    const resent = await page.evaluate(async () => {
      const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open("so-thi-dua");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction("entries").objectStore("entries").getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            open.result.close();
            resolve(read.result);
          };
        };
      });
      const wire = ["id", "campaignId", "partId", "unitId", "date", "quantity", "note", "correctsId", "createdAt"];
      const entries = rows.map((r) => Object.fromEntries(wire.filter((k) => r[k] !== undefined).map((k) => [k, r[k]])));
      const res = await fetch("/api/v1/sync/push", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ clientId: "a-resend", entries }),
      });
      return { status: res.status, results: ((await res.json()) as { results: { status: string }[] }).results };
    });
    expect(resent.status).toBe(200);
    expect(resent.results).toHaveLength(20);
    expect(resent.results.every((r) => r.status === "duplicate")).toBe(true);
    const again = await admin.request("GET", "/totals?campaignId=laichau-2023");
    expect((again.json as Totals).parts.find((p) => p.partId === "t1-1")?.achieved).toBe(210);
    await Promise.all([a.close(), b.close(), c.close()]);
  });
});
