/**
 * The admin's users screen: the server's refusals in Vietnamese (never its English message), "Khóa"
 * only after a confirmation, a ticked unit shows its sub-units as covered, and a message stays only
 * until the next action starts.
 */
import { describe, expect, it } from "vitest";
import { SignInPage } from "./pages/sign-in";
import { UsersPage } from "./pages/users";
import { PHONE } from "./support/browser";
import { ADMIN_PASSWORD } from "./support/server";
import { serverAndBrowser } from "./support/setup";

const world = serverAndBrowser([
  { username: "a.tamduong", name: "Lò Văn A", role: "officer", unitIds: ["tam-duong-01"] },
]);

describe("users screen", () => {
  it("confirms a lock, speaks Vietnamese for refusals, shows covered sub-units and clears old messages", async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(world.server.url);
    await new SignInPage(page).signIn("admin", ADMIN_PASSWORD);
    const users = new UsersPage(page);
    await users.open();
    await users.waitForList();

    // Locking oneself: asked first, then refused in Vietnamese.
    await users.askToLock("admin");
    await users.confirmLock("admin");
    expect(await users.message("admin")).toBe("Bạn không thể tự khóa tài khoản của chính mình.");
    expect(await page.locator("main").textContent()).not.toMatch(/yourself|cannot/);

    // The next action clears it. Ticking the district covers its grassroots unions.
    await users.changeUnits("a.tamduong");
    expect(await users.messages()).toEqual([]);
    await users.filterUnits("a.tamduong", "huyện Tam Đường");
    await users.unitBox("a.tamduong", "Liên đoàn Lao động huyện Tam Đường").check();
    await users.filterUnits("a.tamduong", "Bản Giang");
    const covered = users.unitBox("a.tamduong", "Bản Giang");
    expect(await covered.isChecked()).toBe(true);
    expect(await covered.isDisabled()).toBe(true);
    expect(await users.row("a.tamduong").locator("label.check", { hasText: "Bản Giang" }).textContent()).toContain(
      "đã gồm trong Liên đoàn Lao động huyện Tam Đường",
    );
    await users.saveUnits("a.tamduong");
    expect(await users.message("a.tamduong")).toBe("Đã lưu đơn vị phụ trách.");
    await expect.poll(() => users.row("a.tamduong").textContent()).toContain("Liên đoàn Lao động huyện Tam Đường");

    // "Khóa" asks; "Quay lại" leaves the account open; the success message went when the action started.
    await users.askToLock("a.tamduong");
    expect(await users.messages()).toEqual([]);
    await users.cancel("a.tamduong");
    expect(await users.row("a.tamduong").getByText("Đã khóa").count()).toBe(0);
    await users.askToLock("a.tamduong");
    await users.confirmLock("a.tamduong");
    expect(await users.message("a.tamduong")).toBe("Đã khóa người dùng.");
    await users.row("a.tamduong").getByText("Đã khóa", { exact: true }).waitFor();

    // The server agrees: the officer can no longer sign in.
    const res = await fetch(`${world.server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: world.server.url },
      body: JSON.stringify({ username: "a.tamduong", password: "mat-khau-thu-2023" }),
    });
    expect(res.status).toBe(401);
    await context.close();
  });
});
