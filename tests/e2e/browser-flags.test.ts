/**
 * The browser the e2e tests and the bench launch: Chromium keeps only the last `--disable-features`
 * of its command line, so the one in ARGS must carry Playwright's own list as well as ours, or a
 * launch would quietly turn back on what Playwright turns off (paint holding, HTTPS upgrades,
 * background fetches). Read back from the running browser's command line.
 */
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARGS, CHROMIUM, PLAYWRIGHT_DISABLED_FEATURES } from "./support/browser";

/** The value of each `--disable-features` on the command line of a browser launched with `args`, in order. */
async function disabledFeatureSwitches(args: string[]): Promise<string[][]> {
  const server = await chromium.launchServer({ executablePath: CHROMIUM, args });
  try {
    const pid = server.process().pid;
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return argv.filter((a) => a.startsWith("--disable-features=")).map((a) => a.split("=")[1]?.split(",") ?? []);
  } finally {
    await server.close();
  }
}

describe("the browser's command line", () => {
  it("repeats Playwright's own disabled features exactly", async () => {
    const [playwright, ...more] = await disabledFeatureSwitches(["--no-sandbox"]);
    expect(more).toEqual([]);
    expect([...(playwright ?? [])].sort()).toEqual([...PLAYWRIGHT_DISABLED_FEATURES].sort());
  });

  it("ends with one list that keeps Playwright's features and turns off the omnibox popup", async () => {
    const switches = await disabledFeatureSwitches(ARGS);
    const last = switches.at(-1) ?? [];
    for (const feature of PLAYWRIGHT_DISABLED_FEATURES) expect(last).toContain(feature);
    expect(last).toContain("WebUIOmniboxPopup");
    expect(last).toContain("WebUIOmniboxAimPopup");
  });
});
