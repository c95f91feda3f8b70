/** The ledger screen: one row per entry, its filters folded behind "Lọc" and shown as chips. */
import type { Locator, Page } from "playwright-core";

/** What one ledger row says. */
export type LedgerRowView = {
  /** "Ghi lúc …": the time recorded, which the list is sorted by. */
  recorded: string;
  /** The figure as shown (the current value; a voided entry's old figure). */
  quantity: string;
  /** Whether the figure is bold (a voided entry's is not). */
  bold: boolean;
  /** "corrected", "voided" or "none". */
  mark: string;
  /** The line with the date achieved and who recorded it. */
  meta: string;
  text: string;
};

export class LedgerPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto(new URL("/#/ledger", this.page.url()).toString());
    await this.page.getByRole("heading", { name: "Sổ kết quả" }).waitFor();
  }

  /** Links to the entries listed (one per entry). */
  rows() {
    return this.page.locator('a[href^="#/ledger/"]');
  }

  /** The number of entries listed, once the list has loaded (rows, or the empty message). */
  async count(): Promise<number> {
    await this.page.locator('a[href^="#/ledger/"], :text("Chưa có mục nào trên máy.")').first().waitFor();
    return this.rows().count();
  }

  /** Wait until exactly `n` entries are listed. */
  async waitForCount(n: number): Promise<void> {
    await this.page.waitForFunction((k) => document.querySelectorAll('a[href^="#/ledger/"]').length === k, n, {
      timeout: 30_000,
    });
  }

  /** Read every row listed, in order. */
  async read(): Promise<LedgerRowView[]> {
    return this.rows().evaluateAll((links) =>
      links.map((a) => {
        const qty = a.querySelector(".row-qty");
        return {
          recorded: a.querySelector(".row-when")?.textContent ?? "",
          quantity: qty?.textContent ?? "",
          bold: qty ? Number(getComputedStyle(qty).fontWeight) >= 600 : false,
          mark: (a as HTMLElement).dataset.mark ?? "",
          meta: a.querySelector(".row-meta")?.textContent ?? "",
          text: a.textContent ?? "",
        };
      }),
    );
  }

  /** The "Lọc" button (it says how many filters are on: "Lọc (2)"). */
  filterButton(): Locator {
    return this.page.getByRole("button", { name: /^Lọc/ });
  }

  /** The chips of the active filters, by their text. */
  async chips(): Promise<string[]> {
    return this.page.locator(".filter-chip-text").allTextContents();
  }

  /** Open the filters if folded, choose `value` in the select labelled `label`, and fold them again. */
  async filter(label: "Đơn vị" | "Chỉ tiêu" | "Tình trạng duyệt", value: string | { label: string }): Promise<void> {
    const button = this.filterButton();
    if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
    await this.page.getByLabel(label, { exact: true }).selectOption(value);
    await this.page.getByRole("button", { name: "Xong" }).click();
  }

  /** Remove an active filter with its chip. */
  async removeChip(text: string | RegExp): Promise<void> {
    await this.page.locator(".filter-chip", { hasText: text }).click();
  }
}
