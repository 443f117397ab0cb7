import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The console is served by the gateway at `/`; during `npm run dev` Vite forwards the API.
const api = process.env.ANSINH_API ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // No inline scripts or data URLs: the gateway's Content-Security-Policy forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    proxy: { "/graphql": api, "/auth": api },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
