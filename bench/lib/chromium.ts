/**
 * Debian's Chromium as the end-to-end tests launch it (tests/e2e/support/browser.ts: the path,
 * the flags that work here as root, the phone viewport), with profiles kept under .tmp/ so
 * nothing piles up in /tmp.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type BrowserContext, type CDPSession, chromium, type Page } from "playwright-core";
import { ARGS, CHROMIUM, PHONE } from "../../tests/e2e/support/browser";
import { ROOT } from "./server-process";

export { launch } from "../../tests/e2e/support/browser";

/** A folder under .tmp/bench-profiles, removed by `dispose`. */
export function profileDir(): { dir: string; dispose: () => void } {
  const base = join(ROOT, ".tmp", "bench-profiles");
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, "p-"));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A persistent profile opened as a fresh browser process (a cold start of the phone's browser). */
export function openProfile(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: ARGS, ...PHONE });
}

/** Throttle the page's CPU through the DevTools protocol (4 = a cheap Android phone); answers the session. */
export async function throttleCpu(page: Page, rate: number): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  return cdp;
}
