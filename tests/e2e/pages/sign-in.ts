/** The sign-in screen. */
import type { Page } from "playwright-core";

export class SignInPage {
  constructor(readonly page: Page) {}

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByLabel("Tên đăng nhập").fill(username);
    await this.page.getByLabel("Mật khẩu").fill(password);
    await this.page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await this.page.getByRole("navigation", { name: "Chuyển màn hình" }).waitFor();
  }

  /** Switch the language before signing in ("Tiếng Việt" or "English"). */
  async chooseLanguage(name: "Tiếng Việt" | "English"): Promise<void> {
    await this.page.getByRole("button", { name, exact: true }).click();
    await this.page.waitForFunction((l) => document.documentElement.lang === l, name === "English" ? "en" : "vi");
  }

  /** The screen's title (its h1). */
  async heading(): Promise<string> {
    const h1 = this.page.locator("main h1").first();
    await h1.waitFor();
    return (await h1.textContent()) ?? "";
  }
}
