/// <reference types="vitest/config" />
import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

/** A module id (absolute path) from a path in the project. */
const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Libraries used only on supervisor or admin screens: cached on first use, not precached. */
const ON_DEMAND = ["write-excel-file", "read-excel-file", "fflate", "docx"];
/** The admin's own screens and sentences: the same (an officer's phone never opens them). */
const ADMIN_ONLY = ["/src/ui/campaigns/", "/src/ui/units/", "/src/i18n/vi-admin.ts", "/src/i18n/en-admin.ts"];

/** True for a chunk made only of on-demand libraries or admin-only code. */
function onDemand(moduleIds: readonly string[]): boolean {
  return moduleIds.some(
    (id) =>
      ON_DEMAND.some((lib) => id.includes(`/node_modules/${lib}/`)) || ADMIN_ONLY.some((path) => id.includes(path)),
  );
}

/**
 * The signed-in start in one chunk. A signed-in phone opens on the overview: its screen and the
 * ledger's live state (ui/ledger-start.ts) load at once, with everything they import that the
 * entry does not already hold. Left to itself the bundler cuts that set into ~17 small chunks
 * (each shared module its own), which a cold start fetches in a waterfall through the service
 * worker and compiles one by one: at 4× CPU that cost more than the bytes. Modules the sign-in
 * screen also needs stay out of the group, so a first visit's sign-in fetches no ledger code.
 */
const START = ["src/ui/overview/overview-screen.tsx", "src/ui/ledger-start.ts"];
/** What must stay out of the start chunk: the entry's own modules and the sign-in screen's. */
const OUTSIDE = ["src/main.tsx", "src/ui/sign-in/sign-in-screen.tsx"];

/** What the bundler's chunking context lets us read of the module graph. */
type ModuleGraph = {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
};

let cached: { graph: ModuleGraph; ids: Set<string> } | undefined;

/** Module ids statically reachable from `roots`. */
function closure(graph: ModuleGraph, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const next of graph.getModuleInfo(id)?.importedIds ?? []) visit(next);
  };
  for (const id of roots) visit(id);
  return seen;
}

/** The modules of the start chunk: reachable from START, not from OUTSIDE. */
function startChunkOf(graph: ModuleGraph): Set<string> {
  if (cached?.graph === graph) return cached.ids;
  const start = closure(graph, START.map(fromRoot));
  for (const id of closure(graph, OUTSIDE.map(fromRoot))) start.delete(id);
  cached = { graph, ids: start };
  return start;
}

// The manifest lives here so vite-plugin-pwa links it and precaches the icons it names.
const manifest = {
  id: "/",
  name: "Sổ Thi Đua — LĐLĐ tỉnh Lai Châu",
  short_name: "Sổ Thi Đua",
  description: "Ghi kết quả phong trào thi đua của công đoàn các cấp, dùng được khi không có mạng.",
  lang: "vi",
  dir: "ltr" as const,
  start_url: "/",
  scope: "/",
  display: "standalone" as const,
  orientation: "portrait" as const,
  theme_color: "#b3261e",
  background_color: "#fffbf8",
  categories: ["productivity", "government"],
  icons: [
    { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
    { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
    { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
  ],
};

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: "injectManifest",
      srcDir: "sw",
      filename: "sw.ts",
      injectRegister: false,
      registerType: "prompt",
      manifest,
      injectManifest: {
        rollupFormat: "iife",
        globPatterns: ["**/*.{js,css,html,png,svg,ico,webmanifest,json}"],
        // Libraries only supervisors' and admins' exports use stay out of the offline install
        // (DESIGN §7 "Install budget"): the service worker caches them the first time they load.
        globIgnores: ["**/assets/on-demand-*"],
        // Hashed names are their own version: no revision, so the install may take them from the
        // HTTP cache (sw/warm-cache.ts) instead of fetching each again.
        dontCacheBustURLsMatching: /^assets\//,
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 200,
    rolldownOptions: {
      output: {
        // On-demand chunks are named so the precache can leave them out (globIgnores above).
        chunkFileNames: (chunk) =>
          onDemand(chunk.moduleIds) ? "assets/on-demand-[name]-[hash].js" : "assets/[name]-[hash].js",
        codeSplitting: {
          groups: [
            {
              name: (id: string, ctx: ModuleGraph) => (startChunkOf(ctx).has(id) ? "start" : null),
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:8080" } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/server/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
  },
});
