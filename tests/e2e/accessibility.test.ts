/**
 * axe-core on every screen, as the role that sees it, at a phone's 360 px and a laptop's 1366 px:
 * no violations. One browser; each role signs in once and its page is resized between the widths.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { AllocationsPage } from "./pages/allocations";
import { DashboardPage } from "./pages/dashboard";
import { EntryPage } from "./pages/entry";
import { HandoverPage } from "./pages/handover";
import { PresentPage } from "./pages/present";
import { PrintPage } from "./pages/print";
import { ScreenPage } from "./pages/screen";
import { SettingsPage } from "./pages/settings";
import { Shell } from "./pages/shell";
import { SignInPage } from "./pages/sign-in";
import { UsersPage } from "./pages/users";
import { type AxeFinding, axeViolations } from "./support/axe";
import { PHONE } from "./support/browser";
import { ADMIN_PASSWORD } from "./support/server";
import { PASSWORD, serverAndBrowser } from "./support/setup";

const world = serverAndBrowser([
  { username: "a.tamduong", name: "Lò Văn A", role: "officer", unitIds: ["tam-duong"] },
  { username: "tinh", name: "Nguyễn Thị Thu", role: "supervisor", unitIds: ["lct"] },
]);

// The app's Content-Security-Policy forbids an added script; the audit's context lets axe in.
const AUDIT = { ...PHONE, bypassCSP: true };

const WIDTHS = [
  { width: 360, height: 780 },
  { width: 1366, height: 768 },
];

type Screen = { name: string; open: (page: Page) => Promise<void> };
const at =
  (hash: string): Screen["open"] =>
  (page) =>
    new ScreenPage(page, hash).open();

const officerScreens: Screen[] = [
  { name: "overview", open: at("#/") },
  { name: "entry", open: at("#/entry") },
  {
    name: "entry with errors",
    open: async (page) => {
      await at("#/entry")(page);
      const entry = new EntryPage(page);
      await entry.choosePart("t2-1");
      await page.getByLabel("Số lượng").fill("");
      await page.getByRole("button", { name: "Lưu", exact: true }).click();
      await page.locator(".field-error").first().waitFor();
    },
  },
  { name: "ledger", open: at("#/ledger") },
  {
    name: "ledger entry",
    open: async (page) => {
      await at("#/ledger")(page);
      await page.locator('a[href^="#/ledger/"]').first().click();
      await new ScreenPage(page, "").waitReady();
    },
  },
  { name: "settings", open: (page) => new SettingsPage(page).open() },
  { name: "handover", open: (page) => new HandoverPage(page).open() },
  { name: "reports", open: at("#/reports") },
  { name: "present", open: (page) => new PresentPage(page).open() },
];
const supervisorScreens: Screen[] = [
  {
    name: "dashboard",
    open: async (page) => {
      const d = new DashboardPage(page);
      await d.open();
      await d.waitForData();
      // Every folded section and the export choices, open, so axe sees all of them.
      await d.unfoldAll();
    },
  },
  { name: "allocations", open: (page) => new AllocationsPage(page).open() },
  { name: "print", open: (page) => new PrintPage(page).open() },
];
const adminScreens: Screen[] = [
  {
    name: "users",
    open: async (page) => {
      const users = new UsersPage(page);
      await users.open();
      await users.waitForList();
    },
  },
  {
    name: "users: create form, unit list, lock question",
    open: async (page) => {
      const users = new UsersPage(page);
      await users.open();
      await users.waitForList();
      await users.openCreateForm();
      await users.changeUnits("tinh");
      await users.askToLock("a.tamduong");
    },
  },
  { name: "settings (admin)", open: (page) => new SettingsPage(page).open() },
  { name: "campaigns", open: at("#/campaigns") },
  { name: "units", open: at("#/units") },
];

/** Visit each screen at each width; answers the violations found, labelled "screen @ width: rule". */
async function audit(page: Page, screens: Screen[]): Promise<string[]> {
  const found: string[] = [];
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    for (const s of screens) {
      await s.open(page);
      for (const v of await axeViolations(page)) found.push(describeFinding(`${s.name} @ ${size.width}`, v));
    }
  }
  return found;
}

function describeFinding(where: string, v: AxeFinding): string {
  return `${where}: ${v.rule} (${v.impact}) ${v.help}\n    ${v.targets.join("\n    ")}`;
}

async function signIn(username: string, password: string): Promise<Page> {
  const context = await world.browser.newContext(AUDIT);
  const page = await context.newPage();
  await page.goto(world.server.url);
  await new SignInPage(page).signIn(username, password);
  return page;
}

describe("accessibility", () => {
  it("finds no axe violations on any screen at 360 px and 1366 px", async () => {
    // The sign-in screen, before anyone signs in.
    const context = await world.browser.newContext(AUDIT);
    const first = await context.newPage();
    await first.goto(world.server.url);
    const found: string[] = [];
    for (const size of WIDTHS) {
      await first.setViewportSize(size);
      await first.getByLabel("Tên đăng nhập").waitFor();
      for (const v of await axeViolations(first)) found.push(describeFinding(`sign-in @ ${size.width}`, v));
    }
    await context.close();

    const officer = await signIn("a.tamduong", PASSWORD);
    await new Shell(officer).go("Nhập");
    await new EntryPage(officer).record({ unit: "Bình Lư", partId: "t2-1", date: "2023-05-10", quantity: 3 });
    found.push(...(await audit(officer, officerScreens)));
    await officer.context().close();

    const supervisor = await signIn("tinh", PASSWORD);
    found.push(...(await audit(supervisor, supervisorScreens)));
    await supervisor.context().close();

    const admin = await signIn("admin", ADMIN_PASSWORD);
    found.push(...(await audit(admin, adminScreens)));
    await admin.context().close();

    expect(found, found.join("\n")).toEqual([]);
  });
});
