/**
 * Correcting and voiding an entry, offline then online: the ledger row of the original shows what
 * it counts now and says it was corrected (not the old figure as if it were live), the detail says a correction has not
 * been sent while it waits, and the overview and the server follow the chain's net.
 */
import { describe, expect, it } from "vitest";
import { EntryPage } from "./pages/entry";
import { LedgerPage } from "./pages/ledger";
import { partFigures } from "./pages/overview";
import { Shell } from "./pages/shell";
import { PHONE } from "./support/browser";
import { adminClient, serverAndBrowser, signedInPage } from "./support/setup";

const world = serverAndBrowser([
  { username: "canbo.suaso", name: "Lò Thị Sửa", role: "officer", unitIds: ["tam-duong"] },
]);

type Totals = { parts: { partId: string; achieved: number }[] };

describe("a correction", () => {
  it("shows what the original counts now, and that the correction waits, until it is sent", async () => {
    const context = await world.browser.newContext(PHONE);
    const page = await signedInPage(context, world.server.url, "canbo.suaso");
    const shell = new Shell(page);
    await shell.go("Nhập");
    await new EntryPage(page).record({ unit: "Bình Lư", partId: "t1-1", date: "2023-03-20", quantity: 12 });
    await shell.waitForPending(0, 60_000);

    // No signal: correct 12 to 4.
    await world.server.down();
    const ledger = new LedgerPage(page);
    await ledger.open();
    await ledger.rows().first().click();
    await page.getByRole("button", { name: "Sửa số liệu" }).click();
    await page.getByLabel("Số đúng").fill("4");
    await page.getByRole("button", { name: "Lưu số mới" }).click();
    await page.getByText("Đã lưu bản sửa trên máy.").waitFor();
    // The detail re-reads the chain live, a moment after the save says it is done.
    await expect.poll(() => page.getByTestId("chain-net").textContent()).toBe("4 đoàn viên");
    await page.getByText("Có bản sửa chưa gửi").waitFor();
    await shell.waitForPending(1);

    await ledger.open();
    // One row for the entry, with its current value; the correction is in its history.
    await ledger.waitForCount(1);
    await page.getByText("Đã sửa, lúc đầu 12 đoàn viên").waitFor();
    await shell.go("Tổng quan");
    await expect.poll(() => partFigures(page, "t1-1")).toMatchObject({ achieved: 12, unsent: -8 });

    // Back online: the correction goes, and the server counts 4.
    await world.server.up();
    await shell.syncNow();
    await shell.waitForPending(0, 60_000);
    const admin = await adminClient(world.server);
    const totals = (await admin.request("GET", "/totals?campaignId=laichau-2023&unitId=tam-duong")).json as Totals;
    expect(totals.parts.find((p) => p.partId === "t1-1")?.achieved).toBe(4);

    // Void it: the original's row says so.
    await ledger.open();
    await page.getByRole("link", { name: /4 đoàn viên/ }).click();
    await page.getByRole("button", { name: "Hủy mục" }).click();
    await page.getByRole("button", { name: "Xác nhận hủy" }).click();
    await page.getByText("Đã hủy mục (lưu trên máy).").waitFor();
    await ledger.open();
    await page.getByText("Đã hủy", { exact: true }).waitFor();
    await context.close();
  });
});
