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

  /** The status line's sentence as a reader sees it ("1 mục chờ gửi · Chưa kết nối được máy chủ"). */
  async statusSentence(): Promise<string> {
    // The " · " between the parts is drawn by CSS, so the parts are joined here as a reader hears them.
    return this.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>(".status-line .status-text > *")]
        .filter((el) => !el.hidden && el.getClientRects().length > 0)
        .map((el) => (el.textContent ?? "").trim())
        .join(" · "),
    );
  }

  /**
   * Wait until no sync is running and the status sentence matches `want` (a substring or a
   * pattern); answers the sentence, or throws with the last one seen.
   */
  async waitForStatus(want: string | RegExp, timeout = 60_000): Promise<string> {
    const deadline = Date.now() + timeout;
    let last = "";
    while (Date.now() < deadline) {
      const busy = await this.page.locator(".topbar [aria-busy='true']").count();
      last = await this.statusSentence();
      if (busy === 0 && (typeof want === "string" ? last.includes(want) : want.test(last))) return last;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`the status bar never said ${want}; last: "${last}"`);
  }

  /** Where the dot says the connection stands: reached, unreachable, offline or unknown. */
  async reach(): Promise<string> {
    const cls = (await this.page.locator(".status-line .dot").getAttribute("class")) ?? "";
    return /dot-(\w+)/.exec(cls)?.[1] ?? "";
  }

  /** Open or close the details behind the status line; answers the details' text when open. */
  async toggleDetails(): Promise<string> {
    await this.page.getByRole("button", { name: "Xem chi tiết trạng thái" }).click();
    const details = this.page.locator("#status-details");
    return (await details.count()) > 0 ? ((await details.textContent()) ?? "") : "";
  }

  /** Heights in CSS px of what stands above the screen's content: the top bar, and the banners under it. */
  async topHeights(): Promise<{ header: number; banners: number; mainTop: number }> {
    return this.page.evaluate(() => {
      const header = document.querySelector("header.topbar")?.getBoundingClientRect().height ?? 0;
      const main = document.querySelector("main")?.getBoundingClientRect().top ?? 0;
      const banners = [...document.querySelectorAll("body .session-banner")].reduce(
        (sum, el) => sum + el.getBoundingClientRect().height,
        0,
      );
      return { header: Math.round(header), banners: Math.round(banners), mainTop: Math.round(main + window.scrollY) };
    });
  }

  /** In demo mode: open the banner's one line and tap one of its actions ("Làm lại từ đầu", "Thoát dùng thử"). */
  async demoAction(name: "Làm lại từ đầu" | "Thoát dùng thử"): Promise<void> {
    const banner = this.page.getByTestId("demo-banner");
    const action = banner.getByRole("button", { name });
    if (!(await action.isVisible())) await banner.getByRole("button", { name: /Dùng thử · dữ liệu mẫu/ }).click();
    await action.click();
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
