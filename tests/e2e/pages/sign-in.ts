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
}
