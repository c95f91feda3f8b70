/**
 * Screenshots of the walkthrough's findings at 360 px, for a before/after pair: run it once in a
 * checkout of the commit before a fix (built: `npm run build`) and once on main, e.g.
 *
 *   node scripts/before-after.mjs --root ../wt-before --label before
 *   node scripts/before-after.mjs --label after
 *
 * It starts that checkout's built server on a free port with a fresh data folder, signs an officer
 * in on a 360 px phone, records three entries with no signal, and writes into this checkout's
 * docs/screenshots/: overview-360-<label>.png (the overview with the unsent entries),
 * header-session-360-<label>.png (the same once the session is over: the top bar and its banner)
 * and entry-date-360-<label>.png (the entry form on a phone set to English, its date field).
 */
import { join } from "node:path";
import { chromium } from "playwright-core";
import { PASSWORD, screenshotRun } from "./lib/built-server.mjs";

const { url, stop, label, out, createUser } = await screenshotRun();
try {
  await createUser({
    username: "canbo.anhchup",
    name: "Lò Văn Minh",
    role: "officer",
    unitIds: ["tam-duong-01"],
  });

  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  const phone = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
  const context = await browser.newContext({ ...phone, locale: "vi-VN" });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel("Tên đăng nhập").fill("canbo.anhchup");
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await page.getByRole("navigation", { name: "Chuyển màn hình" }).waitFor();
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
  await context.setOffline(true);
  await page.goto(`${url}/#/entry`);
  await page.locator("#part").waitFor({ timeout: 30_000 });
  for (const quantity of [2, 1]) {
    await page.getByLabel("Chỉ tiêu", { exact: true }).selectOption("t1-1");
    await page.getByLabel("Ngày", { exact: true }).fill("2023-03-20");
    await page.getByLabel("Số lượng").fill(String(quantity));
    await page.getByRole("button", { name: "Lưu", exact: true }).click();
    await page.waitForFunction(() => document.querySelector("#quantity")?.value === "");
  }
  await page.goto(`${url}/#/`);
  await page.locator(".targets [role=progressbar]").first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, `overview-360-${label}.png`) });

  // The session ends while entries wait (the cookie is gone, as after a password reset): what the
  // top of the screen says then, and how much of it is left for the screen.
  await context.clearCookies();
  await context.setOffline(false);
  // Back online the app syncs by itself and meets the 401 (a tap on "Đồng bộ ngay" after that
  // would open the sign-in screen instead).
  await page
    .locator("[role=alert]", { hasText: /hết hạn|Hết phiên/ })
    .first()
    .waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, `header-session-360-${label}.png`) });

  const english = await browser.newContext({ ...phone, locale: "en-US" });
  const en = await english.newPage();
  await en.goto(url);
  await en.getByLabel("Tên đăng nhập").fill("canbo.anhchup");
  await en.getByLabel("Mật khẩu").fill(PASSWORD);
  await en.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await en.getByRole("navigation", { name: "Chuyển màn hình" }).waitFor();
  await en.goto(`${url}/#/entry`);
  await en.locator("#part").waitFor({ timeout: 30_000 });
  // A native date field takes ISO (and shows it in the phone's order); the day-first field is typed as an officer would.
  const day = en.getByLabel("Ngày", { exact: true });
  await day.fill((await day.getAttribute("type")) === "date" ? "2023-03-20" : "20/03/2023");
  await en.getByLabel("Số lượng").focus();
  await day.scrollIntoViewIfNeeded();
  await en.waitForTimeout(300);
  await en.screenshot({ path: join(out, `entry-date-360-${label}.png`) });
  await browser.close();
  console.log(`wrote overview-360-, header-session-360- and entry-date-360-${label}.png in docs/screenshots/`);
} finally {
  stop();
}
