// The officer desk in a real browser: a monthly-allowance dossier from reception to the
// returned result, commune isolation, the no-handler answer, a locked account, and a role
// granted by the province administrator showing on the officer's next page load.
import { mkdirSync } from "node:fs";
import { type Page } from "@playwright/test";
import { confirm, expect, signIn, signOut, submitSignIn, test } from "./server";
import { act, createDossier } from "./steps";

const artefacts = process.env.ANSINH_ARTIFACTS;

async function shoot(page: Page, name: string) {
  if (!artefacts) return;
  mkdirSync(artefacts, { recursive: true });
  await page.screenshot({ path: `${artefacts}/${name}.png`, fullPage: true });
}

test("a monthly-allowance dossier goes from reception to the returned result", async ({ page, server }) => {
  await signIn(page, server, "04", "tiepnhan.01273");
  await expect(page.getByRole("heading", { name: "Hồ sơ của tôi" })).toBeVisible();
  await shoot(page, "desk");

  // The ID number is checked in the page as the server checks it, before anything is sent.
  await page.getByRole("navigation", { name: "Menu chính" }).getByRole("link", { name: "Thêm mới hồ sơ" }).click();
  await page.getByLabel("Thủ tục").selectOption("2.000286");
  await page.getByLabel("Họ và tên").fill("Nông Thị Lan");
  await page.getByLabel("Số định danh cá nhân").fill("00412345");
  await page.getByRole("button", { name: "Lưu hồ sơ" }).click();
  await expect(page.getByText("số định danh cá nhân phải gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND cũ)")).toBeVisible();
  await expect(page.getByRole("dialog")).toBeHidden();

  const { url, code } = await createDossier(page, "Nông Thị Lan", "004148012345");
  await act(page, "Tiếp nhận");
  await expect(page.getByTestId("step")).toHaveText("Tiếp nhận hồ sơ");
  await act(page, "Chuyển tiếp", { handler: "vhxh.01273" });
  await expect(page.getByTestId("step")).toHaveText(/Thẩm định hồ sơ/);
  await shoot(page, "dossier");
  await signOut(page);

  // The social officer finds it in the folder, by the name typed without diacritics.
  await signIn(page, server, "04", "vhxh.01273");
  await page.getByRole("link", { name: /Hồ sơ đã tiếp nhận và đang xử lý/ }).click();
  await page.getByLabel("Tìm kiếm", { exact: true }).fill("nong thi lan");
  await page.getByRole("button", { name: "Tìm" }).click();
  await expect(page.getByRole("link", { name: code })).toBeVisible();
  await page.getByRole("link", { name: code }).click();
  await act(page, "Chuyển tiếp");
  await signOut(page);

  await signIn(page, server, "04", "lanhdao.01273");
  await page.goto(url);
  await act(page, "Ký số");
  await signOut(page);

  await signIn(page, server, "04", "vanthu.01273");
  await page.goto(url);
  await act(page, "Ký phát hành");
  await expect(page.locator(".dossier .sub").first()).toContainText(/Quyết định số \d+\//);
  await signOut(page);

  await signIn(page, server, "04", "tiepnhan.01273");
  await page.getByRole("link", { name: /Hồ sơ có kết quả chờ trả/ }).click();
  await page.getByRole("link", { name: code }).click();
  await act(page, "Trả kết quả");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Đã trả kết quả");

  const rows = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Thao tác" }) }).locator("tbody tr");
  await expect(rows).toHaveCount(7);
  const actions = await rows.locator("td:nth-child(3)").allTextContents();
  expect(actions).toEqual(["Thêm mới hồ sơ", "Tiếp nhận", "Chuyển tiếp", "Chuyển tiếp", "Ký số", "Ký phát hành", "Trả kết quả"]);
  await expect(rows.nth(2).locator("td:nth-child(4)")).toContainText("bước tham-dinh");
});

test("an officer of another commune gets “không tìm thấy” for the dossier's address", async ({ page, server }) => {
  await signIn(page, server, "04", "tiepnhan.01273");
  const { url } = await createDossier(page, "Hoàng Văn Pủ", "004150098765");
  await signOut(page);
  await signIn(page, server, "04", "tiepnhan.01279");
  await expect(page.getByRole("heading", { name: "Hồ sơ của tôi" })).toBeVisible();
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "Không tìm thấy" })).toBeVisible();
});

