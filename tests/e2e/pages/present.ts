/** The meeting presentation (#/present): full-screen slides, one at a time, advanced with the arrow keys; no status bar or navigation. */
import type { Page } from "playwright-core";
import { ScreenPage } from "./screen";

/** What one slide shows, as a meeting sees it. */
export type SlideView = {
  kicker: string;
  /** The part codes of the slide's rows ("1.1", "7.2", "4"), in order. */
  codes: string[];
  /** Each row's figures as shown ("12 / 50 doanh nghiệp · 24%"). */
  figures: string[];
  /** Each bar's colour band with the percent it shows. */
  bars: { band: string; percent: string }[];
  sampleVisible: boolean;
  /** The smallest computed font size (px) of any text on screen, controls included. */
  smallestFontPx: number;
  /** Whether the slide's content fits its stage (nothing cut off at the bottom). */
  fits: boolean;
};

export class PresentPage extends ScreenPage {
  constructor(page: Page) {
    super(page, "#/present");
  }

  /** Open the slides and wait until the first one has its rows. */
  override async open(): Promise<void> {
    await super.open();
    await this.page.getByTestId("present").waitFor();
    await this.page.locator(".present-row").first().waitFor();
  }

  /** How many slides (pages) the presentation has, as its position "i / n" says. */
  async count(): Promise<number> {
    const nav = this.page.getByRole("navigation", { name: "Điều khiển trình chiếu" });
    const text = (await nav.textContent()) ?? "";
    const m = /(\d+)\s*\/\s*(\d+)/.exec(text);
    return Number(m?.[2] ?? 0);
  }

  async next(): Promise<void> {
    await this.page.keyboard.press("ArrowRight");
  }

  /** Read the slide on screen (after layout has settled). */
  async read(): Promise<SlideView> {
    await this.page.waitForTimeout(50);
    return this.page.evaluate(() => {
      const root = document.querySelector<HTMLElement>('[data-testid="present"]');
      const stage = root?.querySelector<HTMLElement>(".present-stage");
      if (!root || !stage) throw new Error("no presentation on screen");
      let smallest = Number.POSITIVE_INFINITY;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || (n.textContent ?? "").trim() === "" || el.getClientRects().length === 0) continue;
        smallest = Math.min(smallest, Number.parseFloat(getComputedStyle(el).fontSize));
      }
      const sample = root.querySelector<HTMLElement>('[data-testid="present-sample"]');
      const stageBox = stage.getBoundingClientRect();
      const rows = [...root.querySelectorAll<HTMLElement>(".present-row")];
      return {
        kicker: root.querySelector(".present-kicker")?.textContent ?? "",
        codes: rows.map((r) => r.dataset.code ?? ""),
        figures: rows.map((r) => (r.querySelector(".present-figures")?.textContent ?? "").trim()),
        bars: rows.flatMap((r) => {
          const fill = r.querySelector<HTMLElement>(".present-bar-fill");
          const percent = r.querySelector(".present-percent")?.textContent ?? "";
          return fill ? [{ band: fill.dataset.band ?? "", percent: percent.replace(/[^\d,]/g, "") }] : [];
        }),
        sampleVisible: sample !== null && sample.getClientRects().length > 0,
        smallestFontPx: smallest,
        fits: rows.every((r) => r.getBoundingClientRect().bottom <= stageBox.bottom + 1),
      };
    });
  }

  /** Every slide from the first, in order (walks the whole presentation once). */
  async readAll(): Promise<SlideView[]> {
    const n = await this.count();
    const out: SlideView[] = [];
    for (let i = 0; i < n; i++) {
      out.push(await this.read());
      await this.next();
    }
    return out;
  }
}
