// Each test gets its own `ansinh demo` on a fresh SQLite database in a scratch folder: the
// demo provinces, their officers (password Ansinh@2026) and sample dossiers, the console at `/`.
// The first start seeds for about half a minute, so global-setup.ts seeds one template database
// and each test starts on its own copy of it (a second start on a seeded folder takes a second).
import { test as base, expect, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repository = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const binary =
  process.env.ANSINH_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(process.env.HOME ?? "", ".cache/ansinh/target"), "debug/ansinh");
export const PASSWORD = "Ansinh@2026";

export interface Server {
  url: string;
  /** The demo's data folder (its mailbox is `mail/` inside). */
  folder: string;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

async function ready(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`ansinh demo exited with ${child.exitCode}:\n${log()}`);
    try {
      const answer = await fetch(`${url}/ready`);
      if (answer.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`ansinh demo did not become ready:\n${log()}`);
}

/** A running `ansinh demo` on `folder`; `stop` ends it and waits for it to exit. */
export async function startDemo(folder: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  let output = "";
  const child = spawn(binary, ["demo", "--data-dir", folder, "--listen", `127.0.0.1:${port}`], {
    cwd: repository,
    // The server refuses unknown ANSINH_* settings, so the test's own variables stay here.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("ANSINH_"))), ANSINH_LOG: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await ready(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** The environment variable naming the seeded template folder (set by global-setup.ts). */
export const TEMPLATE = "ANSINH_E2E_TEMPLATE";

export const test = base.extend<{ server: Server }>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const folder = mkdtempSync(join(tmpdir(), "ansinh-console-"));
    const template = process.env[TEMPLATE];
    if (template) copyFileSync(join(template, "ansinh.db"), join(folder, "ansinh.db"));
    const demo = await startDemo(folder);
    try {
      await use({ url: demo.url, folder });
    } finally {
      await demo.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  },
});

export { expect };

/** Signs in through the page, as an officer would, and waits for the signed-in frame. */
export async function signIn(page: Page, server: Server, tenant: string, username: string) {
  await submitSignIn(page, server, tenant, username, PASSWORD);
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
}

/** Fills and sends the sign-in form, whatever the answer. */
export async function submitSignIn(page: Page, server: Server, tenant: string, username: string, password: string) {
  await page.goto(`${server.url}/`);
  await page.getByLabel("Tỉnh, thành phố").selectOption(tenant);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("button", { name: "Đăng nhập" })).toBeVisible();
}

/** Confirms the "Bạn chắc chắn…?" dialog. */
export async function confirm(page: Page) {
  await page.getByRole("dialog").getByRole("button", { name: "Đồng ý" }).click();
}
