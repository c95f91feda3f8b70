/** The app shell: status bar and bottom navigation, present on every screen. */
import type { Page } from "playwright-core";

export class Shell {
  constructor(readonly page: Page) {}

  /** Entries that have not left the phone, as the status bar shows them. */
  async pendingCount(): Promise<number> {
    const el = this.page.getByTestId("pending-count");
    await el.waitFor({ state: "attached" });
    return Number(await el.getAttribute("data-count"));
  }

  /** Wait until the status bar shows `n` entries waiting. */
  async waitForPending(n: number, timeout = 60_000): Promise<void> {
    // Attached, not visible: with only refusals left the bar says those, not "0 waiting".
    await this.page.waitForSelector(`[data-testid="pending-count"][data-count="${n}"]`, { timeout, state: "attached" });
  }

  async syncNow(): Promise<void> {
    await this.page.getByRole("button", { name: "Đồng bộ ngay" }).click();
  }

  async go(link: "Tổng quan" | "Nhập" | "Sổ" | "Cài đặt" | "Người dùng"): Promise<void> {
    await this.page
      .getByRole("navigation", { name: "Chuyển màn hình" })
      // The ledger's tab may carry a count after its name ("Sổ 1 kết quả cần bổ sung").
      .getByRole("link", { name: new RegExp(`^${link}(\\s\\d|$)`) })
      .click();
  }

  /** Wait until a service worker controls the page (the app will open offline from now on). */
  async waitForServiceWorker(): Promise<void> {
    await this.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
  }
}
