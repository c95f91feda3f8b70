/**
 * The ledger as an officer reads it on a 360 px phone: one row per entry with its current value
 * (a correction shows "Đã sửa", a void "Đã hủy" with the old figure struck and not bold), sorted
 * by the time recorded and labelled so, with who recorded it; the filters folded behind "Lọc" with
 * removable chips; and "Sửa đơn vị / chỉ tiêu / ngày" voiding an entry and recording the new one
 * in one step, which the server then counts the same way.
 */
import { describe, expect, it } from "vitest";
import { EntryPage } from "./pages/entry";
import { EntryDetailPage } from "./pages/entry-detail";
import { LedgerPage } from "./pages/ledger";
import { Shell } from "./pages/shell";
import { PHONE } from "./support/browser";
import { adminClient, serverAndBrowser, signedInPage } from "./support/setup";

const world = serverAndBrowser([
  { username: "canbo.soghi", name: "Hà Văn Ghi", role: "officer", unitIds: ["tam-duong"] },
]);

type Totals = { parts: { partId: string; achieved: number }[] };

async function achieved(unitId: string, partId: string): Promise<number | undefined> {
  const admin = await adminClient(world.server);
  const totals = (await admin.request("GET", `/totals?campaignId=laichau-2023&unitId=${unitId}`)).json as Totals;
  return totals.parts.find((p) => p.partId === partId)?.achieved;
}

describe("the ledger", () => {
  it("lists one row per entry with its current value, author and time recorded; filters fold behind Lọc", async () => {
    const context = await world.browser.newContext({ ...PHONE, viewport: { width: 360, height: 740 } });
    const page = await signedInPage(context, world.server.url, "canbo.soghi");
    const shell = new Shell(page);
    await shell.go("Nhập");
    const entry = new EntryPage(page);
    await entry.record({ unit: "Bình Lư", partId: "t1-1", date: "20/03/2023", quantity: 12 });
    await entry.record({ date: "10/02/2023", quantity: 3 });
    await entry.record({ partId: "t2-1", date: "15/05/2023", quantity: 5 });

    const ledger = new LedgerPage(page);
    await ledger.open();
    await ledger.waitForCount(3);
    await page.getByText("3 mục, xếp theo lúc ghi, mới ghi trước").waitFor();
    let rows = await ledger.read();
    // Newest recorded first, whatever the date achieved (10/02 was recorded after 20/03).
    expect(rows.map((r) => r.meta)).toEqual([
      "Ngày đạt 15/05/2023 · Người ghi: Hà Văn Ghi",
      "Ngày đạt 10/02/2023 · Người ghi: Hà Văn Ghi",
      "Ngày đạt 20/03/2023 · Người ghi: Hà Văn Ghi",
    ]);
    for (const r of rows) expect(r.recorded).toMatch(/^Ghi lúc \d{2}:\d{2}/);

    // The filters are folded: the first entry shows on the first screen, under one "Lọc" button.
    expect(await page.locator("#ledger-unit").count()).toBe(0);
    const first = await ledger.rows().first().boundingBox();
    expect((first?.y ?? 999) + (first?.height ?? 0)).toBeLessThan(740);

    // Correct 12 to 4, void the 3: still one row each.
    const detail = new EntryDetailPage(page);
    await page.locator('a[href^="#/ledger/"]', { hasText: "20/03/2023" }).click();
    await detail.waitFor();
    expect(await detail.author()).toBe("Hà Văn Ghi");
    await detail.correct(4);
    await ledger.open();
    await page.locator('a[href^="#/ledger/"]', { hasText: "10/02/2023" }).click();
    await detail.void();
    await ledger.open();
    await ledger.waitForCount(3);
    await expect
      .poll(async () => (await ledger.read()).map((r) => [r.mark, r.quantity, r.bold]))
      .toEqual([
        ["none", "5 đoàn viên", true],
        ["voided", "3 đoàn viên", false],
        ["corrected", "4 đoàn viên", true],
      ]);
    rows = await ledger.read();
    expect(rows[1]?.text).toContain("Đã hủy");
    expect(rows[2]?.text).toContain("Đã sửa, lúc đầu 12 đoàn viên");

    // "Sửa đơn vị / chỉ tiêu / ngày": the 5 belonged to Bản Giang, on 16/05.
    await page.locator('a[href^="#/ledger/"]', { hasText: "15/05/2023" }).click();
    await detail.waitFor();
    expect(await detail.openMove()).toContain("hủy mục này");
    await detail.move({ unitId: "tam-duong-02", date: "16/05/2023" });
    await expect.poll(() => detail.net()).toBe("0 đoàn viên");
    await detail.openNew();
    await expect.poll(() => detail.unit()).toBe("Công đoàn cơ sở UBND xã Bản Giang");
    expect(await detail.net()).toBe("5 đoàn viên");
    expect((await detail.history()).join(" ")).toContain("Thay cho mục đã hủy: Công đoàn cơ sở Trường THCS Bình Lư");

    await ledger.open();
    await ledger.waitForCount(4);
    rows = await ledger.read();
    expect(rows[0]?.meta).toContain("16/05/2023");
    expect(rows[0]?.text).toContain("Bản Giang");
    expect(rows[1]?.mark).toBe("voided");

    // Filter by unit: a chip says so and takes it off again.
    await ledger.filter("Đơn vị", "tam-duong-02");
    await ledger.waitForCount(1);
    expect(await ledger.chips()).toEqual(["Đơn vị: Công đoàn cơ sở UBND xã Bản Giang"]);
    expect(await ledger.filterButton().textContent()).toBe("Lọc (1)");
    expect(await page.locator("#ledger-unit").count()).toBe(0);
    await ledger.removeChip("Bản Giang");
    await ledger.waitForCount(4);
    expect(await ledger.chips()).toEqual([]);

    // The server counts what the phone showed.
    await shell.syncNow();
    await shell.waitForPending(0, 60_000);
    expect(await achieved("tam-duong-01", "t1-1")).toBe(4);
    expect(await achieved("tam-duong-01", "t2-1")).toBe(0);
    expect(await achieved("tam-duong-02", "t2-1")).toBe(5);
    await context.close();
  });
});
