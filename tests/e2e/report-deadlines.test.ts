/**
 * Report deadlines on the phone: in March 2023 (the phone's clock fixed there) the phase 1 report
 * cannot be submitted yet and the screen says from when; a draft may still be written. With
 * today's clock (after 2023) a phase 1 report reaches the server after its deadline: the officer
 * sees it marked "Nộp muộn", and the supervisor's dashboard counts it late, not missing.
 */
import { describe, expect, it } from "vitest";
import { ReportsPage } from "./pages/reports";
import { Shell } from "./pages/shell";
import { PHONE } from "./support/browser";
import { serverAndBrowser, signedInPage } from "./support/setup";

const world = serverAndBrowser([
  { username: "a.tamduong", name: "Lò Văn A", role: "officer", unitIds: ["tam-duong"] },
  { username: "huyen.tamduong", name: "Tòng Văn Hùng", role: "supervisor", unitIds: ["tam-duong"] },
]);

describe("report deadlines", () => {
  it("refuse a report before the phase's last month", async () => {
    const context = await world.browser.newContext(PHONE);
    await context.clock.setFixedTime(new Date("2023-03-15T03:00:00Z"));
    const page = await signedInPage(context, world.server.url, "a.tamduong");
    const reports = new ReportsPage(page);
    await reports.open(world.server.url);
    const line = reports.card("tam-duong-01").locator('[data-phase="dot-1"]');
    expect(await line.textContent()).toContain(
      "Chưa đến lúc nộp báo cáo Đợt 1: báo cáo được nộp từ ngày 01/06/2023 (tháng cuối của đợt).",
    );
    expect(await line.textContent()).toContain("Hạn nộp: 10/07/2023");
    expect(await line.getByRole("button", { name: /^Nộp báo cáo Đợt 1/ }).isDisabled()).toBe(true);
    // Writing is open; submitting the written report is refused with the same sentence.
    await reports.write("tam-duong-01", "Đợt 1");
    await reports.type("tam-duong-01", "Kết quả nổi bật", "Kết nạp 3 đoàn viên.");
    await reports.card("tam-duong-01").getByRole("button", { name: "Nộp báo cáo", exact: true }).click();
    await reports.card("tam-duong-01").getByText("Chưa đến lúc nộp báo cáo Đợt 1").waitFor();
    expect(await reports.card("tam-duong-01").locator(".report-editor").count()).toBe(1);
    await context.close();
  });

  it("mark a report received after the deadline late, for the officer and on the dashboard", async () => {
    const officerCtx = await world.browser.newContext(PHONE);
    const page = await signedInPage(officerCtx, world.server.url, "a.tamduong");
    const reports = new ReportsPage(page);
    await reports.open(world.server.url);
    const line = reports.card("tam-duong-01").locator('[data-phase="dot-1"]');
    await line.getByRole("button", { name: /^Nộp báo cáo Đợt 1/ }).click();
    await page.getByRole("button", { name: "Xác nhận nộp" }).click();
    await new Shell(page).syncNow();
    // Pulled back with the server's receipt time (today, long after 10/07/2023).
    await expect.poll(() => line.textContent(), { timeout: 30_000 }).toContain("Nộp muộn");

    const supCtx = await world.browser.newContext(PHONE);
    const sup = await signedInPage(supCtx, world.server.url, "huyen.tamduong");
    await new Shell(sup).syncNow();
    await sup.goto(`${world.server.url}/#/dashboard`);
    const block = sup.locator('.reporting[data-phase="dot-1"]');
    await expect.poll(() => block.getAttribute("data-late"), { timeout: 30_000 }).toBe("1");
    expect(await block.getAttribute("data-on-time")).toBe("0");
    expect(await block.textContent()).toContain("Nộp muộn: 1");
    expect(await block.textContent()).toContain("Hạn nộp: 10/07/2023");
    await Promise.all([officerCtx.close(), supCtx.close()]);
  });
});
