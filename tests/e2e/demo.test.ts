/**
 * Demo mode with the server stopped — every main screen renders with data — and
 * leaving it leaves the real database untouched.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { LedgerPage } from "./pages/ledger";
import { partFigures } from "./pages/overview";
import { PresentPage } from "./pages/present";
import { Shell } from "./pages/shell";
import { Profile } from "./support/browser";
import { TestServer } from "./support/server";

let server: TestServer;
const profile = new Profile();

beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(async () => {
  await server?.dispose();
  profile.dispose();
});

/** Entries in the real (non-demo) database, 0 when it was never created. */
function realEntryCount(): Promise<number> {
  return new Promise((resolve, reject) => {
    void indexedDB.databases().then((dbs) => {
      if (!dbs.some((d) => d.name === "so-thi-dua")) return resolve(0);
      const req = indexedDB.open("so-thi-dua");
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains("entries")) return resolve(0);
        const count = db.transaction("entries").objectStore("entries").count();
        count.onsuccess = () => {
          resolve(count.result);
          db.close();
        };
      };
    });
  });
}

describe("demo mode", () => {
  it("shows a whole campaign with no server, and leaving it leaves real data untouched", async () => {
    const context = await profile.open();
    onTestFinished(() => context.close());
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await page.getByRole("button", { name: "Dùng thử với dữ liệu mẫu" }).waitFor();
    await new Shell(page).waitForServiceWorker();
    await server.down();

    await page.getByRole("button", { name: "Dùng thử với dữ liệu mẫu" }).click();
    await page.getByTestId("demo-banner").waitFor({ timeout: 30_000 });
    const members = await partFigures(page, "t1-1");
    expect(members.achieved).toBeGreaterThan(20);

    const ledger = new LedgerPage(page);
    await ledger.open();
    expect(await ledger.count()).toBeGreaterThan(20);
    await expect(page.getByTestId("demo-banner").isVisible()).resolves.toBe(true);

    await page.goto(`${server.url}/#/entry`);
    await page.getByLabel("Số lượng").or(page.getByLabel("Tìm đơn vị")).first().waitFor();

    // The presentation runs with no server, and the arrow key shows the next slide's rows.
    const present = new PresentPage(page);
    await present.open();
    const first = (await present.read()).codes;
    await present.next();
    await expect.poll(async () => (await present.read()).codes, { timeout: 10_000 }).not.toEqual(first);

    await page.goto(`${server.url}/#/dashboard`);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await page.goto(`${server.url}/#/handover`);
    await page.getByRole("heading", { name: "Chuyển dữ liệu không cần mạng" }).waitFor();

    expect(await page.evaluate(realEntryCount)).toBe(0);
    await new Shell(page).demoAction("Thoát dùng thử");
    await page.getByRole("button", { name: "Dùng thử với dữ liệu mẫu" }).waitFor();
    expect(await page.evaluate(realEntryCount)).toBe(0);
  });
});
