/** The admin's units screen: the tree, its edits, the import preview and the save. */
import type { Locator, Page } from "playwright-core";

export class UnitsPage {
  constructor(readonly page: Page) {}

  /** Open the screen from Settings. */
  async openFromSettings(): Promise<void> {
    await this.page
      .getByRole("navigation", { name: "Chuyển màn hình" })
      .getByRole("link", { name: "Cài đặt", exact: true })
      .click();
    await this.page.getByRole("link", { name: "Danh sách đơn vị" }).click();
    await this.page.locator("#un-search").waitFor({ timeout: 30_000 });
  }

  /** Pick a file for the import and wait for its preview. */
  async importFile(path: string): Promise<Locator> {
    await this.page.getByTestId("units-file").setInputFiles(path);
    const preview = this.page.getByTestId("import-preview");
    await preview.waitFor({ timeout: 30_000 });
    return preview;
  }

  /** A group of the preview ("added", "renamed", "moved", "removed", "refused"). */
  group(name: string): Locator {
    return this.page.getByTestId("import-preview").getByTestId(name);
  }

  /** Save the previewed list. */
  async saveImport(): Promise<void> {
    await this.page.getByRole("button", { name: "Lưu danh sách mới" }).click();
  }

  /** The server's refusal, in words. */
  refusal(): Locator {
    return this.page.getByTestId("refusal");
  }

  /** Wait for "Đã lưu danh sách đơn vị." */
  async waitForSaved(): Promise<void> {
    await this.page.getByRole("status").filter({ hasText: "Đã lưu danh sách đơn vị." }).waitFor({ timeout: 30_000 });
  }

  /** Open (or close) a unit's edit form from its row. */
  async edit(id: string): Promise<void> {
    await this.page.locator(`li[data-unit="${id}"] > .un-node`).getByRole("button", { name: /^Sửa/ }).click();
  }

  /** Search the tree. */
  async search(text: string): Promise<void> {
    await this.page.locator("#un-search").fill(text);
  }
}
