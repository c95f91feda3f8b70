/** The new-entry form. */
import type { Page } from "playwright-core";

export class EntryPage {
  constructor(readonly page: Page) {}

  /** Pick a unit by searching its name (skipped when only one unit is in scope). */
  async chooseUnit(name: string): Promise<void> {
    // The entry screen is a lazy chunk: wait until the form is there before looking at the unit field.
    await this.page.locator("#part").waitFor({ timeout: 30_000 });
    const change = this.page.getByRole("button", { name: "Đổi đơn vị" });
    if (await change.isVisible()) await change.click();
    const search = this.page.getByLabel("Tìm đơn vị");
    if (!(await search.isVisible())) return;
    await search.fill(name);
    await this.page
      .getByRole("button", { name: new RegExp(name) })
      .first()
      .click();
  }

  async choosePart(partId: string): Promise<void> {
    await this.page.getByLabel("Chỉ tiêu", { exact: true }).selectOption(partId);
  }

  async setDate(iso: string): Promise<void> {
    await this.page.getByLabel("Ngày", { exact: true }).fill(iso);
  }

  async setQuantity(n: number): Promise<void> {
    await this.page.getByLabel("Số lượng").fill(String(n));
  }

  /** Tap save and wait until it is saved (the form clears the quantity), answering a size warning with "save anyway". */
  async save(): Promise<void> {
    await this.page.getByRole("button", { name: "Lưu", exact: true }).click();
    const state = await this.page
      .waitForFunction(() => {
        const q = document.querySelector<HTMLInputElement>("#quantity");
        if (q && q.value === "") return "saved";
        const warn = [...document.querySelectorAll("button")].find((b) => b.textContent?.includes("Đúng, vẫn lưu"));
        return warn ? "warned" : false;
      })
      .catch(async (err: unknown) => {
        // Say what the form showed instead of only "timed out".
        const errors = await this.page.locator('[role="alert"]').allTextContents();
        throw new Error(`save did not complete; alerts: ${JSON.stringify(errors)}`, { cause: err });
      });
    if ((await state.jsonValue()) === "warned") {
      await this.page.getByRole("button", { name: "Đúng, vẫn lưu" }).click();
      await this.page.waitForFunction(() => document.querySelector<HTMLInputElement>("#quantity")?.value === "");
    }
    await this.page.getByTestId("entry-saved").waitFor();
  }

  /** Fill and save one entry; unit and date stay for the next one (fast repeat). */
  async record(e: { unit?: string; partId?: string; date?: string; quantity: number }): Promise<void> {
    if (e.unit) await this.chooseUnit(e.unit);
    if (e.partId) await this.choosePart(e.partId);
    if (e.date) await this.setDate(e.date);
    await this.setQuantity(e.quantity);
    await this.save();
  }

  /** The error text shown for a field (e.g. "date"), or null. */
  async fieldError(field: string): Promise<string | null> {
    const el = this.page.locator(`#${field}-error`);
    return (await el.count()) > 0 ? el.textContent() : null;
  }
}
