/** What every screen shares: open it by its route and wait until its heading is there and nothing is loading. */
import type { Page } from "playwright-core";

export class ScreenPage {
  constructor(
    readonly page: Page,
    /** The route, e.g. "#/dashboard". */
    readonly hash: string,
  ) {}

  /** Go to the screen in the running app (no reload: the sign-in and the stored data stay). */
  async open(): Promise<void> {
    await this.page.evaluate((h) => {
      location.hash = h;
    }, this.hash);
    await this.waitReady();
  }

  /** Wait until the screen's h1 is shown and no part of it is still loading. */
  async waitReady(): Promise<void> {
    await this.page.locator("main h1").first().waitFor({ timeout: 30_000 });
    await this.page.waitForFunction(() => document.querySelector(".loading, [aria-busy='true']") === null, undefined, {
      timeout: 30_000,
    });
  }

  /** The screen's title (its h1). */
  async heading(): Promise<string> {
    return (await this.page.locator("main h1").first().textContent()) ?? "";
  }
}
