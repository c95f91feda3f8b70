/** Launches Debian's Chromium through playwright-core, never a downloaded browser. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * The features Playwright disables itself (playwright-core 1.65, its Chromium switches). Chromium
 * keeps only the last `--disable-features` of its command line, so a launch that adds its own must
 * repeat these; tests/e2e/browser-flags.test.ts holds this copy to what Playwright passes.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  "AvoidUnnecessaryBeforeUnloadCheckSync",
  "DestroyProfileOnBrowserClose",
  "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable",
  "LensOverlay",
  "MediaRouter",
  "PaintHolding",
  "ThirdPartyStoragePartitioning",
  "AvoidCorsURLLoaderRestartOnRedirect",
  "TcpPortRandomizationWin",
  "OptimizationHints",
  "NetworkTimeServiceQuerying",
  "AimEnabled",
  "PreconnectToSearch",
  "msForceBrowserSignIn",
  "msEdgeUpdateLaunchServicesPreferredVersion",
];

/**
 * Desktop Chromium 156 loads its omnibox popup (two Lit WebUI pages) at every start, headless too:
 * ~1.3 s of CPU in the seconds after launch, on 2 cores, while a test or a cold start runs. A
 * phone opening the installed app has no omnibox popup (BENCH_OMNIBOX=1 keeps it).
 */
const OMNIBOX_POPUP = process.env.BENCH_OMNIBOX ? [] : ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup"];

export const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_POPUP].join(",")}`,
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
