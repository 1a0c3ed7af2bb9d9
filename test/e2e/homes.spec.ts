import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, latestEmailTo, linkIn, signInAs } from "./helpers.ts";

const MEMBER = "member@psmn.example"; // Daniel Osei, Northgate Community Health CIC
const LEADER = "leader@psmn.example"; // Joanna Whitfield, the same organisation
const DEMO_SURVEY = "VAT on shared services: what it costs you (2026)";
const DEMO_LETTER = "Let public service mutuals share services without paying VAT";
const DEMO_READY_CONSULTATION = "Community health services: commissioning intentions 2027 to 2030";
const SCREENS = process.env.HOMES_SCREENSHOTS;

/** Keeps a full-page picture of a home when asked (HOMES_SCREENSHOTS=<dir>), to look at by eye. */
async function keepPicture(page: Page, name: string) {
  if (SCREENS) await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
}

test("a member signs in, sees the survey in progress by a colleague and continues it", async ({
  page,
  browser,
}) => {
  // Joanna starts the organisation's answer from her emailed link, signed out.
  const invitation = await latestEmailTo(
    page.request,
    LEADER,
    new RegExp(`Survey: ${DEMO_SURVEY.replace(/[()]/g, "\\$&")}`),
  );
  const joannaContext = await browser.newContext();
  const joanna = await joannaContext.newPage();
  await joanna.goto(linkIn(invitation.text, "/s/"));
  await joanna.getByRole("link", { name: "Start now" }).click();
  await expect(joanna.getByText("Section 1 of 2")).toBeVisible();
  await joanna.getByLabel("Payroll", { exact: true }).check();
  await joanna.getByRole("button", { name: "Continue" }).click();
  await expect(joanna.getByText("Section 2 of 2")).toBeVisible();
  await joannaContext.close();

  // Daniel signs in: his home says where the answer stands and who saved it.
  await signInAs(page, MEMBER);
  const asked = page.getByRole("region", { name: "What is asked of you" });
  const survey = asked.getByRole("listitem").filter({ hasText: DEMO_SURVEY });
  await expect(survey).toContainText(
    /In progress: saved up to section 1 of 2 by Joanna Whitfield on \d{1,2} \w+ \d{4}/,
  );
  await expect(survey).toContainText("Closes at the end of");
  await expectAccessible(page);
  await keepPicture(page, "member-home");

  await survey.getByRole("button", { name: `Continue ${DEMO_SURVEY}` }).click();
  await expect(page).toHaveURL(/\/s\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText("1 of 2 sections saved so far.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Continue where you left off" }).click();
  await expect(page.getByText("Section 2 of 2")).toBeVisible();

  // /organisation is his home too, with the same list.
  await page.goto("/organisation");
  await expect(page.getByRole("region", { name: "What is asked of you" })).toContainText(DEMO_SURVEY);
  await expectAccessible(page);
});

test("a leader signs the open letter from their home", async ({ page }) => {
  await signInAs(page, LEADER);
  const asked = page.getByRole("region", { name: "What is asked of you" });
  const letter = asked.getByRole("listitem").filter({ hasText: DEMO_LETTER });
  await expect(letter).toContainText("Your organisation has not signed yet.");
  await expectAccessible(page);
  await keepPicture(page, "leader-home");

  await letter.getByRole("link", { name: `Sign ${DEMO_LETTER}` }).click();
  await expect(page.getByRole("heading", { name: "Check your details, then sign" })).toBeVisible();
  await page.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(page.getByRole("heading", { name: "You have signed" })).toBeVisible();

  await page.goto("/");
  await expect(
    page
      .getByRole("region", { name: "What is asked of you" })
      .getByRole("listitem")
      .filter({ hasText: DEMO_LETTER }),
  ).toContainText(/Signed by Joanna Whitfield on \d{1,2} \w+ \d{4}\./);
  await expectAccessible(page);
});

