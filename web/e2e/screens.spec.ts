// The reading screens, one main path each: the administrator's units, configuration versions,
// process setup, calendar preview and account; a viewer's search; the ministry's provinces.
import { expect, signIn, signOut, test } from "./server";

test("the administrator's and viewer's screens and the ministry's province list show their data", async ({ page, server }) => {
  await signIn(page, server, "04", "quantri.04");
  const menu = page.getByRole("navigation", { name: "Menu chính" });

  await menu.getByRole("link", { name: "Danh mục hành chính" }).click();
  const tree = page.getByRole("tree", { name: "Đơn vị hành chính" });
  await expect(tree).toContainText("Phường Thục Phán");
  await tree
    .getByRole("treeitem")
    .filter({ hasText: "Phường Thục Phán", hasNot: page.getByRole("group") })
    .getByRole("button", { name: "lịch sử" })
    .click();
  await expect(page.getByRole("complementary", { name: "Lịch sử mã 01273" })).toContainText("Phường Thục Phán");

  await menu.getByRole("link", { name: "Phiên bản cấu hình" }).click();
  await expect(page.locator("tbody tr").first()).toContainText("demo");

  await menu.getByRole("link", { name: "Quy trình và thời gian xử lý" }).click();
  await expect(page.getByRole("table").filter({ hasText: "Trợ cấp xã hội hàng tháng (chính quyền hai cấp)" })).toContainText(
    "Tiếp nhận hồ sơ",
  );
  const burialComponents = page.getByRole("table", { name: "Thành phần hồ sơ (2.000744)" });
  await expect(burialComponents.getByRole("row").nth(1)).toContainText("Tờ khai đề nghị hỗ trợ chi phí mai táng (Mẫu số 04)Bắt buộcPDF, JPEG, PNG");
  await expect(burialComponents.getByRole("row").last()).toContainText(
    "Giấy ủy quyền cho người làm thủ tụctỉnh bổ sungTheo trường hợp: người làm thủ tục không phải thân nhân của người chếtPDF",
  );

  await menu.getByRole("link", { name: "Lịch làm việc" }).click();
  await page.getByLabel("Thời gian cho phép").fill("3d");
  await page.getByRole("button", { name: "Tính hạn nếu tiếp nhận bây giờ" }).click();
  await expect(page.getByRole("status")).toContainText(/→ hạn \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await expect(page.locator("ol.explanation li").first()).toBeVisible();

  await menu.getByRole("link", { name: "Thông tin tài khoản" }).click();
  await expect(page.locator("dd").filter({ hasText: "Quản trị cấp tỉnh" })).toBeVisible();
  await signOut(page);

  await signIn(page, server, "04", "theodoi.04");
  await expect(page.getByRole("heading", { name: "Tra cứu hồ sơ" })).toBeVisible();
  await expect(page.locator("table.dossiers tbody tr").first()).toBeVisible();
  await signOut(page);

  await signIn(page, server, "VN", "phantich.bo");
  await expect(page.getByRole("heading", { name: "Các tỉnh, thành phố trên hệ thống" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Tỉnh Cao Bằng" })).toBeVisible();
});