test("with the assigned leader locked, forwarding names the position and the unit", async ({ page, server }) => {
  await signIn(page, server, "04", "tiepnhan.01273");
  const { url } = await createDossier(page, "Lục Thị Hoa", "004160024680");
  await act(page, "Tiếp nhận");
  await act(page, "Chuyển tiếp", { handler: "vhxh.01273" });
  await signOut(page);

  // The leader assigned to the step is locked by the administrator: nobody can take it.
  await signIn(page, server, "04", "quantri.04");
  await page.getByLabel("Tìm theo tên đăng nhập").fill("lanhdao.01273");
  await page.getByRole("button", { name: /lanhdao\.01273/ }).click();
  const panel = page.getByRole("complementary");
  await panel.getByRole("button", { name: "Khóa tài khoản" }).click();
  await confirm(page);
  await expect(panel).toContainText("Tài khoản đang bị khóa");
  await signOut(page);

  await signIn(page, server, "04", "vhxh.01273");
  await page.goto(url);
  await page.getByRole("group", { name: "Thao tác" }).getByRole("button", { name: "Chuyển tiếp", exact: true }).click();
  const problem = page.locator('[data-code="NO_HANDLER"]');
  await expect(problem).toContainText(/lãnh đạo UBND cấp xã tại Phường Thục Phán/i);
  await expect(problem).toContainText("(lanhdao.01273): tài khoản đang bị khóa");
  await expect(page.getByRole("form", { name: "Chuyển tiếp" }).getByRole("button", { name: "Chuyển tiếp" })).toBeDisabled();
});

test("a wrong password, then the lock, in the API's words", async ({ page, server }) => {
  await submitSignIn(page, server, "04", "vhxh.01279", "sai-mat-khau");
  await expect(page.locator('[role="alert"][data-code="INVALID_CREDENTIALS"]')).toBeVisible();
  for (let attempt = 2; attempt <= 5; attempt++) {
    await page.getByLabel("Mật khẩu").fill("sai-mat-khau");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByRole("button", { name: "Đăng nhập" })).toBeEnabled();
  }
  await page.getByLabel("Mật khẩu").fill("Ansinh@2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.locator('[role="alert"][data-code="ACCOUNT_LOCKED"]')).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("khóa");
});

test("a role granted by the province administrator shows on the officer's next page load", async ({ page, browser, server }) => {
  await signIn(page, server, "04", "vhxh.01279");
  await expect(page.getByRole("heading", { name: "Hồ sơ của tôi" })).toBeVisible();
  const menu = page.getByRole("navigation", { name: "Menu chính" });
  await expect(menu.getByRole("link", { name: "Thêm mới hồ sơ" })).toHaveCount(0);

  const admin = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await signIn(admin, server, "04", "quantri.04");
  await admin.getByLabel("Tìm theo tên đăng nhập").fill("vhxh.01279");
  await admin.getByRole("button", { name: /\(vhxh\.01279\)/ }).click();
  const grant = admin.getByRole("form", { name: "Giao vai trò" });
  await grant.getByLabel("Vai trò").selectOption("COMMUNE_RECEPTION");
  const unit = grant.getByLabel("Tại đơn vị");
  const value = await unit.locator("option", { hasText: "Phường Nùng Trí Cao" }).getAttribute("value");
  await unit.selectOption(value ?? "");
  await grant.getByRole("button", { name: "Giao vai trò" }).click();
  await confirm(admin);
  await expect(admin.getByRole("complementary")).toContainText("Công chức tiếp nhận cấp xã");

  await page.reload();
  await expect(menu.getByRole("link", { name: "Thêm mới hồ sơ" })).toBeVisible();
  await menu.getByRole("link", { name: "Thêm mới hồ sơ" }).click();
  await expect(page.getByLabel("Tiếp nhận tại")).toContainText("Phường Nùng Trí Cao");
});
