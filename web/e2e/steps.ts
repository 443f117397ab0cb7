// Steps several browser tests take: creating a dossier (monthly allowance unless told) at the desk and
// performing one of its next actions.
import { type Page } from "@playwright/test";
import { confirm, expect } from "./server";

/** Opens the action's form, picks the handler by login name when asked, and confirms. */
export async function act(page: Page, action: string, options: { handler?: string; reason?: string } = {}) {
  await page.getByRole("group", { name: "Thao tác" }).getByRole("button", { name: action, exact: true }).click();
  const form = page.getByRole("form", { name: action });
  if (options.handler) {
    const select = form.getByLabel(/Cán bộ nhận/);
    const value = await select.locator("option", { hasText: `${options.handler})` }).getAttribute("value");
    await select.selectOption(value ?? "");
  }
  if (options.reason) await form.getByLabel("Lý do").fill(options.reason);
  await form.getByRole("button", { name: action, exact: true }).click();
  await confirm(page);
  // The page offers only the API's next actions: a refusal would show here and fail the test.
  await expect(page.getByRole("status")).toContainText(`Đã ${action.toLowerCase()} hồ sơ`);
  await expect(page.getByRole("alert")).toHaveCount(0);
}

export async function createDossier(
  page: Page,
  name: string,
  idNumber: string,
  procedure = "2.000286",
): Promise<{ url: string; code: string }> {
  await page.getByRole("navigation", { name: "Menu chính" }).getByRole("link", { name: "Thêm mới hồ sơ" }).click();
  const form = page.getByRole("form", { name: "Thêm mới hồ sơ" });
  await form.getByLabel("Thủ tục").selectOption(procedure);
  await form.getByLabel("Họ và tên").fill(name);
  await form.getByLabel("Số định danh cá nhân").fill(idNumber);
  await form.getByLabel("Địa chỉ").fill("Tổ 3, phường Thục Phán");
  await form.getByLabel("Ngày sinh").fill("12/03/1948");
  await form.getByRole("button", { name: "Lưu hồ sơ" }).click();
  await confirm(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Chờ tiếp nhận");
  const code = (await page.locator("h1 .code").textContent()) ?? "";
  return { url: page.url(), code };
}

