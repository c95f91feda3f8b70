/**
 * The overview of an officer whose district was given a share of a goal shows that share, as the
 * supervisors' dashboard does (a walkthrough found "Chưa phân bổ chỉ tiêu" on the overview while
 * the dashboard said 25 / 20).
 */
import { describe, expect, it } from "vitest";
import { OverviewPage } from "./pages/overview";
import { Shell } from "./pages/shell";
import { PHONE } from "./support/browser";
import { adminClient, serverAndBrowser, signedInPage } from "./support/setup";

const world = serverAndBrowser([
  { username: "canbo.phanbo", name: "Lò Văn Bổ", role: "officer", unitIds: ["tam-duong"] },
]);

describe("an allocated goal", () => {
  it("is the goal the district's officer sees on the overview after a sync", async () => {
    const admin = await adminClient(world.server);
    const set = await admin.request("PUT", "/allocations", {
      allocations: [{ campaignId: "laichau-2023", partId: "t1-1", unitId: "tam-duong", goal: 20 }],
    });
    expect(set.status).toBe(200);
    const context = await world.browser.newContext(PHONE);
    const page = await signedInPage(context, world.server.url, "canbo.phanbo");
    await new OverviewPage(page).waitForCampaign();
    await new Shell(page).syncNow();
    await page.waitForSelector('li[data-part="t1-1"][data-goal="20"]', { timeout: 30_000 });
    expect(await page.locator('li[data-part="t1-1"] .part-numbers').textContent()).toContain("/ 20 đoàn viên");
    await context.close();
  });
});
