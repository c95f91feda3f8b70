/** The reports screen (#/reports): one card per unit, a line per phase and the year, the editor. */
import type { Download, Locator, Page } from "playwright-core";
import { expect } from "vitest";

export class ReportsPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/#/reports`);
    await this.page.locator(".report-card").first().waitFor();
  }

  card(unitId: string): Locator {
    return this.page.locator(`.report-card[data-unit="${unitId}"]`);
  }

  /** Open the editor of a unit's report for a phase ("Cả năm" for the year). */
  async write(unitId: string, period: string): Promise<void> {
    await this.card(unitId)
      .getByRole("button", { name: new RegExp(`^Viết báo cáo( ${period}| mới thay thế)`) })
      .click();
    await this.card(unitId).locator(".report-editor").waitFor();
  }

  section(unitId: string, label: string): Locator {
    return this.card(unitId).getByLabel(label, { exact: true });
  }

  /** Type into a section and let the draft be kept (the editor saves on a pause). */
  async type(unitId: string, label: string, text: string): Promise<void> {
    await this.section(unitId, label).fill(text);
    await this.card(unitId).getByText("Đã lưu bản nháp trên máy").waitFor();
  }

  async keepDraft(unitId: string): Promise<void> {
    await this.card(unitId).getByRole("button", { name: "Để sau (giữ bản nháp)" }).click();
  }

  async submit(unitId: string): Promise<void> {
    await this.card(unitId).getByRole("button", { name: "Nộp báo cáo", exact: true }).click();
    await this.card(unitId).locator(".report-editor").waitFor({ state: "detached" });
  }

  /** "synced", "pending", "rejected" or "none" for a unit's phase line. */
  state(unitId: string, phaseId: string): Promise<string | null> {
    return this.card(unitId).locator(`[data-phase="${phaseId}"]`).getAttribute("data-state");
  }

  /** Quote every child's text offered under a section. */
  async quoteChildren(unitId: string): Promise<void> {
    const card = this.card(unitId);
    for (const summary of await card.locator("details.report-quotes summary").all()) await summary.click();
    for (const button of await card.getByRole("button", { name: "Trích dẫn vào báo cáo" }).all()) await button.click();
  }

  /** Propose a collective or a person for commendation for a unit. */
  async nominate(unitId: string, n: { name: string; award: string; achievements: string }): Promise<void> {
    const card = this.card(unitId);
    const panel = card.locator("details.nominations");
    if ((await panel.getAttribute("open")) === null) await panel.locator("summary").click();
    await card.getByRole("button", { name: "Thêm đề nghị khen thưởng" }).click();
    await card.getByLabel("Tên tập thể hoặc cá nhân").fill(n.name);
    await card.getByLabel("Hình thức khen thưởng đề nghị").fill(n.award);
    await card.getByLabel("Thành tích").fill(n.achievements);
    // Tapped twice, as a hurried thumb does: one nomination, not the same person twice on the list.
    await card.getByRole("button", { name: "Lưu đề nghị" }).dblclick();
    const saved = card.locator(".nomination", { hasText: n.name });
    await saved.waitFor();
    await this.page.waitForTimeout(500); // a second save would have landed by now
    expect(await saved.count()).toBe(1);
  }

  /** Accept a unit's nomination by name (a supervisor of the level above). */
  async accept(unitId: string, name: string): Promise<void> {
    const item = this.card(unitId).locator(".nomination", { hasText: name });
    await item.getByRole("button", { name: "Chấp nhận" }).click();
    await item.getByText("Cấp trên đã chấp nhận").waitFor();
  }

  async download(unitId: string, period: string): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.card(unitId)
        .getByRole("button", { name: new RegExp(`^Tải báo cáo \\(\\.docx\\) ${period}`) })
        .click(),
    ]);
    return download;
  }
}
