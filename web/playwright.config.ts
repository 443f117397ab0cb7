import { defineConfig } from "@playwright/test";

// Browser tests on Debian's Chromium (no browser download); each test starts its own
// `ansinh demo` on its own copy of a freshly seeded demo database (e2e/server.ts).
export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: process.env.ANSINH_ARTIFACTS ? `${process.env.ANSINH_ARTIFACTS}/results` : "test-results",
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: process.env.ANSINH_CHROMIUM ?? "/usr/bin/chromium" },
    viewport: { width: 1366, height: 768 },
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "off",
    screenshot: "only-on-failure",
  },
});
