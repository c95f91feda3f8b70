/**
 * The top of the screen on a 360 px phone (issue 16, items 3 and 4): the top bar is one line of
 * status under the title, at most 80 px, whatever it has to say; the status is one sentence that
 * never contradicts itself — what waits, what was refused, whether and when the server answered —
 * and "Có mạng" is never said on the browser's word alone; the session-over banner is one short
 * line whose explanation opens with a tap, so the screen's content stays in view.
 */
import { describe, expect, it } from "vitest";
import { EntryPage } from "./pages/entry";
import { Shell } from "./pages/shell";
import { PHONE } from "./support/browser";
import { adminClient, serverAndBrowser, signedInPage } from "./support/setup";

const world = serverAndBrowser([
  { username: "canbo.trangthai", name: "Lò Văn Thái", role: "officer", unitIds: ["tam-duong"] },
  { username: "giamsat.trangthai", name: "Tòng Thị Lan", role: "supervisor", unitIds: ["tam-duong"] },
]);

/** Nothing the bar says may contradict the rest of it. */
function expectConsistent(sentence: string): void {
  expect(sentence).not.toContain("Có mạng");
  if (/chờ gửi|bị từ chối/.test(sentence)) expect(sentence).not.toContain("Đã gửi hết");
}

describe("the status bar on a 360 px phone", () => {
  it("stays one line of at most 80 px and says one consistent sentence through sync, a dead server, a refusal and an expired session", async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await signedInPage(context, world.server.url, "canbo.trangthai");
    const shell = new Shell(page);

    // Signed in and synced: nothing waits, the server answered, and when.
    const synced = await shell.waitForStatus(/^Đã gửi hết · Đồng bộ lúc \d{1,2}:\d{2}$/);
    expectConsistent(synced);
    expect(await shell.reach()).toBe("reached");
    expect((await shell.topHeights()).header).toBeLessThanOrEqual(80);

    // The phone has signal but the server does not answer: the entry waits, and the bar says the
    // server was not reached (the browser's "online" is not a server's answer).
    await page.route("**/api/**", (route) => route.abort("connectionrefused"));
    await shell.go("Nhập");
    await new EntryPage(page).record({ unit: "Bình Lư", partId: "t1-1", date: "2023-03-20", quantity: 4 });
    await shell.syncNow();
    const unreachable = await shell.waitForStatus(/^1 mục chờ gửi · Chưa kết nối được máy chủ$/);
    expectConsistent(unreachable);
    expect(await shell.reach()).toBe("unreachable");
    expect((await shell.topHeights()).header).toBeLessThanOrEqual(80);
    // Behind the tap: each part of the sentence in full, and the error's own sentence.
    const details = await shell.toggleDetails();
    expect(details).toContain("1 mục chờ gửi");
    expect(details).toContain("Chưa kết nối được máy chủ");
    await shell.toggleDetails();

    // Without any signal the dot and the sentence say so, and nothing is lost.
    await page.unroute("**/api/**");
    await context.setOffline(true);
    await shell.syncNow();
    await shell.waitForStatus(/^1 mục chờ gửi · Không có mạng$/);
    expect(await shell.reach()).toBe("offline");

    // Meanwhile the officer is moved to another district: back online, the entry is refused, and the
    // bar says the refusal, not "Đã gửi hết".
    const admin = await adminClient(world.server);
    const users = (await admin.request("GET", "/admin/users")).json as { users: { id: string; username: string }[] };
    const me = users.users.find((u) => u.username === "canbo.trangthai");
    expect((await admin.request("PATCH", `/admin/users/${me?.id}`, { unitIds: ["phong-tho"] })).status).toBe(200);
    await context.setOffline(false);
    await shell.syncNow();
    const refused = await shell.waitForStatus(/^1 mục bị từ chối – xem Sổ · Đồng bộ lúc \d{1,2}:\d{2}$/);
    await shell.waitForPending(0);
    expectConsistent(refused);
    expect((await shell.topHeights()).header).toBeLessThanOrEqual(80);

    // The session ends (the cookie is gone, as after a password reset): one short banner line with
    // the way back, the reassurance behind a tap, and the screen's content still starts high.
    await context.clearCookies();
    await shell.go("Nhập");
    await new EntryPage(page).record({ unit: "Dào San", partId: "t1-1", date: "2023-03-21", quantity: 1 });
    // (no "Đồng bộ ngay" here: once the session is over, that button opens the sign-in screen)
    const banner = page.getByTestId("session-banner");
    await banner.waitFor({ timeout: 60_000 });
    expectConsistent(
      await shell.waitForStatus(/^1 mục chờ gửi · 1 mục bị từ chối – xem Sổ · Phiên đăng nhập đã hết hạn$/),
    );
    const expired = await shell.topHeights();
    expect(expired.header).toBeLessThanOrEqual(80);
    expect(expired.banners).toBeLessThanOrEqual(64);
    expect(expired.mainTop).toBeLessThanOrEqual(80 + 64 + 1);
    await expect(banner.getByRole("link", { name: "Đăng nhập lại" }).isVisible()).resolves.toBe(true);
    await banner.getByRole("button", { name: /Hết phiên đăng nhập.*Vì sao\?/ }).click();
    await expect(banner.textContent()).resolves.toContain("vẫn an toàn trên máy");
    await shell.waitForPending(1);
    await context.close();
  });

  it("folds the sample-units banner a supervisor sees to one line, the sentence behind a tap", async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await signedInPage(context, world.server.url, "giamsat.trangthai");
    const shell = new Shell(page);
    const banner = page.getByTestId("units-sample-banner");
    await banner.waitFor({ timeout: 60_000 });
    await shell.waitForStatus(/^Đã gửi hết · Đồng bộ lúc \d{1,2}:\d{2}$/);
    // The top bar with the banner folded: its own ≤ 80 px and one line of banner.
    const folded = await shell.topHeights();
    expect(folded.header).toBeLessThanOrEqual(80 + 48);
    expect(await banner.textContent()).toContain("Danh sách đơn vị mẫu, chưa chính thức");
    expect(await banner.textContent()).not.toContain("Quản trị viên cần nhập");
    await banner.getByRole("button", { name: /Danh sách đơn vị mẫu/ }).click();
    expect(await banner.textContent()).toContain("Quản trị viên cần nhập danh sách thật");
    await context.close();
  });
});
