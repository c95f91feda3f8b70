// Prints "N passed, N failed" from the JSON results the test runs wrote to .tmp/.
import { existsSync, readdirSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
const dir = new URL("../.tmp/", import.meta.url);
for (const f of existsSync(dir) ? readdirSync(dir) : []) {
  if (!/^results-.*\.json$/.test(f)) continue;
  const r = JSON.parse(readFileSync(new URL(f, dir), "utf8"));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
}
console.log(`${passed} passed, ${failed} failed`);
