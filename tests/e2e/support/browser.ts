/** Launches Debian's Chromium through playwright-core, never a downloaded browser. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // Desktop Chromium 156 loads its omnibox popup (two Lit WebUI pages) at every start, headless
  // too: ~1.3 s of CPU in the seconds after launch, on 2 cores, while a test or a cold start
  // runs. A phone opening the installed app has no omnibox popup (BENCH_OMNIBOX=1 keeps it).
  ...(process.env.BENCH_OMNIBOX ? [] : ["--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup"]),
];

/** A phone-sized viewport (a cheap Android phone). */
export const PHONE = {
  viewport: { width: 360, height: 780 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: "vi-VN",
};

/** A fresh headless browser. */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A persistent profile that can be closed (a browser kill) and opened again with the same data. */
export class Profile {
  readonly dir = mkdtempSync(join(tmpdir(), "stdua-profile-"));

  open(): Promise<BrowserContext> {
    return chromium.launchPersistentContext(this.dir, { executablePath: CHROMIUM, args: ARGS, ...PHONE });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
