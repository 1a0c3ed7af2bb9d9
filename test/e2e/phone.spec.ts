import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAs } from "./helpers.ts";

test.use({ viewport: { width: 390, height: 844 } });

/** How far the page itself scrolls sideways: 0 when everything fits or scrolls in its own box. */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test("a policy officer on a phone finds their way through the menu, and wide tables scroll in their own box", async ({
  page,
}) => {
  await signInAs(page, "policy@psmn.example");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Directory" })).toBeHidden();
  await nav.getByText("Menu", { exact: true }).click();
  await expect(nav.getByRole("link", { name: "Directory" })).toBeVisible();
  await expectAccessible(page);
  await nav.getByRole("link", { name: "Directory" }).click();
  await expect(page.getByRole("heading", { name: "Directory", level: 1 })).toBeVisible();
  // Following a link closes the menu again.
  await expect(nav.getByRole("link", { name: "Directory" })).toBeHidden();
  expect(await sidewaysOverflow(page)).toBe(0);
  // Scrolling in its own box, the table is still a table to a screen reader.
  await expect(page.getByRole("table").first()).toBeVisible();
  await expectAccessible(page);

  for (const path of ["/positions", "/manage/letters", "/surveys"]) {
    await page.goto(path);
    expect(await sidewaysOverflow(page), path).toBe(0);
    await expectAccessible(page);
  }

  await page.goto("/surveys");
  await page
    .getByRole("main")
    .getByRole("link", { name: /VAT on shared services/ })
    .first()
    .click();
  await page.getByRole("link", { name: "Results", exact: false }).first().click();
  await expect(page.getByRole("heading", { name: /^Results:/ })).toBeVisible();
  expect(await sidewaysOverflow(page)).toBe(0);
  await expectAccessible(page);
});

test("on a wide screen the navigation is a row with no menu button", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAs(page, "member@psmn.example");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByText("Menu", { exact: true })).toBeHidden();
  await expect(nav.getByRole("link", { name: "Your account" })).toBeVisible();
});
