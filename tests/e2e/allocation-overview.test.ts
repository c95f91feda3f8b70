/**
 * The overview of an officer whose district was given a share of a goal shows that share, as the
 * supervisors' dashboard does (a walkthrough found "Chưa phân bổ chỉ tiêu" on the overview while
 * the dashboard said 25 / 20), and the entry form names that share beside the province's goal.
 */
import { describe, expect, it } from "vitest";
import { EntryPage } from "./pages/entry";
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

    // The entry form names the district's share, for the district and for a union below it.
    const shell = new Shell(page);
    await shell.go("Nhập");
    const entry = new EntryPage(page);
    await entry.chooseUnit("Bình Lư");
    await entry.choosePart("t1-1");
    const hint = page.locator("#part-hint");
    await expect
      .poll(() => hint.textContent())
      .toContain("Chỉ tiêu giao cho Liên đoàn Lao động huyện Tam Đường: 20 đoàn viên.");
    await entry.choosePart("t2-1");
    await expect.poll(() => hint.textContent()).not.toContain("Chỉ tiêu giao cho");
    await context.close();
  });
});
