/** The admin's campaigns screen: the list and the campaign editor. */
import type { Locator, Page } from "playwright-core";

export class CampaignsPage {
  constructor(readonly page: Page) {}

  /** Open the screen from Settings (the admin's link), as an admin would. */
  async openFromSettings(): Promise<void> {
    await this.page
      .getByRole("navigation", { name: "Chuyển màn hình" })
      .getByRole("link", { name: "Cài đặt", exact: true })
      .click();
    await this.page.getByRole("link", { name: "Phong trào thi đua" }).click();
    await this.page.getByRole("heading", { name: "Phong trào thi đua", level: 1 }).waitFor();
  }

  /** A campaign's card in the list. */
  row(id: string): Locator {
    return this.page.locator(`li[data-campaign="${id}"]`);
  }

  /** Copy a campaign into next year; the editor opens with the copy. */
  async copyToNextYear(id: string, year: number): Promise<void> {
    await this.row(id)
      .getByRole("button", { name: `Sao chép sang năm ${year}` })
      .click();
    await this.page.getByRole("heading", { name: "Phong trào mới" }).waitFor();
  }

  /** Press save. */
  async save(): Promise<void> {
    await this.page.getByRole("button", { name: "Lưu phong trào" }).click();
  }

  /** The error line next to a field (by the field's path, e.g. "targets.0.parts.0.goal"). */
  fieldError(path: string): Locator {
    return this.page.locator(`#cv-${path.replace(/\./g, "-")}-error`);
  }

  /** Fill a field by its path. */
  async fill(path: string, value: string): Promise<void> {
    await this.page.locator(`#cv-${path.replace(/\./g, "-")}`).fill(value);
  }

  /** Fill every blank goal input with `goal`; answers how many were filled. */
  async fillBlankGoals(goal: number): Promise<number> {
    const blanks = this.page.locator('input[id$="-goal"]');
    let n = 0;
    for (const input of await blanks.all()) {
      if ((await input.inputValue()) === "") {
        await input.fill(String(goal));
        n++;
      }
    }
    return n;
  }

  /** The confirmation after a save ("Đã tạo phong trào …"). */
  async waitForSaved(text: string): Promise<void> {
    await this.page.getByRole("status").filter({ hasText: text }).waitFor({ timeout: 30_000 });
  }
}
