import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { expectAccessible, fillDate, latestEmailTo, signInAs } from "./helpers.ts";

const policy = "policy@psmn.example";
const admin = "admin@psmn.example";
const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const run = `${Date.now().toString(36)}`;

async function signedIn(browser: Browser, email: string, then: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, email, then);
  return page;
}

/** Waits for React to take over the page, so buttons that need JavaScript work. */
async function hydrated(page: Page) {
  await page.waitForLoadState("networkidle");
}

async function publishPositionUrgently(page: Page, title: string) {
  await page.goto("/positions/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("Mutuals should recover VAT on shared services.");
  await page.getByLabel("VAT").check();
  await page
    .getByLabel("Text (Markdown)")
    .fill(
      "Mutuals pay VAT that the councils they replaced could recover.\n\n::: england\nIn England, section 33 refunds stop at the council.\n:::\n\n::: scotland\nIn Scotland the same applies.\n:::",
    );
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await page.getByText("Urgent: publish now, review afterwards").click();
  await page.getByLabel("Why it cannot wait for review").fill("A consultation response needs it");
  await page.getByLabel(/I understand it is published at once/).check();
  await page.getByRole("button", { name: "Publish without review" }).click();
  await expect(page.getByRole("status")).toContainText("Published without review");
}

async function addFigure(page: Page, label: string): Promise<string> {
  await page.goto("/evidence/new");
  await page.getByLabel("Figure (a number)").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Short label").fill(label);
  await page.getByLabel("The number").fill("62");
  await page.getByLabel("Unit (optional)").fill("%");
  await page.getByLabel("How many answered, n (optional)").fill("312");
  await page.getByLabel("Date the figure describes").fill("2026-09-30");
  await page.getByLabel("Where it came from").fill("Members' VAT survey, autumn 2026");
  await page.getByRole("button", { name: "Add to the library" }).click();
  await expect(page.getByRole("status")).toContainText("Added to the library.");
  return page.locator("p", { hasText: "Cite it as" }).locator("code").innerText();
}

test("policy staff adopt a consultation from the radar, draft answers from a position and survey evidence, get approval, export the DOCX and mark it submitted", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const positionTitle = `VAT on shared services ${run}`;
  const consultationTitle = `VAT: cost sharing for public service mutuals ${run}`;
  const alex = await signedIn(browser, admin, "/positions");
  await publishPositionUrgently(alex, positionTitle);

  const page = await signedIn(browser, policy, "/submissions");
  await expect(page.getByRole("heading", { name: "Consultation submissions" })).toBeVisible();
  await expectAccessible(page);
  const citation = await addFigure(page, `Members paying irrecoverable VAT ${run}`);

  // The radar: a consultation added by hand, adopted, then "Start the submission".
  await page.goto("/consultations/new");
  await page.getByLabel("Title").fill(consultationTitle);
  await page.getByLabel("Government body").fill("HM Treasury");
  await page.getByLabel("Level of government").selectOption("national");
  await page
    .getByLabel("Link to the consultation")
    .fill("https://www.gov.uk/government/consultations/vat-cost-sharing");
  await fillDate(page, "Opening date", isoDay(0));
  await fillDate(page, "Closing date", isoDay(30));
  await page.getByRole("button", { name: "Add consultation" }).click();
  await page.getByRole("button", { name: "Adopt: we will respond" }).click();
  await page.getByRole("link", { name: "Start the submission" }).click();

  // New submission: paste the questions, preview the split, create.
  await expect(page.getByRole("heading", { name: "New submission", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Which government is it addressed to?")).toHaveValue("uk_government");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Create submission" }).click();
  await expect(page.getByRole("alert")).toContainText("Paste the consultation's questions");
  await expectAccessible(page);
  await page
    .getByLabel("The consultation's questions")
    .fill(
      "Please answer as many as you wish.\n\nQuestion 1: Should the exemption extend to public service mutuals?\nQuestion 2: What would it cost you?\n(a) in the first year\n(b) later\nQuestion 3: Anything else?",
    );
  await page.getByRole("button", { name: "Preview the questions" }).click();
  await expect(page.getByRole("heading", { name: "3 questions found" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Create submission" }).click();
  await expect(page.getByRole("heading", { name: consultationTitle, level: 1 })).toBeVisible();
  await expect(page.getByText("Drafting", { exact: true })).toBeVisible();
  await expect(page.getByText(/Our members are \d+ mutuals/)).toBeVisible();
  await expectAccessible(page);
  const submissionUrl = page.url();

  // Answer question 1 from the position (as UK Government reads it) and the survey figure.
  await page.getByRole("link", { name: "Write the answer to question 1" }).click();
  await expect(page.getByRole("heading", { name: "Question 1", level: 1 })).toBeVisible();
  await page.getByLabel("Position", { exact: true }).selectOption({ label: `${positionTitle} (published)` });
  await page.getByRole("button", { name: "Show its text" }).click();
  const positionText = page.getByLabel(/for the UK Government/);
  await expect(positionText).toHaveValue(/In England, section 33 refunds stop at the council\./);
  await expect(positionText).not.toHaveValue(/In Scotland/);
  await expectAccessible(page);
  await hydrated(page);
  await page.getByLabel("Answer (Markdown)").click();
  await page.getByRole("button", { name: "Insert the position’s text" }).click();
  await page.getByLabel("Answer (Markdown)").press("Control+End");
  await page
    .getByLabel("Answer (Markdown)")
    .pressSequentially(`\n\nMost members pay it ${citation}, as they said again ${citation}${citation}.`);
  await expect(page.getByRole("region", { name: "Preview" })).toContainText("Most members pay it", {
    timeout: 10_000,
  });
  await page.getByRole("button", { name: "Save answer" }).click();
  await expect(page.getByRole("status")).toContainText("Answer saved.");
  await expect(page.getByText("In England, section 33 refunds stop at the council.")).toBeVisible();
  await expectAccessible(page);

  // Review: Alex approves; the figures freeze.
  await page.getByLabel("Reviewer", { exact: true }).selectOption({ label: "Alex Morgan" });
  await page.getByRole("button", { name: "Ask for review" }).click();
  await expect(page.getByRole("status")).toContainText("Review requested");
  await latestEmailTo(page.request, admin, /Review requested: submission/);
  await alex.goto(submissionUrl);
  await expectAccessible(alex);
  await alex.getByLabel("Comment (optional)").fill("Good to send");
  await alex.getByRole("button", { name: "Approve" }).click();
  await expect(alex.getByRole("status")).toContainText("Approved");
  await latestEmailTo(page.request, policy, /Approved: submission/);

  // Export the DOCX: questions, answers and the footnote with its source and n.
  await page.goto(submissionUrl);
  await expect(page.getByText("Figures frozen at approval.")).toBeVisible();
  await expectAccessible(page);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the Word document (DOCX)" }).click();
  const download = await downloading;
  const docx = await readFile((await download.path()) ?? "");
  const files = unzipSync(new Uint8Array(docx));
  expect(strFromU8(files["word/document.xml"] ?? new Uint8Array())).toContain("Should the exemption extend");
  expect(strFromU8(files["word/document.xml"] ?? new Uint8Array())).toContain("Most members pay it");
  expect(strFromU8(files["word/footnotes.xml"] ?? new Uint8Array())).toContain("n = 312");

  // The paste pack, for the online form.
  await page.getByRole("link", { name: "Paste pack for an online form" }).click();
  await expect(page.getByRole("heading", { name: "Paste pack" })).toBeVisible();
  await expect(page.getByLabel("Answer to question 1, as plain text")).toHaveValue(
    /Most members pay it \[1\], as they said again \[1\]\[1\]\./,
  );
  await expectAccessible(page);

  // Mark it submitted: the record holds the hash of exactly the file downloaded.
  await page.goto(`${submissionUrl}/record`);
  await expectAccessible(page);
  await page.getByLabel("Online form").check();
  await page.getByLabel("Reference (optional)").fill("HMT-2026-4471");
  await page.getByRole("button", { name: "Mark as submitted" }).click();
  await expect(page.getByRole("status")).toContainText("Recorded");
  await expect(page.getByText("Online form, reference HMT-2026-4471")).toBeVisible();
  await expect(page.locator("code.hash").first()).toHaveText(createHash("sha256").update(docx).digest("hex"));
  await expectAccessible(page);

  // Publish it: a public page anyone can read.
  await page.goto(submissionUrl);
  await expect(page.getByText("Submitted", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Publish on a public page" }).click();
  await page.getByRole("link", { name: /^\/c\// }).click();
  await expect(
    page.getByRole("heading", { name: `Response to: ${consultationTitle}`, level: 1 }),
  ).toBeVisible();
  await expect(page.getByText("Most members pay it")).toBeVisible();
  await expectAccessible(page);
});
