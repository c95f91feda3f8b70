/** The supervisor's dashboard (#/dashboard): actions on top, a summary, then folded sections. */
import type { Locator, Page } from "playwright-core";
import { ScreenPage } from "./screen";

export class DashboardPage extends ScreenPage {
  constructor(page: Page) {
    super(page, "#/dashboard");
  }

  /** Wait until the figures are there (the data time line shows once totals are read). */
  async waitForData(): Promise<void> {
    await this.page.getByTestId("data-time").waitFor({ timeout: 30_000 });
    await this.page.getByTestId("dash-summary").waitFor({ timeout: 30_000 });
  }

  /** The toggles of the folded sections (each names its section and shows its headline figure). */
  foldToggles(): Locator {
    return this.page.locator("section.fold > h2 > button[aria-expanded]");
  }

  /** Open every folded section and the export choices. */
  async unfoldAll(): Promise<void> {
    for (const toggle of await this.foldToggles().all()) {
      if ((await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
    }
    const exportMenu = this.page.locator("details.dash-export");
    if ((await exportMenu.getAttribute("open")) === null) await exportMenu.locator("summary").click();
  }

  /** The print link (at the top of the screen). */
  printLink(): Locator {
    return this.page.getByRole("link", { name: "In báo cáo" });
  }
}
