import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, latestEmailTo, linkIn } from "./helpers.ts";

const MEMBER = "member@psmn.example"; // Daniel Osei, Northgate Community Health CIC
const LEADER = "leader@psmn.example"; // Joanna Whitfield, the same organisation
const DEMO_SURVEY = /Survey: VAT on shared services: what it costs you \(2026\)/;
const FOLLOW_UP = "Which service did you decide not to share? (optional)";
const FILE = "Attach a document that shows what VAT cost you (optional)";
const DECIDED = "Have you decided against sharing a service because of VAT? (optional)";

const pdf = (name: string) => ({
  name,
  mimeType: "application/pdf",
  buffer: Buffer.from(
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  ),
});
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** axe runs in the page, so a page seen without JavaScript is checked as served, in a twin context that has it. */
async function expectAccessibleAsServed(browser: Browser, page: Page) {
  // The runner's `use` options apply to every context: ask for JavaScript, which axe needs.
  const twin = await browser.newContext({ javaScriptEnabled: true });
  const copy = await twin.newPage();
  await copy.goto(page.url());
  await expectAccessible(copy);
  await twin.close();
}

/** From the emailed link to section 2, with the first section answered. */
async function toSectionTwo(page: Page, email: string, check: (page: Page) => Promise<void>) {
  const invitation = await latestEmailTo(page.request, email, DEMO_SURVEY);
  const link = linkIn(invitation.text, "/s/");
  await page.goto(link);
  await check(page);
  // A colleague may have saved already: open the first page itself, as its Change links do.
  await page.goto(`${link}/1`);
  await expect(page.getByText("Section 1 of 2")).toBeVisible();
  await check(page);
  await page.getByLabel("Payroll", { exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Section 2 of 2")).toBeVisible();
}

test("a member answers, a follow-up question appears only after a yes, and they attach a PDF", async ({
  page,
}) => {
  await toSectionTwo(page, LEADER, expectAccessible);
  await expect(page.getByLabel(FOLLOW_UP)).toHaveCount(0);
  await expectAccessible(page);
  await page
    .getByRole("group", { name: /How much has VAT held back/ })
    .getByLabel("3")
    .check();
  await page.getByRole("group", { name: DECIDED }).getByLabel("Yes").check();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByText("Your answer brought in another question on this page")).toBeVisible();
  await expect(page.getByLabel(FOLLOW_UP)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(FOLLOW_UP).fill("Payroll with our neighbouring trust");
  await page.getByLabel(FILE).setInputFiles(pdf("VAT return 2025.pdf"));
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { name: "Check your answers", level: 1 })).toBeVisible();
  await expect(page.getByText("VAT return 2025.pdf")).toBeVisible();
  await expect(page.getByText("Payroll with our neighbouring trust")).toBeVisible();
  await expectAccessible(page);
});

test("an upload with a false extension is refused", async ({ page }) => {
  await toSectionTwo(page, LEADER, async () => {});
  await page
    .getByLabel(FILE)
    .setInputFiles({ name: "VAT return.pdf", mimeType: "application/pdf", buffer: PNG });
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByRole("link", { name: /ends \.pdf but it is a PNG/ })).toBeVisible();
  await expectAccessible(page);
  await page
    .getByLabel(FILE)
    .setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("just text") });
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("link", { name: /not one of the types we take/ })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a member without JavaScript sees the same", async ({ page, browser }) => {
    // Each page is checked by axe in a twin context with JavaScript: slower than the other stories.
    test.setTimeout(120_000);
    await toSectionTwo(page, MEMBER, async (p) => expectAccessibleAsServed(browser, p));
    const decided = page.getByRole("group", { name: DECIDED });
    const changeDecided = page.getByRole("link", { name: /Change your answer to Have you decided against/ });
    await page
      .getByRole("group", { name: /How much has VAT held back/ })
      .getByLabel("3")
      .check();
    await decided.getByLabel("No").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "Check your answers", level: 1 })).toBeVisible();

    // A yes brings the follow-up in, on a page served again by the server.
    await changeDecided.click();
    await expect(page.getByLabel(FOLLOW_UP)).toHaveCount(0);
    await decided.getByLabel("Yes").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText("Your answer brought in another question on this page")).toBeVisible();
    await expect(page.getByLabel(FOLLOW_UP)).toBeVisible();
    await expectAccessibleAsServed(browser, page);
    await page.getByLabel(FOLLOW_UP).fill("IT support");
    await page.getByLabel(FILE).setInputFiles(pdf("Board paper.pdf"));
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText("Board paper.pdf")).toBeVisible();
    await expect(page.getByText("IT support")).toBeVisible();

    // A no now would lose the follow-up's answer: the check page says so before anything is sent.
    await changeDecided.click();
    await decided.getByLabel("No").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(
      page.getByText(
        "You changed “Have you decided against sharing a service because of VAT?”, so your answer to “Which service did you decide not to share?” will not be sent.",
      ),
    ).toBeVisible();
    await expectAccessibleAsServed(browser, page);
    await changeDecided.click();
    await decided.getByLabel("Yes").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByLabel(FOLLOW_UP)).toHaveValue("IT support");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText("will not be sent")).toHaveCount(0);
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByText(/submitted/i).first()).toBeVisible();
    await expectAccessibleAsServed(browser, page);
  });
});
