/** One entry's detail: its facts, its history, and the ways to correct it. */
import type { Page } from "playwright-core";

export class EntryDetailPage {
  constructor(readonly page: Page) {}

  async waitFor(): Promise<void> {
    await this.page.getByRole("heading", { name: "Chi tiết mục" }).waitFor();
  }

  /** What the entry counts now ("4 đoàn viên"), once it reads `expected` when given. */
  async net(): Promise<string> {
    return (await this.page.getByTestId("chain-net").textContent()) ?? "";
  }

  /** Who recorded the entry. */
  async author(): Promise<string> {
    return (await this.page.getByTestId("entry-author").textContent()) ?? "";
  }

  /** The unit the entry is for, as the facts list shows it. */
  async unit(): Promise<string> {
    return (await this.page.locator(".facts dd").first().textContent()) ?? "";
  }

  /** The history's items (original first), as text. */
  async history(): Promise<string[]> {
    return this.page.locator("ol.history").first().locator("li").allTextContents();
  }

  /** "Sửa số liệu": type the right value and save. */
  async correct(value: number): Promise<void> {
    await this.page.getByRole("button", { name: "Sửa số liệu" }).click();
    await this.page.getByLabel("Số đúng").fill(String(value));
    await this.page.getByRole("button", { name: "Lưu số mới" }).click();
    await this.page.getByText("Đã lưu bản sửa trên máy.").waitFor();
  }

  /** "Hủy mục", confirmed. */
  async void(): Promise<void> {
    await this.page.getByRole("button", { name: "Hủy mục" }).click();
    await this.page.getByRole("button", { name: "Xác nhận hủy" }).click();
    await this.page.getByText("Đã hủy mục (lưu trên máy).").waitFor();
  }

  /** Open "Sửa đơn vị / chỉ tiêu / ngày" and return the sentence that says what it will do. */
  async openMove(): Promise<string> {
    await this.page.getByRole("button", { name: "Sửa đơn vị / chỉ tiêu / ngày" }).click();
    return (await this.page.locator("#move-hint").textContent()) ?? "";
  }

  /** Fill the move form (unit by id, part by id, date as typed) and save it; resolves when saved. */
  async move(to: { unitId?: string; partId?: string; date?: string }): Promise<void> {
    if (to.unitId) await this.page.locator("#move-unit").selectOption(to.unitId);
    if (to.partId) await this.page.locator("#move-part").selectOption(to.partId);
    if (to.date) await this.page.locator("#move-date").fill(to.date);
    await this.page.getByRole("button", { name: "Hủy mục này và ghi mục mới" }).click();
    await this.page.getByText("Đã hủy mục cũ và ghi mục mới (lưu trên máy).").waitFor();
  }

  /** After a move: open the new entry. */
  async openNew(): Promise<void> {
    await this.page.getByRole("link", { name: "Xem mục mới" }).click();
  }
}
