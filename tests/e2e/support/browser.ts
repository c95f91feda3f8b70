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
