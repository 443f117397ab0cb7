// Thành phần hồ sơ at reception in a real browser: the reception officer scans a declaration in
// (a PDF, kept signed by the officer), sees it ticked with its source and opens it through its
// short-lived link, records a component kept on paper with the reason, a ZIP named .pdf is
// refused with the reason, and the decision draft opens as a PDF with the fields still missing.
import { act, createDossier } from "./steps";
import { expect, signIn, test } from "./server";

/** A one-page A4 PDF as a scanner writes one, with its cross-reference table. */
function onePagePdf(): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
  ];
  let text = "%PDF-1.7\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, "0")} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, "latin1");
}
const PDF = onePagePdf();
const ZIP = Buffer.from("PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000zipped");

test("reception scans components in, keeps one on paper, and drafts the decision", async ({ page, server }) => {
  await signIn(page, server, "04", "tiepnhan.01273");
  await createDossier(page, "Hoàng Văn Pả", "004150011223");
  await act(page, "Tiếp nhận");

  const declaration = page.locator('[data-component="to-khai-mau-1"]');
  await expect(page.getByTestId("components-summary")).toHaveText("Còn thiếu 1 thành phần bắt buộc.");
  await declaration.getByLabel(/Tệp cho/).setInputFiles({ name: "to-khai.pdf", mimeType: "application/pdf", buffer: PDF });
  await declaration.getByRole("button", { name: "Tải lên" }).click();
  await expect(declaration.getByRole("link", { name: "to-khai.pdf" })).toBeVisible();
  await expect(declaration).toContainText("Quét từ bản giấy");
  await expect(page.getByTestId("components-summary")).toHaveText("Đủ thành phần bắt buộc.");

  const href = (await declaration.getByRole("link", { name: "to-khai.pdf" }).getAttribute("href")) ?? "";
  expect(href).toMatch(/^\/files\/[0-9a-f-]+\?ticket=/);
  const file = await page.request.get(new URL(href, page.url()).toString());
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  // Kept as the reception officer signed it: the scan, then the signature's revision.
  const kept = Buffer.from(await file.body());
  expect(kept.subarray(0, PDF.length).equals(PDF) && kept.length > PDF.length).toBe(true);

  const disability = page.locator('[data-component="giay-xac-nhan-khuyet-tat"]');
  await disability.getByLabel(/Tệp cho/).setInputFiles({ name: "giay.pdf", mimeType: "application/pdf", buffer: ZIP });
  await disability.getByRole("button", { name: "Tải lên" }).click();
  await expect(disability.getByRole("alert")).toContainText("nội dung tệp không phải PDF, JPEG hay PNG");

  await disability.getByLabel("Chỉ có bản giấy").check();
  await disability.getByLabel(/Lý do chỉ có bản giấy/).fill("Bản gốc ép plastic, không quét được");
  await disability.getByRole("button", { name: "Ghi nhận" }).click();
  await expect(disability).toContainText("Bản giấy: Bản gốc ép plastic, không quét được");

  // The decision draft from the province's template, with what the dossier does not fill yet.
  await page.getByRole("button", { name: "Lập dự thảo" }).click();
  const draft = page.getByTestId("draft");
  await expect(draft).toContainText("Quyết định về việc trợ cấp xã hội hàng tháng (PDF, 1 trang)");
  await expect(draft).toContainText("he_so");
  const draftHref = (await draft.getByRole("link").getAttribute("href")) ?? "";
  const pdf = await page.request.get(new URL(draftHref, page.url()).toString());
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(Buffer.from(await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // The reception receipt with the appointment, from the province's template too.
  await page.getByLabel("Loại văn bản").selectOption("RECEIPT");
  await page.getByRole("button", { name: "Lập dự thảo" }).click();
  await expect(draft).toContainText("Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF, 1 trang)");
});
