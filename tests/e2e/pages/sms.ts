/** The SMS report section of the handover screen (#/handover). */
import type { Page } from "playwright-core";

export class SmsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto(new URL("/#/handover", this.page.url()).toString());
    await this.page.getByRole("heading", { name: "Báo cáo qua SMS" }).waitFor();
  }

  /** Compose the message for a unit (by id) and the first phase. */
  async compose(unitId: string): Promise<void> {
    await this.page.locator("#sms-unit").selectOption(unitId);
    await this.page.getByRole("button", { name: "Soạn tin nhắn" }).click();
    await this.page.getByTestId("sms-body").waitFor();
  }

  /** The plain summary beside the code: each line of text. */
  async summary(): Promise<string> {
    return (await this.page.getByTestId("sms-summary").textContent()) ?? "";
  }

  async body(): Promise<string> {
    return ((await this.page.getByTestId("sms-body").textContent()) ?? "").trim();
  }

  /** The `sms:` link's address. */
  async link(): Promise<string> {
    return (await this.page.getByTestId("sms-link").getAttribute("href")) ?? "";
  }

  /** Whether the supervisor's paste box is on screen. */
  async canPaste(): Promise<boolean> {
    return (await this.page.getByLabel("Dán tin nhắn nhận được").count()) > 0;
  }

  /** Paste a message; resolves to the preview's text (unit, phase, each figure). */
  async paste(text: string): Promise<string> {
    await this.page.getByLabel("Dán tin nhắn nhận được").fill(text);
    const preview = this.page.getByTestId("sms-preview");
    await preview.waitFor();
    return (await preview.textContent()) ?? "";
  }

  /** Record the pasted message; resolves to the statement of what was recorded. */
  async record(): Promise<string> {
    await this.page.getByRole("button", { name: "Ghi nhận tin nhắn" }).click();
    const outcome = this.page.getByTestId("sms-outcome");
    await outcome.waitFor();
    return (await outcome.textContent()) ?? "";
  }
}
