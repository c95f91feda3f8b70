/**
 * Next year's campaign and a moved officer, on a real phone: the admin publishes 2024 (through
 * the API here; the editor has its own test), the officer's phone picks it up on the next sync,
 * opens on it, and records in it; then the admin moves the officer to another district, and the
 * phone's entry screen offers the new district's unions after a sync, with no sign-out, while the
 * ledger still names where the earlier entry was made.
 */
import { describe, expect, it } from "vitest";
import shipped from "../../data/campaign-2023.json";
import type { Campaign, Totals } from "../../src/domain/schemas";
import { EntryPage } from "./pages/entry";
import { LedgerPage } from "./pages/ledger";
import { Shell } from "./pages/shell";
import { PHONE } from "./support/browser";
import { adminClient, serverAndBrowser, signedInPage } from "./support/setup";

const world = serverAndBrowser([
  { username: "a.phongtho", name: "Vàng A Páo", role: "officer", unitIds: ["phong-tho"] },
]);

/** The 2023 campaign moved to 2024: every date a year later. */
function nextYear(): Campaign {
  const c = structuredClone(shipped) as Campaign;
  const shift = (d: string) => `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`;
  const { description: _d, ...rest } = c;
  return {
    ...rest,
    id: "laichau-2024",
    code: "15/PĐTĐ-LĐLĐ",
    year: 2024,
    title: "Phát động phong trào thi đua năm 2024",
    issuedOn: "2024-02-20",
    phases: c.phases.map((p) => ({ ...p, start: shift(p.start), end: shift(p.end) })),
    milestones: c.milestones.map((m) => ({ ...m, date: shift(m.date) })),
    targets: c.targets.map((t) => ({
      ...t,
      parts: t.parts.map((p) => (p.dueBy ? { ...p, dueBy: shift(p.dueBy) } : p)),
    })),
  };
}

describe("campaigns and scope on the phone", () => {
  it("opens on the new campaign after a sync, records in it, and follows a move to another district", async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await signedInPage(context, world.server.url, "a.phongtho");
    const admin = await adminClient(world.server);
    expect((await admin.request("PUT", "/admin/campaigns/laichau-2024", nextYear())).status).toBe(201);

    const shell = new Shell(page);
    await shell.syncNow();
    const switcher = page.getByLabel("Phong trào thi đua", { exact: true });
    await switcher.waitFor({ timeout: 30_000 });
    // Today lies in neither campaign: the phone opens on the newest.
    expect(await switcher.inputValue()).toBe("laichau-2024");

    await shell.go("Nhập");
    const entry = new EntryPage(page);
    await entry.record({ unit: "Mường So", partId: "t1-1", date: "2024-03-15", quantity: 5 });
    await shell.waitForPending(0, 60_000);
    const totals = (await admin.request("GET", "/totals?campaignId=laichau-2024&unitId=phong-tho")).json as Totals;
    expect(totals.parts.find((p) => p.partId === "t1-1")?.achieved).toBe(5);

    const users = (await admin.request("GET", "/admin/users")).json as { users: { id: string; username: string }[] };
    const me = users.users.find((u) => u.username === "a.phongtho");
    expect((await admin.request("PATCH", `/admin/users/${me?.id}`, { unitIds: ["tam-duong"] })).status).toBe(200);

    await shell.syncNow();
    await shell.go("Nhập");
    await page.locator("#part").waitFor();
    const change = page.getByRole("button", { name: "Đổi đơn vị" });
    if (await change.isVisible()) await change.click();
    const search = page.getByLabel("Tìm đơn vị");
    await search.fill("Bình Lư");
    await page
      .getByRole("button", { name: /Bình Lư/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await search.fill("Mường So");
    expect(await page.getByRole("button", { name: /Mường So/ }).count()).toBe(0);

    // The earlier entry keeps its unit's name in the ledger.
    const ledger = new LedgerPage(page);
    await ledger.open();
    await page
      .getByText(/Mường So/)
      .first()
      .waitFor();
    await context.close();
  });
});
