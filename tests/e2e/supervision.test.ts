/**
 * Officers of two districts record and sync; the provincial supervisor sees both, a
 * district supervisor only their own; one entry approved and one returned with a comment, and
 * the officers' devices show both after sync; the dashboard opens with the server stopped.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { EntryPage } from "./pages/entry";
import { LedgerPage } from "./pages/ledger";
import { Shell } from "./pages/shell";
import { PHONE } from "./support/browser";
import { serverAndBrowser, signedInPage } from "./support/setup";

const world = serverAndBrowser([
  { username: "a.tamduong", name: "Lò Văn A", role: "officer", unitIds: ["tam-duong"] },
  { username: "b.phongtho", name: "Vàng Thị B", role: "officer", unitIds: ["phong-tho"] },
  { username: "tinh", name: "Nguyễn Thị Thu", role: "supervisor", unitIds: ["lct"] },
  { username: "huyen.tamduong", name: "Tòng Văn Hùng", role: "supervisor", unitIds: ["tam-duong"] },
]);

async function recordOne(page: Page, unit: string, quantity: number): Promise<void> {
  const shell = new Shell(page);
  await shell.go("Nhập");
  await new EntryPage(page).record({ unit, partId: "t2-1", date: "2023-05-10", quantity });
  await shell.waitForPending(0, 60_000);
}

/** The achieved figure of a part in a breakdown row, as the dashboard shows it. */
async function cell(page: Page, unitId: string, partId: string): Promise<string> {
  const td = page.locator(`[data-testid="breakdown"] tr[data-unit="${unitId}"] td[data-part="${partId}"]`);
  await td.waitFor({ timeout: 30_000 });
  return (await td.textContent()) ?? "";
}

async function openEntry(page: Page, unitName: string): Promise<void> {
  const ledger = new LedgerPage(page);
  await ledger.open();
  await ledger.waitForCount(2);
  await page.locator('a[href^="#/ledger/"]', { hasText: unitName }).first().click();
  await page.getByRole("heading", { name: "Chi tiết mục" }).waitFor();
}

describe("supervisor review", () => {
  it("shows each supervisor their scope, carries reviews back to officers, and works offline", async () => {
    const [ctxA, ctxB, ctxP, ctxD] = await Promise.all([1, 2, 3, 4].map(() => world.browser.newContext(PHONE)));
    if (!ctxA || !ctxB || !ctxP || !ctxD) throw new Error("contexts");
    const pageA = await signedInPage(ctxA, world.server.url, "a.tamduong");
    const pageB = await signedInPage(ctxB, world.server.url, "b.phongtho");
    await recordOne(pageA, "Bình Lư", 7);
    await recordOne(pageB, "Mường So", 5);

    const pageP = await signedInPage(ctxP, world.server.url, "tinh");
    await pageP.goto(`${world.server.url}/#/dashboard`);
    await pageP.getByTestId("data-time").waitFor();
    await expect.poll(() => cell(pageP, "tam-duong", "t2-1"), { timeout: 30_000 }).toMatch(/^7/);
    expect(await cell(pageP, "phong-tho", "t2-1")).toMatch(/^5/);
    // 2023 is over (today is later): each part is judged Đạt / Chưa đạt, none is "behind pace".
    expect(await pageP.getByText("Chậm tiến độ").count()).toBe(0);
    expect(await pageP.getByTestId("verdict").count()).toBeGreaterThan(10);
    expect(await pageP.getByTestId("dash-summary").textContent()).toMatch(/chỉ tiêu đạt/);

    const pageD = await signedInPage(ctxD, world.server.url, "huyen.tamduong");
    await pageD.goto(`${world.server.url}/#/dashboard`);
    await expect.poll(() => cell(pageD, "tam-duong-01", "t2-1"), { timeout: 30_000 }).toMatch(/^7/);
    expect(await pageD.locator('[data-testid="breakdown"] tr[data-unit="phong-tho"]').count()).toBe(0);
    const ledgerD = new LedgerPage(pageD);
    await ledgerD.open();
    await ledgerD.waitForCount(1);

    // The provincial supervisor approves one entry and returns the other with a comment.
    await openEntry(pageP, "Bình Lư");
    await pageP.getByRole("button", { name: "Duyệt", exact: true }).click();
    await pageP.getByTestId("review-state").waitFor();
    await openEntry(pageP, "Mường So");
    await pageP.getByRole("button", { name: "Cần bổ sung" }).click();
    await pageP.getByLabel("Nội dung cần bổ sung").fill("Thiếu biên bản hội nghị, đề nghị bổ sung.");
    await pageP.getByRole("button", { name: "Gửi yêu cầu bổ sung" }).click();
    await pageP.getByTestId("review-state").waitFor();
    await new Shell(pageP).syncNow();
    await pageP.waitForSelector('[data-testid="pending-records"]', { state: "detached", timeout: 60_000 });

    // The supervisor's ledger, by review state: what was returned, what waits for a review.
    const ledgerP = new LedgerPage(pageP);
    await ledgerP.open();
    await ledgerP.filter("Tình trạng duyệt", "has-issues");
    await ledgerP.waitForCount(1);
    expect(await ledgerP.rows().first().textContent()).toContain("Mường So");
    expect(await ledgerP.chips()).toEqual(["Tình trạng duyệt: Cần bổ sung"]);
    await ledgerP.filter("Tình trạng duyệt", "approved");
    await expect.poll(() => ledgerP.rows().first().textContent()).toContain("Bình Lư");
    await ledgerP.filter("Tình trạng duyệt", "unreviewed");
    await pageP.getByText("Không có mục nào khớp bộ lọc.").waitFor();
    // The chip takes the filter off.
    await ledgerP.removeChip("Chưa duyệt");
    await ledgerP.waitForCount(2);
    expect(await ledgerP.chips()).toEqual([]);

    // The officers see them after their next sync.
    for (const [page, unit, text] of [
      [pageA, "Bình Lư", "Đã duyệt"],
      [pageB, "Mường So", "Cần bổ sung"],
    ] as const) {
      await new Shell(page).syncNow();
      const ledger = new LedgerPage(page);
      await ledger.open();
      await expect
        .poll(() => page.locator('a[href^="#/ledger/"]', { hasText: unit }).first().textContent(), { timeout: 30_000 })
        .toContain(text);
    }
    await pageB.locator('a[href^="#/ledger/"]').first().click();
    await expect(pageB.getByTestId("review-state").textContent()).resolves.toContain("Thiếu biên bản hội nghị");

    // With the server stopped, the dashboard still opens from the last pull.
    await world.server.down();
    await pageP.reload();
    await pageP.goto(`${world.server.url}/#/dashboard`);
    await pageP.getByTestId("data-time").waitFor();
    expect(await cell(pageP, "tam-duong", "t2-1")).toMatch(/^7/);
    await world.server.up();
    await Promise.all([ctxA, ctxB, ctxP, ctxD].map((c) => c.close()));
  });
});
