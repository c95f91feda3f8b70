/**
 * Screenshots of the supervisor's dashboard at 360 px for a before/after pair (the walkthrough
 * found it 6,000 px long with export and print eight screens down). Run it once in a built
 * checkout of the commit before a change and once here:
 *
 *   node scripts/dashboard-before-after.mjs --root ../wt-before --label before
 *   node scripts/dashboard-before-after.mjs --label after
 *
 * It starts that checkout's built server with a fresh data folder, pushes four entries as a
 * provincial supervisor, and writes the whole page to docs/screenshots/dashboard-360-<label>.png
 * in this checkout, printing the page's height.
 */
import { join } from "node:path";
import { chromium } from "playwright-core";
import { PASSWORD, screenshotRun } from "./lib/built-server.mjs";

const { url, stop, client, label, out, createUser } = await screenshotRun();
try {
  await createUser({
    username: "tinh.anhchup",
    name: "Nguyễn Thị Thu",
    role: "supervisor",
    unitIds: ["lct"],
  });
  const supervisor = client();
  await supervisor("POST", "/auth/login", { username: "tinh.anhchup", password: PASSWORD });
  const rows = [
    ["tam-duong-01", "t2-1", 7],
    ["tam-duong-02", "t1-1", 12],
    ["phong-tho-01", "t6-1", 30],
    ["sin-ho-01", "t2-1", 40],
  ];
  await supervisor("POST", "/sync/push", {
    clientId: "anh-chup-dashboard",
    entries: rows.map(([unitId, partId, quantity], i) => ({
      id: crypto.randomUUID(),
      campaignId: "laichau-2023",
      partId,
      unitId,
      date: `2023-05-1${i}`,
      quantity,
      createdAt: new Date().toISOString(),
    })),
  });

  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  const context = await browser.newContext({
    viewport: { width: 360, height: 780 },
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel("Tên đăng nhập").fill("tinh.anhchup");
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await page.getByRole("navigation", { name: "Chuyển màn hình" }).waitFor();
  await page.goto(`${url}/#/dashboard`);
  await page.getByTestId("dash-summary").waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1000);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const file = `dashboard-360-${label}.png`;
  await page.screenshot({ path: join(out, file), fullPage: true });
  await browser.close();
  console.log(`wrote ${file} in docs/screenshots/: the page is ${height} px tall at 360 px`);
} finally {
  stop();
}
