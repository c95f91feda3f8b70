/**
 * axe-core in a real page: the script is added from node_modules (no network), run over the whole
 * document, and its violations come back as one short line each (rule, impact, the first nodes),
 * so a failing test names what to fix.
 */
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** One violation, short enough to read in a test's failure. */
export type AxeFinding = { rule: string; impact: string; help: string; targets: string[] };

/** Run axe on the page as it is now; answers every violation (empty when none). */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script.
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map(
      (v: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1] ?? ""}`),
      }),
    );
  });
}
