/** The handover screen (#/handover): records leave or arrive by file (or SMS) when there is no network. */
import type { Download, Page } from "playwright-core";
import { ScreenPage } from "./screen";

export class HandoverPage extends ScreenPage {
  constructor(page: Page) {
    super(page, "#/handover");
  }

  /** The button that exports what waits ("Xuất N mục chưa gửi", or "Không có mục nào chưa gửi" when nothing does). */
  exportButton() {
    return this.page.getByRole("button", { name: /^Xuất \d+ mục chưa gửi|^Không có mục nào chưa gửi/ });
  }

  /** What the screen said after an export (where the file went). */
  async exportMessage(): Promise<string> {
    const status = this.page.locator("[aria-labelledby='handover-export'] [role='status']");
    await status.waitFor();
    return (await status.textContent()) ?? "";
  }

  /** Export the waiting records to a file; answers the download. */
  async export(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.exportButton().click()]);
    return download;
  }
}
