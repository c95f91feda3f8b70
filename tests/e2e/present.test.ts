/**
 * The presentation at a meeting, from demo data with no server: slide 1 shows every part of every
 * target, every slide says the figures are sample data, nothing is smaller than 24 px on a
 * 1280×720 projector (a slide is split instead), a phone slide stays readable, and the colour of
 * a bar says one thing (how far toward the goal).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { PresentPage, type SlideView } from "./pages/present";
import { launch } from "./support/browser";
import { TestServer } from "./support/server";

/** Every part of the 2023 campaign, by its code on the slides. */
const ALL_CODES = ["1.1", "1.2", "2", "3", "4", "5", "6.1", "6.2", "6.3", "7.1", "7.2", "8", "9", "10", "11", "12"];

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await TestServer.start();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

async function demoPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "vi-VN", isMobile: viewport.width < 600 });
  onTestFinished(() => context.close());
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole("button", { name: "Dùng thử với dữ liệu mẫu" }).click();
  await page.getByTestId("demo-banner").waitFor({ timeout: 30_000 });
  return page;
}

const titlePages = (slides: SlideView[]) => slides.filter((s) => s.kicker.startsWith("Phong trào thi đua năm"));

describe("the presentation", () => {
  it("on a 1280×720 projector: every part on slide 1, sample marked, nothing under 24 px, one colour meaning", async () => {
    const present = new PresentPage(await demoPage({ width: 1280, height: 720 }));
    await present.open();
    const slides = await present.readAll();

    const title = titlePages(slides);
    expect(title[0]?.kicker).toContain("năm 2023"); // the campaign's year, not "2.023"
    expect(title.flatMap((s) => s.codes)).toEqual(ALL_CODES);
    if (title.length > 1) expect(title[0]?.kicker).toContain(`trang 1/${title.length}`);

    for (const s of slides) {
      expect(s.sampleVisible, s.kicker).toBe(true);
      expect(s.smallestFontPx, s.kicker).toBeGreaterThanOrEqual(24);
      expect(s.fits, s.kicker).toBe(true);
      for (const f of s.figures) expect(f).not.toMatch(/^0 \/ 0\b/);
    }
    const bars = slides.flatMap((s) => s.bars);
    for (const b of bars) {
      const pct = Number(b.percent.replace(",", "."));
      const expected = pct <= 0 ? "none" : pct < 50 ? "low" : pct < 100 ? "mid" : "met";
      expect(b.band, b.percent).toBe(expected);
    }
    // Sample data reaches and passes some goals, and leaves some at nothing: both are on the scale's ends.
    expect(bars.some((b) => b.band === "met")).toBe(true);
  });

  it("on a phone: slide 1 fits, readable, with its sample mark", async () => {
    const present = new PresentPage(await demoPage({ width: 360, height: 740 }));
    await present.open();
    const first = await present.read();
    expect(first.sampleVisible).toBe(true);
    expect(first.smallestFontPx).toBeGreaterThanOrEqual(18);
    expect(first.fits).toBe(true);
    expect(first.codes.length).toBeGreaterThan(0);
    const title = titlePages(await present.readAll());
    expect(title.flatMap((s) => s.codes)).toEqual(ALL_CODES);
  });
});
