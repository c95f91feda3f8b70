/** The admin's users screen (#/users): the list, the create form, lock/unlock, password and units. */
import type { Locator, Page } from "playwright-core";
import { ScreenPage } from "./screen";

export class UsersPage extends ScreenPage {
  constructor(page: Page) {
    super(page, "#/users");
  }

  /** Wait until the list has loaded. */
  async waitForList(): Promise<void> {
    await this.waitReady();
    await this.page.locator("li.user").first().waitFor({ timeout: 30_000 });
  }

  /** Open the create-user form. */
  async openCreateForm(): Promise<void> {
    await this.page.getByRole("button", { name: "Thêm người dùng" }).click();
    await this.page.locator("#new-username").waitFor();
  }

  /** A user's card, by username. */
  row(username: string): Locator {
    return this.page.locator(`li.user[data-user="${username}"]`);
  }

  /** Press "Khóa" on a user's card: the confirmation opens (nothing is locked yet). */
  async askToLock(username: string): Promise<Locator> {
    await this.row(username).getByRole("button", { name: "Khóa", exact: true }).click();
    const confirm = this.row(username).getByTestId("lock-confirm");
    await confirm.waitFor();
    return confirm;
  }

  /** Confirm the lock in the open confirmation. */
  async confirmLock(username: string): Promise<void> {
    await this.row(username).getByRole("button", { name: "Khóa tài khoản" }).click();
  }

  /** Leave the confirmation without locking. */
  async cancel(username: string): Promise<void> {
    await this.row(username).getByRole("button", { name: "Quay lại" }).click();
  }

  /** Open a user's unit list. */
  async changeUnits(username: string): Promise<void> {
    await this.row(username).getByRole("button", { name: "Đổi đơn vị" }).click();
  }

  /** Show only the units whose name contains `text` in the open unit list. */
  async filterUnits(username: string, text: string): Promise<void> {
    await this.row(username).getByLabel("Tìm đơn vị").fill(text);
  }

  /** A unit's checkbox in the open unit list, by the unit's name. */
  unitBox(username: string, name: string): Locator {
    return this.row(username).locator("label.check", { hasText: name }).getByRole("checkbox");
  }

  async saveUnits(username: string): Promise<void> {
    await this.row(username).getByRole("button", { name: "Lưu đơn vị" }).click();
  }

  /** The message on a user's card (success or refusal), once there. */
  async message(username: string): Promise<string> {
    const m = this.row(username).locator(".saved, .notice-error").first();
    await m.waitFor();
    return (await m.textContent()) ?? "";
  }

  /** Every message shown anywhere on the screen now (empty when none). */
  async messages(): Promise<string[]> {
    const texts = await this.page.locator("main .saved, main .notice-error").allTextContents();
    return texts.map((s) => s.trim()).filter(Boolean);
  }
}
