/** The handover screen (#/handover): records leave or arrive by file (or SMS) when there is no network. */
import type { Download, Page } from "playwright-core";
import { ScreenPage } from "./screen";

export class HandoverPage extends ScreenPage {
  constructor(page: Page) {
    super(page, "#/handover");
  }

  /** The export button ("Xuất N mục chưa gửi"). */
  exportButton() {
    return this.page.getByRole("button", { name: /^Xuất \d+ mục chưa gửi/ });
  }

  /** Export the waiting records to a file; answers the download. */
  async export(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.exportButton().click()]);
    return download;
  }
}
