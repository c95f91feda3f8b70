import { describe, expect, it } from "vitest";
import { renderTable, rewrite } from "../../scripts/readme-table.mjs";

// The README's "Measured, not believed" table is written from bench/results.json, never by hand.
const summary = (median: number) => ({ n: 3, median, min: median - 1, max: median + 1, p95: median + 1 });
const results = {
  at: "2026-12-04T05:00:00.000Z",
  machine: { cpus: 2, cpu: "AMD EPYC", node: "v20.20.2" },
  run: { commit: "abc1234", suites: ["browser"], runs: 3, loadAverage: { before: 1, after: 2 } },
  figures: [
    {
      group: "push",
      name: "10,000 entries, end to end",
      unit: "ms",
      value: summary(600),
      floor: { name: "the same POSTed from memory", value: summary(300) },
      budget: { limit: 1.5, kind: "max", ratio: true, text: "≤ 1.5× floor" },
      ratio: 2,
      verdict: false,
    },
    { group: "push", name: "10,000 entries POSTed from memory (no IndexedDB)", unit: "ms", value: summary(300) },
    { group: "raw cursor scan", name: "10,000 entries", unit: "ms", value: summary(160) },
  ],
};

describe("the README's bench table", () => {
  it("shows the budget rows and their context with floor, ratio and the bench's verdict, and says which run", () => {
    const table = renderTable(results);
    expect(table).toContain("at commit `abc1234`");
    expect(table).toContain("1 budget not met");
    expect(table).toContain(
      "| push: 10,000 entries, end to end | 600 ms | 599–601 (3) | 300 ms (the same POSTed from memory) | 2.00× | ≤ 1.5× floor ❌ |",
    );
    expect(table).toContain("| push: 10,000 entries POSTed from memory (no IndexedDB) | 300 ms |");
    expect(table).not.toContain("raw cursor scan");
  });

  it("replaces only what lies between its markers, and refuses a README without them", () => {
    const readme = "# A\n\nbefore\n<!-- bench-table:start -->\nold\n<!-- bench-table:end -->\nafter\n";
    expect(rewrite(readme, "new")).toBe(
      "# A\n\nbefore\n<!-- bench-table:start -->\nnew\n<!-- bench-table:end -->\nafter\n",
    );
    expect(() => rewrite("# A\n", "new")).toThrow(/markers/);
  });
});
