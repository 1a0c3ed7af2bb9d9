import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, latestEmailTo, linkIn, signInAs as signInThroughEmail } from "./helpers.ts";

const policy = "policy@psmn.example";
const admin = "admin@psmn.example";
const member = "member@psmn.example";

async function signInAs(page: Page, email: string) {
  await signInThroughEmail(page, email);
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
}

async function signedInPage(browser: Browser, email: string, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signInAs(page, email);
  return { context, page };
}

/** Waits for React to take over the page, so clicks reach JavaScript handlers. */
async function hydrated(page: Page) {
  await page.waitForFunction(
    () => document.querySelector("button.button--small") !== null || document.readyState === "complete",
  );
  await page.waitForLoadState("networkidle");
}

async function addFigure(page: Page, label: string): Promise<string> {
  await page.goto("/evidence");
  await expect(page.getByRole("heading", { name: "Evidence library" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Add evidence" }).click();
  await page.getByLabel("Figure (a number)").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expectAccessible(page);
  // A mistake first: the form says what is wrong and keeps the typing.
  await page.getByLabel("Short label").fill(label);
  await page.getByLabel("The number").fill("sixty-two");
  await page.getByRole("button", { name: "Add to the library" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter the number using digits");
  await expect(page.getByLabel("Short label")).toHaveValue(label);
  await expectAccessible(page);
  await page.getByLabel("The number").fill("62");
  await page.getByLabel("Unit (optional)").fill("%");
  await page.getByLabel("How many answered, n (optional)").fill("312");
  await page.getByLabel("Date the figure describes").fill("2025-03-31");
  await page.getByLabel("Where it came from").fill("Members' VAT survey, spring 2025");
  await page.getByRole("button", { name: "Add to the library" }).click();
  await expect(page.getByRole("status")).toContainText("Added to the library.");
  await expectAccessible(page);
  const citation = await page.locator("p", { hasText: "Cite it as" }).locator("code").innerText();
  expect(citation).toMatch(/^\[@ev:\d+\]$/);
  return citation;
}

async function createPosition(page: Page, title: string, body: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Positions" }).click();
  await expect(page.getByRole("heading", { name: "Policy positions" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "New position" }).click();
  await expectAccessible(page);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("Mutuals should recover VAT on shared services, as councils do.");
  await page.getByLabel("VAT").check();
  await page.getByLabel(/^Public:/).check();
  await page.getByLabel("Text (Markdown)").fill(body);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expectAccessible(page);
}

const body = `## The problem

Mutuals pay VAT that the councils they replaced could recover.

::: scotland
In Scotland, councils recover VAT under section 33 of the VAT Act 1994.
:::

::: wales
In Wales, the same applies to Welsh councils.
:::

<script>window.pwned = true</script>`;

test("policy staff draft a position, request review, the reviewer sends it back, it is approved and published", async ({
  browser,
  request,
}) => {
  // A long story on a shared, slow machine.
  test.setTimeout(240_000);
  const author = await signedInPage(browser, policy);
  const page = author.page;
  const citation = await addFigure(page, "Members paying irrecoverable VAT");
  await createPosition(page, "VAT on shared services", body);
  // Raw HTML in the text stays text.
  await expect(page.getByText("<script>window.pwned = true</script>")).toBeVisible();
  expect(await page.evaluate(() => "pwned" in window)).toBe(false);

  // Cite the figure from the picker, at the cursor, and watch the live preview.
  await page.getByRole("link", { name: "Edit the text" }).click();
  await hydrated(page);
  await expectAccessible(page);
  const textarea = page.getByLabel("Text (Markdown)");
  await textarea.click();
  await textarea.press("Control+Home");
  await textarea.press("Control+End");
  await textarea.pressSequentially("\n\nMost of our members pay it ");
  await page.getByRole("button", { name: "Insert citation to Members paying irrecoverable VAT" }).click();
  await expect(textarea).toHaveValue(new RegExp(`pay it \\${citation.slice(0, -1)}\\]`));
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByText("(n = 312)")).toBeVisible();
  await expect(preview.getByText("Scotland only")).toBeVisible();
  await page.getByLabel("What changed (optional)").fill("Cited the survey figure");
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as a new version.");
  await expect(page.getByText("Cited the survey figure")).toBeVisible();
  await expectAccessible(page);

  // Ask Alex for review.
  await page.getByLabel("Reviewer", { exact: true }).selectOption({ label: "Alex Morgan" });
  await page.getByLabel("Message to the reviewer (optional)").fill("Please check the Welsh block");
  await page.getByRole("button", { name: "Ask for review" }).click();
  await expect(page.getByRole("status")).toContainText("Review requested");
  await expect(page.getByText("In review", { exact: true })).toBeVisible();
  await expectAccessible(page);

  // Alex follows the email and sends it back.
  const reviewer = await signedInPage(browser, admin);
  const requestEmail = await latestEmailTo(request, admin, /^Review requested: VAT on shared services/);
  expect(requestEmail.text).toContain("Please check the Welsh block");
  await reviewer.page.goto(linkIn(requestEmail.text, "/positions/"));
  await expectAccessible(reviewer.page);
  await reviewer.page.getByRole("button", { name: "Send back" }).click();
  await expect(reviewer.page.getByRole("alert")).toContainText("Say what needs to change");
  await expectAccessible(reviewer.page);
  await reviewer.page.getByLabel("What needs to change").fill("Add the Northern Ireland position");
  await reviewer.page.getByRole("button", { name: "Send back" }).click();
  await expect(reviewer.page.getByRole("status")).toContainText("Sent back to draft");

  const backEmail = await latestEmailTo(request, policy, /^Sent back for changes: VAT on shared services/);
  expect(backEmail.text).toContain("Add the Northern Ireland position");

  // Priya makes the change and asks again.
  await page.goto(linkIn(backEmail.text, "/positions/"));
  await expect(page.getByText("Add the Northern Ireland position")).toBeVisible();
  await page.getByRole("link", { name: "Edit the text" }).click();
  await page.getByLabel("Text (Markdown)").press("Control+End");
  await page
    .getByLabel("Text (Markdown)")
    .pressSequentially(
      "\n\n::: northern-ireland\nIn Northern Ireland, departments commission directly.\n:::\n",
    );
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as a new version.");
  await page.getByLabel("Reviewer", { exact: true }).selectOption({ label: "Alex Morgan" });
  await page.getByRole("button", { name: "Ask for review" }).click();
  await expect(page.getByRole("status")).toContainText("Review requested");

  // Alex approves.
  await reviewer.page.reload();
  await reviewer.page.getByLabel("Comment (optional)").fill("Good to go");
  await reviewer.page.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.page.getByRole("status")).toContainText("Approved");
  await expectAccessible(reviewer.page);
  const approvedEmail = await latestEmailTo(request, policy, /^Approved: VAT on shared services/);
  expect(approvedEmail.text).toContain("Good to go");

  // Priya publishes.
  await page.reload();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toContainText("Published");
  await expectAccessible(page);

  // The history keeps every version, and any two compare word by word.
  await page.getByRole("link", { name: "History and comparisons" }).click();
  await expect(page.getByRole("heading", { name: "Version 2 → version 3" })).toBeVisible();
  await expect(page.locator("ins").filter({ hasText: "departments commission directly" })).toBeVisible();
  await expectAccessible(page);

  // Variants for two governments differ only in their nation blocks.
  await page.goto(page.url().replace(/\/versions.*$/, "/variants?a=scottish_government&b=welsh_government"));
  await expect(page.locator("del").filter({ hasText: "section 33" })).toBeVisible();
  await expect(page.locator("ins").filter({ hasText: "Welsh councils" })).toBeVisible();
  await expectAccessible(page);
  const slug = new URL(page.url()).pathname.split("/")[2];

  // A member reads it, as the Scottish Government would.
  const reader = await signedInPage(browser, member);
  await reader.page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Positions" })
    .click();
  // The home page links a campaign of the same name: wait until the positions list has replaced it.
  await expect(reader.page.getByRole("heading", { name: "Policy positions", level: 1 })).toBeVisible();
  await reader.page.getByRole("link", { name: "VAT on shared services", exact: true }).click();
  await reader.page.getByLabel("Show the text as read by").selectOption({ label: "Scottish Government" });
  await reader.page.getByRole("button", { name: "Show" }).click();
  await expect(reader.page.getByText("section 33 of the VAT Act 1994")).toBeVisible();
  await expect(reader.page.getByText("Welsh councils")).toHaveCount(0);
  await expect(reader.page.getByRole("heading", { name: "Sources" })).toBeVisible();
  await expect(reader.page.getByText(/62%, 31 March 2025.*\(n = 312\)/)).toBeVisible();
  await expect(reader.page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await expectAccessible(reader.page);
  // Leave no second session behind for stories that count the member's devices.
  await reader.page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(
    reader.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }),
  ).toBeVisible();

  // And anyone can read the public page, without signing in.
  const anonymous = await browser.newContext();
  const publicPage = await anonymous.newPage();
  const response = await publicPage.goto(`/p/${slug}`);
  expect(response?.status()).toBe(200);
  await expect(publicPage.getByRole("heading", { name: "VAT on shared services", level: 1 })).toBeVisible();
  await publicPage.emulateMedia({ media: "print" });
  await expect(publicPage.locator(".site-header")).toBeHidden();
  await publicPage.emulateMedia({ media: "screen" });
  await expectAccessible(publicPage);

  for (const context of [author.context, reviewer.context, reader.context, anonymous]) await context.close();
});

test("two staff edit the same draft; the second save is refused and merged", async ({ browser }) => {
  test.setTimeout(120_000);
  const priya = await signedInPage(browser, policy);
  await createPosition(
    priya.page,
    "Pensions for transferred staff",
    "Staff keep their pension when they transfer.",
  );
  const editUrl = `${priya.page.url()}/edit`;
  const alex = await signedInPage(browser, admin);

  await priya.page.goto(editUrl);
  await alex.page.goto(editUrl);
  await priya.page
    .getByLabel("Text (Markdown)")
    .fill("Staff keep their LGPS pension when they transfer to a mutual.");
  await priya.page.getByRole("button", { name: "Save new version" }).click();
  await expect(priya.page.getByRole("status")).toContainText("Saved as a new version.");

  const mine = "Staff keep their pension when they transfer, and new starters can join.";
  await alex.page.getByLabel("Text (Markdown)").fill(mine);
  await alex.page.getByRole("button", { name: "Save new version" }).click();
  const conflict = alex.page.getByRole("alert");
  await expect(conflict).toContainText("Not saved: someone else saved while you were editing");
  await expect(conflict).toContainText("Priya Shah saved version 2");
  await expect(conflict.locator("ins").filter({ hasText: "LGPS" })).toBeVisible();
  await expect(alex.page.getByLabel("Text (Markdown)")).toHaveValue(mine);
  await expectAccessible(alex.page);

  await alex.page
    .getByLabel("Text (Markdown)")
    .fill("Staff keep their LGPS pension when they transfer to a mutual, and new starters can join.");
  await alex.page.getByLabel("What changed (optional)").fill("Merged with Priya's edit");
  await alex.page.getByRole("button", { name: "Save new version" }).click();
  await expect(alex.page.getByRole("status")).toContainText("Saved as a new version.");

  await alex.page.getByRole("link", { name: "History and comparisons" }).click();
  await expect(alex.page.getByRole("row")).toHaveCount(4);
  await expect(alex.page.getByRole("cell", { name: "Merged with Priya's edit" })).toBeVisible();
  await expectAccessible(alex.page);
  await priya.context.close();
  await alex.context.close();
});

test("without JavaScript the Preview button renders the text and the citation list can be copied", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { context, page } = await signedInPage(browser, policy);
  // The app's scripts never load, so nothing hydrates; axe can still be injected to check each page.
  await page.route(/\/build\/.*\.js$/, (route) => route.abort());
  await page.goto("/");
  await createPosition(page, "Commissioning social value", "First words.");
  await page.getByRole("link", { name: "Edit the text" }).click();
  await expect(page.getByRole("button", { name: /^Insert/ })).toHaveCount(0);
  await expect(page.locator(".citation-picker code").first()).toHaveText(/^\[@ev:\d+\]$/);
  await page
    .getByLabel("Text (Markdown)")
    .fill("## Social value\n\nSee [@ev:999999] and [our site](javascript:alert(1)).");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("heading", { name: "Social value" })).toBeVisible();
  await expect(preview.getByText("[evidence 999999: not found]")).toBeVisible();
  await expect(preview.getByText("cites evidence that does not exist")).toBeVisible();
  await expect(preview.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(page.getByLabel("Text (Markdown)")).toHaveValue(/Social value/);
  await expectAccessible(page);
  await context.close();
});
