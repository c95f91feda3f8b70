/**
 * The review conversation: a supervisor marks an officer's entry "Cần bổ sung"; after the
 * officer's next sync the overview says so with the count, the ledger tab carries the count and
 * the entry stands on top of the ledger; the officer replies from the entry's detail; after both
 * sync, the supervisor reads the reply beside the entry, and the officer's notice is gone.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { EntryPage } from "./pages/entry";
import { LedgerPage } from "./pages/ledger";
import { OverviewPage } from "./pages/overview";
import { Shell } from "./pages/shell";
import { PHONE } from "./support/browser";
import { serverAndBrowser, signedInPage } from "./support/setup";

const world = serverAndBrowser([
  { username: "a.tamduong", name: "Lò Văn A", role: "officer", unitIds: ["tam-duong"] },
  { username: "tinh", name: "Nguyễn Thị Thu", role: "supervisor", unitIds: ["lct"] },
]);

const REPLY = "Đã gửi bổ sung biên bản hội nghị qua bưu điện ngày 12/5.";

async function openEntry(page: Page, unitName: string): Promise<void> {
  await page.locator('a[href^="#/ledger/"]', { hasText: unitName }).first().click();
  await page.getByRole("heading", { name: "Chi tiết mục" }).waitFor();
}

async function waitForRecordsSent(page: Page): Promise<void> {
  await new Shell(page).syncNow();
  await page.waitForSelector('[data-testid="pending-records"]', { state: "detached", timeout: 60_000 });
}

describe("review conversation", () => {
  it("tells the officer about a Cần bổ sung after a sync, takes the reply, and shows it to the supervisor", async () => {
    const [ctxA, ctxP] = await Promise.all([1, 2].map(() => world.browser.newContext(PHONE)));
    if (!ctxA || !ctxP) throw new Error("contexts");
    const officer = await signedInPage(ctxA, world.server.url, "a.tamduong");
    const shellA = new Shell(officer);
    await shellA.go("Nhập");
    await new EntryPage(officer).record({ unit: "Bình Lư", partId: "t2-1", date: "2023-05-10", quantity: 7 });
    await new EntryPage(officer).record({ unit: "Bản Giang", partId: "t2-1", date: "2023-05-11", quantity: 3 });
    await shellA.waitForPending(0, 60_000);

    // The supervisor returns the Bình Lư entry with a comment.
    const sup = await signedInPage(ctxP, world.server.url, "tinh");
    await new Shell(sup).syncNow();
    const ledgerP = new LedgerPage(sup);
    await ledgerP.open();
    await ledgerP.waitForCount(2);
    await openEntry(sup, "Bình Lư");
    await sup.getByRole("button", { name: "Cần bổ sung" }).click();
    await sup.getByLabel("Nội dung cần bổ sung").fill("Thiếu biên bản hội nghị, đề nghị bổ sung.");
    await sup.getByRole("button", { name: "Gửi yêu cầu bổ sung" }).click();
    await waitForRecordsSent(sup);

    // The officer's next sync: the overview's notice, the ledger tab's count, the entry on top.
    await officer.goto(world.server.url);
    await shellA.syncNow();
    const notice = officer.getByTestId("awaiting-notice");
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain("Cấp trên đề nghị bổ sung 1 kết quả của bạn");
    expect(await officer.getByTestId("ledger-awaiting").textContent()).toMatch(/^1/);
    expect(await notice.getByRole("link", { name: "Xem kết quả cần bổ sung" }).getAttribute("href")).toBe("#/ledger");
    // The tab, named with its count.
    await shellA.go("Sổ");
    const onTop = officer.getByTestId("ledger-awaiting-rows");
    await onTop.waitFor();
    expect(await onTop.textContent()).toContain("Bình Lư");
    expect(await onTop.textContent()).not.toContain("Bản Giang");
    // One row per entry: the two entries, the returned one first.
    await new LedgerPage(officer).waitForCount(2);
    expect(await new LedgerPage(officer).rows().first().textContent()).toContain("Bình Lư");

    // The officer replies from the entry's detail.
    await openEntry(officer, "Bình Lư");
    expect(await officer.getByTestId("review-state").textContent()).toContain("Thiếu biên bản hội nghị");
    expect(await officer.getByTestId("ledger-awaiting").count()).toBe(1);
    await officer.getByLabel("Trả lời cấp trên").fill(REPLY);
    // Tapped twice: one answer is posted, not two.
    await officer.getByRole("button", { name: "Gửi trả lời" }).dblclick();
    await officer.getByText("Đã lưu câu trả lời trên máy").waitFor();
    await officer.waitForTimeout(500); // a second answer would have been saved by now
    expect(await officer.getByTestId("reply").count()).toBe(1);
    expect(await officer.getByTestId("reply").textContent()).toContain(REPLY);
    // Answered, the form folds behind "Trả lời thêm", which opens it again.
    expect(await officer.getByLabel("Trả lời cấp trên").count()).toBe(0);
    await officer.getByRole("button", { name: "Trả lời thêm" }).click();
    await officer.getByLabel("Trả lời cấp trên").waitFor();
    await waitForRecordsSent(officer);
    // Answered: the tab's count goes at once (it was there on this screen), and the notice with it.
    await officer.waitForSelector('[data-testid="ledger-awaiting"]', { state: "detached", timeout: 10_000 });
    await officer.goto(world.server.url);
    await new OverviewPage(officer).waitForCampaign();
    expect(await officer.getByTestId("awaiting-notice").count()).toBe(0);
    expect(await officer.getByTestId("ledger-awaiting").count()).toBe(0);

    // The supervisor sees the reply beside the entry after a sync.
    await sup.goto(world.server.url);
    await new Shell(sup).syncNow();
    await ledgerP.open();
    await openEntry(sup, "Bình Lư");
    await expect
      .poll(async () => (await sup.getByTestId("replies").count()) > 0 && sup.getByTestId("replies").textContent(), {
        timeout: 30_000,
      })
      .toContain(REPLY);
    expect(await sup.getByTestId("reply").textContent()).toContain("Lò Văn A");
    // The supervisor who asked gets no reply form of their own.
    expect(await sup.getByLabel("Trả lời cấp trên").count()).toBe(0);
    await Promise.all([ctxA, ctxP].map((c) => c.close()));
  });
});
