/// <reference types="vitest/config" />
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

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
      },
      devOptions: { enabled: false },
    }),
  ],
  build: { target: "es2022", sourcemap: false, chunkSizeWarningLimit: 200 },
  server: { proxy: { "/api": "http://localhost:8080" } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/server/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
  },
});
