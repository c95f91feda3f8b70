/**
 * After one online visit the app works with the server stopped (a real outage),
 * entries survive reloads and a browser restart, and the page is installable.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { EntryPage } from "./pages/entry";
import { LedgerPage } from "./pages/ledger";
import { OverviewPage, partFigures } from "./pages/overview";
import { Shell } from "./pages/shell";
import { Profile } from "./support/browser";
import { TestServer } from "./support/server";
import { createUsers, signedInPage } from "./support/setup";

let server: TestServer;
const profile = new Profile();

beforeAll(async () => {
  server = await TestServer.start();
  await createUsers(server, [
    { username: "canbo.tamduong", name: "Lò Văn Minh", role: "officer", unitIds: ["tam-duong"] },
  ]);
});
afterAll(async () => {
  await server?.dispose();
  profile.dispose();
});

describe("the offline ledger", () => {
  it("is installable, opens with the server stopped, and keeps entries across reloads and restarts", async () => {
    let context = await profile.open();
    onTestFinished(() => context.close());
    let page = await signedInPage(context, server.url, "canbo.tamduong");

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
      installabilityErrors: unknown[];
    };
    expect(installabilityErrors).toEqual([]);

    await server.down();
    await page.reload();
    const overview = new OverviewPage(page);
    await overview.waitForCampaign();

    const shell = new Shell(page);
    await shell.go("Nhập");
    const entry = new EntryPage(page);
    await entry.record({ unit: "Bình Lư", partId: "t1-1", date: "2023-03-20", quantity: 5 });
    await entry.record({ quantity: 7 });
    await entry.record({ quantity: 2 });
    await shell.waitForPending(3);

    await page.reload();
    await shell.waitForPending(3);
    await shell.go("Tổng quan");
    expect(await partFigures(page, "t1-1")).toMatchObject({ achieved: 0, unsent: 14 });
    const ledger = new LedgerPage(page);
    await ledger.open();
    await ledger.waitForCount(3);
    expect(await ledger.count()).toBe(3);

    // Close the whole browser and start it again on the same profile, still with no server.
    await context.close();
    context = await profile.open();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await new OverviewPage(page).waitForCampaign();
    await new Shell(page).waitForPending(3);
    expect(await partFigures(page, "t1-1")).toMatchObject({ unsent: 14 });
    // The browser itself answered "/" and the hashed files from the caches (the worker's static
    // routes, sw/static-routes.ts): the start did not wait for the worker to start.
    const sources = await page.evaluate(() =>
      [
        ...performance.getEntriesByType("navigation"),
        ...performance.getEntriesByType("resource").filter((r) => new URL(r.name).pathname.startsWith("/assets/")),
      ].map((e) => (e as PerformanceResourceTiming & { workerFinalSourceType?: string }).workerFinalSourceType),
    );
    expect(sources.length).toBeGreaterThan(3);
    expect(new Set(sources)).toEqual(new Set(["cache"]));
  });

  it("refuses a date outside the campaign with its message and saves nothing", async () => {
    const context = await profile.open();
    onTestFinished(() => context.close());
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/#/entry`);
    const entry = new EntryPage(page);
    await entry.chooseUnit("Bình Lư");
    await entry.choosePart("t1-1");
    await entry.setDate("2024-02-01");
    await entry.setQuantity(4);
    await page.getByRole("button", { name: "Lưu", exact: true }).click();
    await page.locator("#date-error").waitFor();
    expect(await entry.fieldError("date")).toMatch(/không thuộc đợt thi đua nào/);
    await new Shell(page).waitForPending(3);
  });
});
