import { expect, test } from "@playwright/test";
import { expectAccessible, signInAs } from "./helpers.ts";

test("an administrator checks the email outbox and their sessions", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await signInAs(page, "admin@psmn.example");
  await expect(page.getByRole("heading", { name: /Welcome, / })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Email outbox" }).click();
  await expect(page.getByRole("heading", { name: "Email outbox" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "admin@psmn.example" }).first()).toBeVisible();
  await page.getByRole("link", { name: /Waiting to send/ }).click();
  await expect(page).toHaveURL(/status=pending/);
  await expectAccessible(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your account" }).click();
  await expect(page.getByRole("cell", { name: "This device" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dev mailbox" }).click();
  await expect(page.getByRole("heading", { name: "Dev mailbox" })).toBeVisible();
  await expectAccessible(page);
  const htmlVersion = page.getByRole("link", { name: /^HTML version of/ }).first();
  const html = await page.request.get((await htmlVersion.getAttribute("href")) ?? "");
  expect(html.headers()["content-type"]).toMatch(/^text\/html/);
  expect(await html.text()).toContain("<html");
  expect(errors).toEqual([]);
});

test("a member sees only what members may use, and staff pages are refused", async ({ page }) => {
  await signInAs(page, "leader@psmn.example");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Your account" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Email outbox" })).toHaveCount(0);
  await expect(page.getByText("can sign open letters for your organisation")).toBeVisible();
  const response = await page.goto("/admin/outbox");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await expectAccessible(page);
});