test("an administrator's home is a work queue that leads to the review waiting for them", async ({
  page,
}) => {
  await signInAs(page, "admin@psmn.example");
  const queue = page.getByRole("region", { name: "Your work queue" });
  const review = queue.getByRole("region", { name: "Waiting for your review" });
  await expect(
    review.getByRole("link", { name: "Leisure and libraries: future delivery model" }),
  ).toBeVisible();
  await expect(queue.getByRole("region", { name: "Internal deadlines in the next 14 days" })).toContainText(
    "Leisure and libraries: future delivery model",
  );
  await expect(queue.getByRole("region", { name: "Open surveys" })).toContainText(
    /\d+ of \d+ organisations responded/,
  );
  await expect(queue.getByRole("region", { name: "Open letters" })).toContainText(DEMO_LETTER);
  await expectAccessible(page);
  await keepPicture(page, "staff-home");
  await review.getByRole("link", { name: "Leisure and libraries: future delivery model" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Leisure and libraries");
});

test("a dead survey link offers a fresh one by email", async ({ page }) => {
  await page.goto(`/s/${"x".repeat(43)}`);
  await expect(page.getByRole("heading", { name: "This survey link does not work" })).toBeVisible();
  await expectAccessible(page);
  await keepPicture(page, "dead-link");
  await page.getByLabel("Your email address").fill(MEMBER);
  await page.getByRole("button", { name: "Email me a fresh link" }).click();
  await expect(page.getByRole("status")).toContainText("If that address was invited");
  await expectAccessible(page);
  const fresh = await latestEmailTo(
    page.request,
    MEMBER,
    new RegExp(`Reminder: please answer “${DEMO_SURVEY.replace(/[()]/g, "\\$&")}”`),
  );
  await page.goto(linkIn(fresh.text, "/s/"));
  await expect(page.getByRole("heading", { name: DEMO_SURVEY })).toBeVisible();
});

test("after staff mark a submission as submitted, a member whose organisation answered the cited survey sees it under where their evidence was used and gets the email", async ({
  page,
  browser,
}) => {
  // Someone whose organisation answered the demo survey: its receipt went to them.
  let responder = "";
  for (let mailboxPage = 1; !responder && mailboxPage < 20; mailboxPage++) {
    const response = await page.request.get(`/dev/mailbox.json?page=${mailboxPage}`);
    const messages: { to: string; subject: string }[] = await response.json();
    if (!messages.length) break;
    responder = messages.find((message) => message.subject.includes("Received: your answers to"))?.to ?? "";
  }
  expect(responder).not.toBe("");

  // The admin records that the approved response citing the survey was sent.
  await signInAs(page, "admin@psmn.example");
  await page.goto("/submissions");
  await page.getByRole("link", { name: DEMO_READY_CONSULTATION }).first().click();
  await expect(page).toHaveURL(/\/submissions\/\d+$/);
  await page.goto(`${new URL(page.url()).pathname}/record`);
  await expectAccessible(page);
  await page.getByLabel("Email", { exact: true }).check();
  await page.getByRole("button", { name: "Mark as submitted" }).click();
  await expect(page.getByRole("status")).toContainText("Recorded");

  // The member's page lists it, without saying which answer was theirs.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signInAs(member, responder);
  await member.goto("/organisation/evidence");
  const uses = member.getByRole("region", { name: "Where your evidence was used" });
  await expect(uses).toContainText(`Consultation response: ${DEMO_READY_CONSULTATION}, to UK Government`);
  await expectAccessible(member);
  await keepPicture(member, "evidence-used");

  // The day's email (sent on the worker's next tick in these stories: EVIDENCE_EMAIL_HOUR=0).
  const email = await latestEmailTo(member.request, responder, /^Your evidence was used/);
  expect(email.text).toContain(`Consultation response “${DEMO_READY_CONSULTATION}”, to UK Government`);
  expect(linkIn(email.text, "/organisation/evidence")).toMatch(/\/organisation\/evidence$/);
  expect(email.text).not.toMatch(/\d+%|your answer|you answered/i);
  await memberContext.close();
});
