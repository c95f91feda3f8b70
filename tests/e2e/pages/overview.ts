/** The campaign overview. */
import type { Page } from "playwright-core";

export class OverviewPage {
  constructor(readonly page: Page) {}

  async waitForCampaign(): Promise<void> {
    await this.page.getByText("424/PĐTĐ-LĐLĐ").first().waitFor({ timeout: 30_000 });
  }

  /** The value a part's progress bar reports (aria-valuenow), by the part's title. */
  async progressOf(title: string | RegExp): Promise<number> {
    const bar = this.page.getByRole("progressbar", { name: title }).first();
    return Number(await bar.getAttribute("aria-valuenow"));
  }
}

/** What a part shows on the overview: synced achieved and the unsent difference. */
export async function partFigures(
  page: Page,
  partId: string,
): Promise<{ achieved: number; unsent: number; text: string }> {
  const li = page.locator(`li[data-part="${partId}"]`).first();
  await li.waitFor();
  return {
    achieved: Number(await li.getAttribute("data-achieved")),
    unsent: Number(await li.getAttribute("data-unsent")),
    text: (await li.locator(".part-numbers").textContent()) ?? "",
  };
}
