/**
 * Debian's Chromium through playwright-core (never a downloaded browser), with the flags that
 * work here as root, and profiles kept under .tmp/ so nothing piles up in /tmp.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { ROOT } from "./server-process";

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

/** A folder under .tmp/bench-profiles, removed by `dispose`. */
export function profileDir(): { dir: string; dispose: () => void } {
  const base = join(ROOT, ".tmp", "bench-profiles");
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, "p-"));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh headless browser. */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A persistent profile opened as a fresh browser process (a cold start of the phone's browser). */
export function openProfile(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: ARGS,
    viewport: { width: 360, height: 780 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
  });
}

/** Throttle the page's CPU through the DevTools protocol (4 = a cheap Android phone). */
export async function throttleCpu(page: Page, rate: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
}
