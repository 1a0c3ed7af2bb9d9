import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAs } from "./helpers.ts";

/** Every script error and console error the page raises: a failed hydration is one (React #418/#423). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return errors;
}

test("policy staff open the evidence library and the page hydrates without an error", async ({ page }) => {
  const errors = collectErrors(page);
  await signInAs(page, "policy@psmn.example", "/evidence");
  await page.goto("/evidence");
  await expect(page.getByRole("heading", { name: "Evidence library" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // Hydrated: React has attached to the page the server sent, rather than rendering it again.
  await page.waitForFunction(() => document.readyState === "complete");
  await expectAccessible(page);
  const body = await page.request.get("/evidence");
  expect((await body.body()).includes(0)).toBe(false);
  expect(errors).toEqual([]);
});
