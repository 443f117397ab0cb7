// Live queues and notices in a real browser: a forward appears on the next officer's open
// desk without a reload and its e-mail lands in the demo mailbox; the dossier page follows a
// change made by someone else; the officer turns a kind of notice off; the platform
// administrator sees the province's jobs and messages.
import { expect, signIn, test } from "./server";
import { mailTo } from "./mailbox";
import { act, createDossier } from "./steps";

test("a forward appears on the next officer's open desk and its e-mail is in the mailbox", async ({ browser, server }) => {
  const social = await (await browser.newContext()).newPage();
  await signIn(social, server, "04", "vhxh.01273");
  await social.getByRole("link", { name: /Hồ sơ đã tiếp nhận và đang xử lý/ }).click();
  await expect(social.getByTestId("count-dang-xu-ly")).toHaveText(/^\d+$/);
  const before = Number(await social.getByTestId("count-dang-xu-ly").textContent());

  const reception = await (await browser.newContext()).newPage();
  await signIn(reception, server, "04", "tiepnhan.01273");
  const { code } = await createDossier(reception, "Lường Văn Khánh", "004152011223");
  await act(reception, "Tiếp nhận");
  await act(reception, "Chuyển tiếp", { handler: "vhxh.01273" });

  // No reload on the social officer's page: the desk heard the change.
  await expect(social.getByTestId("live-arrival")).toBeVisible();
  await expect(social.getByRole("link", { name: code })).toBeVisible();
  await expect(social.getByTestId("count-dang-xu-ly")).toHaveText(String(before + 1));
  // The demo's worker delivers it within its next rounds.
  const handedOver = () => mailTo(server.folder, "vhxh.01273@04.ansinh.test").filter((s) => s.startsWith(`[${code}]`));
  await expect.poll(handedOver, { timeout: 15_000 }).toEqual([`[${code}] Hồ sơ chuyển đến đồng chí: Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng`]);

  // The reception officer's page follows the next move, made by the social officer.
  await social.getByRole("link", { name: code }).click();
  await act(social, "Chuyển tiếp");
  await expect(reception.getByTestId("step")).not.toHaveText(/Thẩm định hồ sơ/);
  await expect(reception.getByTestId("holder")).not.toHaveText(/vhxh|Văn hóa/);
});

test("an officer turns a notice off and the platform administrator sees the jobs", async ({ page, server }) => {
  await signIn(page, server, "04", "vhxh.01273");
  await page.getByRole("link", { name: "Thông tin tài khoản" }).click();
  await expect(page.getByLabel("Thư điện tử nhận thông báo")).toHaveValue("vhxh.01273@04.ansinh.test");
  const handedOver = page.getByRole("checkbox", { name: "Hồ sơ chuyển đến tôi" });
  await expect(handedOver).toBeChecked();
  await handedOver.click();
  await expect(page.getByRole("status")).toHaveText("Đã tắt: Hồ sơ chuyển đến tôi.");
  await expect(handedOver).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Hồ sơ quá hạn xử lý (luôn gửi)" })).toBeDisabled();
  await page.getByRole("button", { name: "Đăng xuất" }).click();

  await signIn(page, server, "VN", "quantri.nentang");
  await page.getByRole("link", { name: "Công việc nền" }).click();
  await expect(page.getByRole("heading", { name: "Công việc nền" })).toBeVisible();
  const jobs = page.getByRole("table").first().locator("tbody tr");
  await expect(jobs).toHaveCount(3);
  await expect(jobs.first()).toContainText("Cảnh báo sắp đến hạn, quá hạn");
  await expect(page.getByTestId("failures-SLA_WARNINGS")).toHaveText("0");
  await expect(page.getByTestId("dead")).toHaveText("0");
  await expect(page.getByText("Không có thư nào ngừng gửi.")).toBeVisible();
});
