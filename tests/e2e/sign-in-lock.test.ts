/**
 * The sign-in screen after too many wrong passwords from this phone: it says how long to wait in
 * minutes and keeps the button off while it counts down. (That the lock falls on the failing
 * address and not on the account is tested on the server: here every peer is loopback.)
 */
import { describe, expect, it } from "vitest";
import { PHONE } from "./support/browser";
import { serverAndBrowser } from "./support/setup";

const world = serverAndBrowser([
  { username: "canbo.khoa", name: "Lò Thị Khóa", role: "officer", unitIds: ["tam-duong"] },
]);

describe("a throttled sign-in", () => {
  it("shows the wait in minutes with the button off", async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(world.server.url);
    const alert = page.getByTestId("sign-in-error");
    const button = page.getByRole("button", { name: "Đăng nhập", exact: true });
    for (let i = 0; i < 6; i++) {
      await page.getByLabel("Tên đăng nhập").fill("canbo.khoa");
      await page.getByLabel("Mật khẩu").fill(`sai-${i}`);
      await button.click();
      await alert.waitFor();
      if ((await alert.textContent())?.includes("phút")) break;
    }
    expect(await alert.textContent()).toBe("Đăng nhập sai quá nhiều lần từ máy này. Hãy thử lại sau 15 phút.");
    expect(await button.isDisabled()).toBe(true);
    await context.close();
  });
});
