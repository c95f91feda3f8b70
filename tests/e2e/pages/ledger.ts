/** The ledger screen. */
import type { Page } from "playwright-core";

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
}
