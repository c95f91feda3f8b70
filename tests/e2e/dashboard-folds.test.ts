/**
 * The dashboard fits a phone: print and export come first, and each section folds behind a heading
 * that keeps its headline figure in view; the breakdown (the drill-down table) starts open.
 */
import { describe, expect, it } from "vitest";
import { DashboardPage } from "./pages/dashboard";
import { PHONE } from "./support/browser";
import { serverAndBrowser, signedInPage } from "./support/setup";

const world = serverAndBrowser([{ username: "tinh", name: "Nguyễn Thị Thu", role: "supervisor", unitIds: ["lct"] }]);

describe("dashboard at 360 px", () => {
  it("puts print and export on top and folds each section behind its headline figure", async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await signedInPage(context, world.server.url, "tinh");
    const dashboard = new DashboardPage(page);
    await dashboard.open();
    await dashboard.waitForData();

    // Print is on the first screen, above every section.
    const print = await dashboard.printLink().boundingBox();
    const firstFold = await dashboard.foldToggles().first().boundingBox();
    expect(print && firstFold && print.y < firstFold.y).toBe(true);
    expect(print && print.y + print.height < 780).toBe(true);

    const toggles = await dashboard.foldToggles().all();
    expect(toggles.length).toBe(5);
    const states = await Promise.all(toggles.map((b) => b.getAttribute("aria-expanded")));
    expect(states).toEqual(["false", "true", "false", "false", "false"]);
    // A folded section still says its figure: the parts' count, each phase's reporting rate.
    expect(await toggles[0]?.textContent()).toMatch(/Tiến độ các chỉ tiêu.*\d+ \/ \d+ chỉ tiêu/);
    expect(await toggles[2]?.textContent()).toMatch(/Đợt 1: \d+\s?%.*Đợt 2: \d+\s?%/);
    expect(await page.locator("#dash-parts-body").isVisible()).toBe(false);

    await toggles[0]?.click();
    expect(await toggles[0]?.getAttribute("aria-expanded")).toBe("true");
    await page.locator("#dash-parts-body li.dash-part").first().waitFor();
    await context.close();
  });
});
