/**
 * The SMS fallback as an officer and a supervisor use it: the officer sets the district's number
 * once, sees in words what the coded message says and sends it to that number, and has no paste
 * box; the supervisor sees the unit, phase and each figure before recording, is told afterwards
 * what was recorded, and the dashboard marks the stand-in figures as provisional.
 */
import { describe, expect, it } from "vitest";
import { EntryPage } from "./pages/entry";
import { SettingsPage } from "./pages/settings";
import { Shell } from "./pages/shell";
import { SmsPage } from "./pages/sms";
import { PHONE } from "./support/browser";
import { serverAndBrowser, signedInPage } from "./support/setup";

const world = serverAndBrowser([
  { username: "canbo.bansms", name: "Vàng A Sính", role: "officer", unitIds: ["tam-duong"] },
  { username: "giamsat.sms", name: "Lê Thị Huyện", role: "supervisor", unitIds: ["tam-duong"] },
]);

describe("SMS reports", () => {
  it("shows the officer what is sent and to whom, and the supervisor what is recorded, marked provisional", async () => {
    const officerCtx = await world.browser.newContext(PHONE);
    const supervisorCtx = await world.browser.newContext(PHONE);
    const officer = await signedInPage(officerCtx, world.server.url, "canbo.bansms");
    const supervisor = await signedInPage(supervisorCtx, world.server.url, "giamsat.sms");

    // The officer's phone has no data connection: the entry stays on it, so the SMS carries it.
    const osms = new SmsPage(officer);
    const settings = new SettingsPage(officer);
    expect(await settings.setSmsNumber("abc")).toContain("chỉ gồm chữ số");
    expect(await settings.setSmsNumber("0912 345 678")).toBe("Đã lưu số nhận tin.");
    await officerCtx.setOffline(true);
    await new Shell(officer).go("Nhập");
    await new EntryPage(officer).record({ unit: "Bình Lư", partId: "t1-1", date: "20/03/2023", quantity: 6 });
    await osms.open();
    expect(await osms.canPaste()).toBe(false);
    await osms.compose("tam-duong-01");
    const summary = await osms.summary();
    expect(summary).toContain("Công đoàn cơ sở Trường THCS Bình Lư");
    expect(summary).toContain("Đợt 1");
    expect(summary).toContain("6 đoàn viên");
    const body = await osms.body();
    expect(body).toMatch(/^STD1;laichau-2023;dot-1;tam-duong-01;t1-1=6;[0-9A-F]{4}$/);
    expect(await osms.link()).toBe(`sms:0912345678?body=${encodeURIComponent(body)}`);

    // The supervisor pastes it: a preview first, then what was recorded.
    const ssms = new SmsPage(supervisor);
    await ssms.open();
    expect(await ssms.canPaste()).toBe(true);
    const preview = await ssms.paste(body);
    expect(preview).toContain("Công đoàn cơ sở Trường THCS Bình Lư");
    expect(preview).toContain("Đợt 1");
    expect(preview).toContain("6 đoàn viên — ghi thêm 6");
    expect(await ssms.record()).toContain(
      "Đã ghi nhận cho Công đoàn cơ sở Trường THCS Bình Lư, Đợt 1: 1.1: +6 đoàn viên.",
    );
    // Pasting it again adds nothing, and says so before anything is recorded.
    expect(await ssms.paste(body)).toContain("máy đã có đủ, không ghi");
    expect(await supervisor.getByRole("button", { name: "Ghi nhận tin nhắn" }).isDisabled()).toBe(true);

    // Once sent, the dashboard counts the stand-in and marks it provisional, in the breakdown too.
    const shell = new Shell(supervisor);
    await shell.syncNow();
    await shell.waitForPending(0, 60_000);
    await supervisor.goto(`${world.server.url}/#/dashboard`);
    const notice = supervisor.getByTestId("provisional-notice");
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain("1.1: 6");
    const cell = supervisor.locator('[data-testid="breakdown"] tr[data-unit="tam-duong-01"] td[data-part="t1-1"]');
    await expect.poll(() => cell.textContent(), { timeout: 30_000 }).toContain("≈");
    expect(await cell.textContent()).toContain("gồm số tạm theo SMS");
    const other = supervisor.locator('[data-testid="breakdown"] tr[data-unit="tam-duong-02"] td[data-part="t1-1"]');
    expect(await other.textContent()).not.toContain("≈");
    await officerCtx.close();
    await supervisorCtx.close();
  });
});
