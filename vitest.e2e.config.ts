import { defineConfig } from "vitest/config";

// End-to-end tests drive a real Chromium against the built app and server, one file at a time.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
