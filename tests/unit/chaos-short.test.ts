/**
 * The short chaos run inside `npm test`: 3 simulated devices × 150 entries for about
 * 20 s against the real built server, through the fault proxy, with SIGKILLs, revoked sessions
 * and reloads (bench/chaos/), beside 2 plain clients pushing 6 batches of 50 back to back (report
 * day's load, `bench/chaos/load-clients.ts`). It must lose nothing and count nothing twice. The
 * seed is new each run and printed: replay a failure with `npm run chaos -- --devices 3 --entries
 * 150 --minutes 0.25 --load 2 --load-batches 6 --seed N`.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Run a node script from the project root; answers its exit code and output. */
function node(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("chaos, short", () => {
  beforeAll(() => {
    // The run needs dist-server/main.js, built from the current sources (a no-op when fresh).
    const built = spawnSync(process.execPath, ["scripts/ensure-built.mjs"], { cwd: root, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`build failed:\n${built.stdout}\n${built.stderr}`);
  }, 180_000);

  it("3 devices × 150 entries and 2 load clients under faults: nothing lost, nothing counted twice", async () => {
    const seed = randomInt(1, 2 ** 31);
    const args = ["--devices", "3", "--entries", "150", "--minutes", "0.25", "--load", "2", "--load-batches", "6"];
    args.push("--seed", String(seed));
    const { code, out } = await node(["bench/chaos/run.mjs", ...args]);
    console.log(out.trim().split("\n").slice(-6).join("\n"));
    const summary = out.split("\n").find((l) => l.startsWith("CHAOS ")) ?? "";
    expect(summary, out).toMatch(/^CHAOS PASS .* lost=0 double=0 /);
    expect(code, out).toBe(0);
    // The run really was disturbed: faults of several kinds and at least one server kill.
    expect(out).toMatch(/sigkill \d+/);
    expect(out).toMatch(/cut-after-commit \d+/);
    expect(out).toMatch(/2 load clients pushed 600 entries/);
  }, 150_000);
});
