// A late dossier in a real browser: the demo seeds a burial-support dossier three weeks old at
// the social officer of Phường Thục Phán, long past its appointment. Its holder is told on
// the dossier page to write the apology letter, gives the reason and a new working day; the
// appointment moves, the timeline records it, the letter (Phiếu xin lỗi và hẹn lại) is drafted
// as a PDF, and its message reaches the applicant's address in the demo mailbox.
import { mailTo } from "./mailbox";
import { confirm, expect, signIn, test } from "./server";

/** Fixed-date days off (the lunar ones fall outside December, when the suite runs most). */
const FIXED_DAYS_OFF = ["01-01", "04-30", "05-01", "09-01", "09-02", "11-24"];

/** A working day about a week from now, as `YYYY-MM-DD` and `DD/MM/YYYY`. */
function aWeekOn(): [string, string] {
  const day = new Date();
  day.setDate(day.getDate() + 7);
  const iso = () => `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
  while (day.getDay() === 0 || day.getDay() === 6 || FIXED_DAYS_OFF.includes(iso().slice(5))) day.setDate(day.getDate() + 1);
  const [y, m, d] = iso().split("-");
  return [iso(), `${d}/${m}/${y}`];
}

test("the holder of a late dossier writes the apology letter with a new appointment", async ({ page, server }) => {
  await signIn(page, server, "04", "vhxh.01273");
  await page.getByRole("link", { name: /Hồ sơ đã tiếp nhận và đang xử lý/ }).click();
  await page.getByLabel("Tìm kiếm", { exact: true }).fill("hoang van then");
  await page.getByRole("button", { name: "Tìm" }).click();
  const row = page.getByRole("row", { name: /Hoàng Văn Thèn/ });
  await expect(row).toHaveCount(1);
  await row.getByRole("link").first().click();
  const code = (await page.locator("h1 .code").textContent()) ?? "";
  await expect(page.getByTestId("apology-due")).toContainText("Hồ sơ đã quá hẹn trả kết quả");

  const action = "Xin lỗi và hẹn lại ngày trả";
  await page.getByRole("group", { name: "Thao tác" }).getByRole("button", { name: action, exact: true }).click();
  const form = page.getByRole("form", { name: action });
  const [until, shown] = aWeekOn();
  await form.getByLabel("Ngày hẹn trả kết quả mới").fill(until);
  await form.getByLabel(/Lý do chậm trả kết quả/).fill("Cần xác minh thêm tại thôn Nà Rằng");
  await form.getByRole("button", { name: action, exact: true }).click();
  await confirm(page);
  await expect(page.getByRole("status")).toContainText(`Đã ${action.toLowerCase()} hồ sơ ${code}`);

  await expect(page.getByTestId("apology-due")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Đang xử lý" })).toContainText(`${shown} 17:00`);
  const timeline = page.getByRole("region", { name: "Tiến độ xử lý hồ sơ" });
  await expect(timeline).toContainText(`Hẹn lại ngày trả: ${shown}`);
  await expect(timeline).toContainText("Lý do: Cần xác minh thêm tại thôn Nà Rằng");

  const drafts = page.getByRole("region", { name: "Dự thảo văn bản" });
  await drafts.getByLabel("Loại văn bản").selectOption("APOLOGY");
  await drafts.getByRole("button", { name: "Lập dự thảo" }).click();
  const link = drafts.getByRole("link", { name: /Phiếu xin lỗi và hẹn lại ngày trả kết quả \(PDF, 1 trang\)/ });
  const href = (await link.getAttribute("href")) ?? "";
  const pdf = await page.request.get(new URL(href, server.url).toString());
  expect(pdf.ok()).toBe(true);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // The demo's worker sends the letter's message to the address the applicant left.
  const letters = () => mailTo(server.folder, "hoang.van.then@example.vn");
  await expect.poll(letters, { timeout: 15_000 }).toEqual([`Xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${code}`]);
});
