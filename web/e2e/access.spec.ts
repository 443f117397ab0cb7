// Accessibility and small screens: the desk, a dossier page and the sign-in page checked by axe
// against WCAG 2.1 A and AA (labels, names, contrast, landmarks), and the dossier page read on
// a phone without sideways scrolling.
import AxeBuilder from "@axe-core/playwright";
import { type Page } from "@playwright/test";
import { expect, signIn, test } from "./server";

/** The WCAG 2.1 A/AA rules axe finds broken on the page, with the elements concerned. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Opens the first dossier of the in-progress folder. */
async function openFirstDossier(page: Page) {
  await page.getByRole("link", { name: /Hồ sơ đã tiếp nhận và đang xử lý/ }).click();
  await page.locator("tbody tr").first().getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("holder")).not.toHaveText("");
}

test("the sign-in page, the desk and a dossier page pass axe's WCAG 2.1 AA rules", async ({ page, server }) => {
  await page.goto(`${server.url}/`);
  await expect(page.getByRole("button", { name: "Đăng nhập" })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await signIn(page, server, "04", "tiepnhan.01273");
  await expect(page.locator("tbody tr").first()).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await openFirstDossier(page);
  expect(await violations(page)).toEqual([]);
});

test("a dossier page reads on a phone without sideways scrolling", async ({ page, server }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, server, "04", "tiepnhan.01273");
  await openFirstDossier(page);
  await expect(page.getByRole("heading", { name: "Tiến độ xử lý hồ sơ" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
