import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, fillDate, signInAs } from "./helpers.ts";

const policy = "policy@psmn.example";
const admin = "admin@psmn.example";
const run = `${Date.now().toString(36)}`;
const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function signedIn(browser: Browser, email: string, then: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, email, then);
  return page;
}

/** A submission with one question, made through the radar as staff do; gives its question's editor. */
async function submissionWithOneQuestion(page: Page): Promise<string> {
  await page.goto("/consultations/new");
  await page.getByLabel("Title").fill(`Pensions for transferred staff ${run}`);
  await page.getByLabel("Government body").fill("HM Treasury");
  await page.getByLabel("Level of government").selectOption("national");
  await page
    .getByLabel("Link to the consultation")
    .fill("https://www.gov.uk/government/consultations/pensions-transfers");
  await fillDate(page, "Opening date", isoDay(0));
  await fillDate(page, "Closing date", isoDay(30));
  await page.getByRole("button", { name: "Add consultation" }).click();
  await page.getByRole("button", { name: "Adopt: we will respond" }).click();
  await page.getByRole("link", { name: "Start the submission" }).click();
  await page
    .getByLabel("The consultation's questions")
    .fill("Question 1: Should pension access follow staff?");
  await page.getByRole("button", { name: "Create submission" }).click();
  await page.getByRole("link", { name: "Write the answer to question 1" }).click();
  await expect(page.getByRole("heading", { name: "Question 1", level: 1 })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Types at the end of the answer and waits until the live preview has shown it. */
async function typeAndPreview(page: Page, text: string, shown: string) {
  const answer = page.getByLabel("Answer (Markdown)");
  await answer.press("Control+End");
  await answer.pressSequentially(text);
  await expect(page.getByRole("region", { name: "Preview" })).toContainText(shown);
  await page.waitForLoadState("networkidle");
}

test("two staff edit one answer at once with JavaScript on: the later save is refused with both texts, and nobody's text is lost", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const priya = await signedIn(browser, policy, "/submissions");
  const editor = await submissionWithOneQuestion(priya);
  const alex = await signedIn(browser, admin, editor);
  await expect(alex.getByRole("heading", { name: "Question 1", level: 1 })).toBeVisible();
  await priya.waitForLoadState("networkidle");
  await alex.waitForLoadState("networkidle");

  // A live preview reloads none of the page's data: that reload used to bring in a colleague's save.
  const reloads: string[] = [];
  priya.on("request", (request) => {
    if (request.method() === "GET" && new URL(request.url()).pathname.endsWith(".data"))
      reloads.push(request.url());
  });
  await typeAndPreview(priya, "MINE first thoughts", "MINE first thoughts");

  await typeAndPreview(alex, "THEIRS, saved first", "THEIRS, saved first");
  await alex.getByRole("button", { name: "Save answer" }).click();
  await expect(alex.getByRole("status")).toContainText("Answer saved.");

  // Priya keeps typing after Alex saved: her box still holds her text, not Alex's.
  await typeAndPreview(priya, " and more", "MINE first thoughts and more");
  await expect(priya.getByLabel("Answer (Markdown)")).toHaveValue("MINE first thoughts and more");
  expect(reloads).toEqual([]);

  await priya.getByRole("button", { name: "Save answer" }).click();
  const conflict = priya.getByRole("alert").filter({ hasText: "Not saved" });
  await expect(conflict).toContainText("someone else saved this answer while you were editing");
  await expect(priya.getByLabel("Their saved answer")).toHaveValue("THEIRS, saved first");
  await expect(priya.getByLabel("Answer (Markdown)")).toHaveValue("MINE first thoughts and more");
  await expectAccessible(priya);

  // Keep mine: a deliberate save over theirs, which she has seen.
  await priya.getByRole("button", { name: "Save my answer" }).click();
  await expect(priya.getByRole("status")).toContainText("Answer saved.");
  await expect(priya.getByText("MINE first thoughts and more")).toBeVisible();

  // Alex had the editor open on the older text; Priya's save reaches him as a conflict, and he takes hers.
  await alex.goto(editor);
  await alex.waitForLoadState("networkidle");
  await priya.goto(editor);
  await priya.waitForLoadState("networkidle");
  await typeAndPreview(priya, " (final)", "MINE first thoughts and more (final)");
  await priya.getByRole("button", { name: "Save answer" }).click();
  await expect(priya.getByRole("status")).toContainText("Answer saved.");
  await typeAndPreview(alex, " ALEX again", "ALEX again");
  await alex.getByRole("button", { name: "Save answer" }).click();
  await expect(alex.getByLabel("Their saved answer")).toHaveValue("MINE first thoughts and more (final)");
  await alex.getByRole("link", { name: "Use their answer and discard mine" }).click();
  await expect(alex.getByRole("alert").filter({ hasText: "Not saved" })).toHaveCount(0);
  await expect(alex.getByLabel("Answer (Markdown)")).toHaveValue("MINE first thoughts and more (final)");
});
