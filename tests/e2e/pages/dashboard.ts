/** The supervisor's dashboard (#/dashboard): totals, breakdown by unit, export and print. */
import type { Page } from "playwright-core";
import { ScreenPage } from "./screen";

export class DashboardPage extends ScreenPage {
  constructor(page: Page) {
    super(page, "#/dashboard");
  }

  /** Wait until the figures are there (the data time line shows once totals are read). */
  async waitForData(): Promise<void> {
    await this.page.getByTestId("data-time").waitFor({ timeout: 30_000 });
  }
}
