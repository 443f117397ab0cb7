// Ký số in a real browser: a burial-support dossier goes to the commune leader, who signs the
// decision, and to the clerk, who issues it; the page lists both revisions with their
// signatures, and the issued PDF it links to has two signatures that pyHanko (an independent
// verifier, installed by scripts/dev-services.sh) reports intact, valid and trusted against the
// authority the page offers; reception returns it electronically, and the citizen downloads the
// latest issue on the public page with the dossier's code and the receipt's lookup code; a
// re-issue with its reason adds a revision and keeps the first.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { confirm, expect, signIn, signOut, test } from "./server";
import { act, createDossier } from "./steps";

const validator = resolve(dirname(fileURLToPath(import.meta.url)), "../../tests/oracles/pyhanko_validate.py");

test("the leader signs and the clerk issues a burial-support decision with two valid signatures", async ({ page, server }) => {
  const python = process.env.ANSINH_TEST_PYHANKO;
  expect(python, "ANSINH_TEST_PYHANKO: run scripts/dev-services.sh").toBeTruthy();
  await signIn(page, server, "04", "tiepnhan.01273");
  const { url } = await createDossier(page, "Lục Văn Khang", "004082003344", "2.000744");
  await act(page, "Tiếp nhận");
  await act(page, "Chuyển tiếp", { handler: "vhxh.01273" });
  await signOut(page);
  await signIn(page, server, "04", "vhxh.01273");
  await page.goto(url);
  await act(page, "Chuyển tiếp");
  await signOut(page);

  await signIn(page, server, "04", "lanhdao.01273");
  await page.goto(url);
  await act(page, "Ký số");
  const listed = page.getByTestId("signed-documents");
  await expect(listed.locator('[data-stage="SIGNED"]')).toContainText("Lần 1: Lãnh đạo đã ký duyệt");
  await expect(listed.locator('[data-stage="SIGNED"]')).toContainText("Chữ ký: Cán bộ lanhdao.01273");
  await signOut(page);

  await signIn(page, server, "04", "vanthu.01273");
  await page.goto(url);
  await act(page, "Ký phát hành");
  const issued = listed.locator('[data-stage="ISSUED"]');
  await expect(issued.first()).toContainText("Lần 2: Đã phát hành (số, ngày, con dấu)");
  await expect(issued.first()).toContainText("Chữ ký: Cán bộ lanhdao.01273");
  await expect(issued.first()).toContainText(/Con dấu: Ủy ban nhân dân phường \S+/);

  // A re-issue without a reason is refused in the API's words; with one, a third revision.
  const reissue = page.getByRole("form", { name: "Phát hành lại" });
  await reissue.getByRole("button", { name: "Phát hành lại" }).click();
  await expect(reissue.getByRole("alert")).toContainText("hãy ghi lý do phát hành lại");
  await reissue.getByLabel("Lý do phát hành lại").fill("Thay chứng thư số của cơ quan");
  await reissue.getByRole("button", { name: "Phát hành lại" }).click();
  await expect(listed.locator("> li")).toHaveCount(3);
  await expect(listed.locator("> li").nth(2)).toContainText("Lý do phát hành lại: Thay chứng thư số của cơ quan");
  const latestHref = (await listed.locator("> li").nth(2).getByRole("link", { name: /Tải tệp PDF/ }).getAttribute("href")) ?? "";
  const latest = Buffer.from(await (await page.request.get(new URL(latestHref, page.url()).toString())).body());

  const href = (await issued.first().getByRole("link", { name: /Tải tệp PDF/ }).getAttribute("href")) ?? "";
  const answer = await page.request.get(new URL(href, page.url()).toString());
  expect(answer.status()).toBe(200);
  const pdf = Buffer.from(await answer.body());
  const authority = (await page.getByRole("link", { name: /chứng thư gốc/ }).getAttribute("href")) ?? "";
  const pem = decodeURIComponent(authority.slice(authority.indexOf(",") + 1));
  expect(pem).toContain("-----BEGIN CERTIFICATE-----");

  const folder = mkdtempSync(join(tmpdir(), "ansinh-signed-"));
  writeFileSync(join(folder, "issued.pdf"), pdf);
  writeFileSync(join(folder, "ca.pem"), pem);
  const report = JSON.parse(
    execFileSync(python ?? "python3", [validator, join(folder, "issued.pdf"), join(folder, "ca.pem")]).toString(),
  ) as { field: string; intact: boolean; valid: boolean; trusted: boolean; coverage: string }[];
  expect(report.map((s) => [s.field, s.intact, s.valid, s.trusted, s.coverage])).toEqual([
    ["lanh_dao", true, true, true, "ENTIRE_REVISION"],
    ["con_dau", true, true, true, "ENTIRE_FILE"],
  ]);
  const dossierCode = ((await page.locator("h1 .code").textContent()) ?? "").trim();
  await signOut(page);

  // Reception reads the lookup code off the dossier (it is printed on the receipt) and
  // returns the result electronically.
  await signIn(page, server, "04", "tiepnhan.01273");
  await page.goto(url);
  const lookup = ((await page.getByTestId("lookup-code").locator("code").textContent()) ?? "").trim();
  expect(lookup).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await page.getByRole("group", { name: "Thao tác" }).getByRole("button", { name: "Trả kết quả", exact: true }).click();
  const form = page.getByRole("form", { name: "Trả kết quả" });
  await form.getByLabel("Hình thức trả kết quả").selectOption("ELECTRONIC");
  await form.getByRole("button", { name: "Trả kết quả", exact: true }).click();
  await confirm(page);
  await expect(page.getByRole("status")).toContainText("Đã trả kết quả hồ sơ");
  await expect(page.locator("table.timeline")).toContainText("Trả bản điện tử (quyết định đã ký số)");
  await signOut(page);

  // The citizen, without an account, downloads the same file with the two codes.
  await page.getByRole("link", { name: "Công dân tra cứu và tải kết quả hồ sơ" }).click();
  const lookupForm = page.getByRole("form", { name: "Tra cứu kết quả" });
  await lookupForm.getByLabel("Mã hồ sơ").fill(dossierCode);
  await lookupForm.getByLabel("Mã tra cứu").fill("00000-00000");
  await lookupForm.getByRole("button", { name: "Tra cứu" }).click();
  await expect(page.getByRole("alert")).toContainText("không tìm thấy kết quả với mã hồ sơ và mã tra cứu này");
  await lookupForm.getByLabel("Mã tra cứu").fill(lookup.toLowerCase());
  await lookupForm.getByRole("button", { name: "Tra cứu" }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Tải quyết định (PDF có chữ ký số)" }).click(),
  ]);
  const saved = join(folder, "citizen.pdf");
  await download.saveAs(saved);
  // The latest issue (the re-issued file, which holds the first issue byte for byte).
  expect(readFileSync(saved).equals(latest)).toBe(true);
  expect(latest.subarray(0, pdf.length).equals(pdf)).toBe(true);
});
