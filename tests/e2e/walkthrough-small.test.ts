/**
 * The walkthrough's smaller findings, as a user meets them: a language switch before signing in
 * (kept after a reload), no export of nothing, an export that says where its file went, and a
 * percent target's mark that reads as a ticked box rather than a button.
 */
import { describe, expect, it } from "vitest";
import { EntryPage } from "./pages/entry";
import { HandoverPage } from "./pages/handover";
import { Shell } from "./pages/shell";
import { SignInPage } from "./pages/sign-in";
import { PHONE } from "./support/browser";
import { PASSWORD, serverAndBrowser } from "./support/setup";

const world = serverAndBrowser([
  { username: "a.tamduong", name: "Lò Văn A", role: "officer", unitIds: ["tam-duong-01"] },
]);

describe("smaller walkthrough findings", () => {
  it("switches language before sign-in, refuses an empty export, names the exported file, ticks a percent mark", async () => {
    const context = await world.browser.newContext({ ...PHONE, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(world.server.url);
    const signIn = new SignInPage(page);
    expect(await signIn.heading()).toBe("Đăng nhập");
    await signIn.chooseLanguage("English");
    expect(await signIn.heading()).toBe("Sign in");
    await page.reload();
    expect(await signIn.heading()).toBe("Sign in");
    await signIn.chooseLanguage("Tiếng Việt");
    expect(await signIn.heading()).toBe("Đăng nhập");
    await signIn.signIn("a.tamduong", PASSWORD);
    const shell = new Shell(page);
    await shell.waitForServiceWorker();

    // Nothing waits: the export of waiting entries is there but cannot be pressed.
    const handover = new HandoverPage(page);
    await handover.open();
    expect(await handover.exportButton().textContent()).toBe("Không có mục nào chưa gửi");
    expect(await handover.exportButton().isDisabled()).toBe(true);

    // A percent target: the form shows a ticked box, and no button to press for it.
    await shell.go("Nhập");
    const entry = new EntryPage(page);
    await entry.chooseUnit("Bình Lư");
    await entry.choosePart("t10-1");
    await page.locator(".mark-line .tick-box").waitFor();
    expect(await page.getByRole("button", { name: /Đánh dấu đơn vị/ }).count()).toBe(0);

    // Offline, one entry waits; its export says which file and where it went.
    await context.setOffline(true);
    await entry.choosePart("t2-1");
    await entry.record({ date: "2023-05-10", quantity: 4 });
    await handover.open();
    expect(await handover.exportButton().textContent()).toBe("Xuất 1 mục chưa gửi");
    const download = await handover.export();
    const message = await handover.exportMessage();
    expect(message).toContain(download.suggestedFilename());
    expect(message).toContain("Tải xuống");
    await context.close();
  });
});
