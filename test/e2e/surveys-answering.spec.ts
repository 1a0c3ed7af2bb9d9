import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { expectAccessible, fillDate, latestEmailTo, linkIn, signInAs } from "./helpers.ts";

const MEMBER = "member@psmn.example"; // Daniel Osei, Northgate Community Health CIC
const LEADER = "leader@psmn.example"; // Joanna Whitfield, the same organisation

/** axe runs in the page, so a page seen without JavaScript is checked as served, in a twin context that has it. */
async function expectAccessibleAsServed(browser: Browser, page: Page) {
  const twin = await browser.newContext();
  const copy = await twin.newPage();
  await copy.goto(page.url());
  await expectAccessible(copy);
  await twin.close();
}

/** Staff build a two-section survey through the builder and open it; the audience is the demo organisation's nation and service area. */
async function buildAndOpen(page: Page, title: string, mode: "organisation" | "person") {
  await signInAs(page, "policy@psmn.example", "/surveys");
  await expect(page.getByRole("heading", { name: "Surveys", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Create a survey" }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Introduction").fill("Tell us what shared services cost you.");
  await page
    .getByLabel(mode === "organisation" ? /One response per organisation/ : "One response per person")
    .check();
  await page.getByLabel("Named: staff see who answered").check();
  await page.getByLabel("England").check();
  await page.getByLabel("Health").check();
  await fillDate(page, "Closing date", "2099-12-31");
  await page.getByLabel("Disclosure threshold").fill("2");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("link", { name: /threshold must be at least 3/ })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await page.getByLabel("Disclosure threshold").fill("5");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(title), level: 1 })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Add a question to About you" }).click();
  // Type first: the form then asks only for that type's settings.
  await expect(page.getByRole("group", { name: "Type of question" })).toBeVisible();
  await expect(page.getByLabel("Choices, one on each line")).toHaveCount(0);
  await expectAccessible(page);
  await page.getByLabel("Scale", { exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Lowest point", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Choices, one on each line")).toHaveCount(0);
  await page.getByRole("link", { name: "Change the type of question" }).click();
  await page.getByLabel("Single choice").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Type of question: Single choice.")).toBeVisible();
  await expect(page.getByLabel("Lowest point", { exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Largest file, in MB", { exact: false })).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath("question-single-choice.png"), fullPage: true });
  await page.getByLabel("Question", { exact: true }).fill("Which service do you share most?");
  await page.getByLabel("Choices, one on each line").fill("Payroll\nIT\nFinance");
  await page.getByLabel("An answer is required").check();
  await page.getByRole("button", { name: "Add question" }).click();
  await expect(page.getByText("Question added.")).toBeVisible();

  await page.getByLabel("Section title").fill("Your experience");
  await page.getByRole("button", { name: "Add section" }).click();
  await page.getByRole("link", { name: "Add a question to Your experience" }).click();
  await page.getByLabel("Yes or no", { exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Question", { exact: true }).fill("Has VAT stopped you sharing a service?");
  await page.getByLabel("An answer is required").check();
  await page.getByRole("button", { name: "Add question" }).click();
  await page.getByRole("link", { name: "Add a question to Your experience" }).click();
  await page.getByLabel("Long text", { exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Question", { exact: true }).fill("What would change if it were zero-rated?");
  await page.getByRole("button", { name: "Add question" }).click();
  await page.getByRole("button", { name: /Move up.*What would change/ }).click();
  await page.getByRole("button", { name: /Move down.*What would change/ }).click();
  await expectAccessible(page);

  // The preview: every section as a member sees it, the answer boxes switched off.
  await page.getByRole("link", { name: "Preview as a member sees it" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your experience", level: 2 })).toBeVisible();
  const payroll = page.getByLabel("Payroll");
  await expect(payroll).toBeDisabled();
  await expect(page.getByRole("group", { name: /Has VAT stopped you sharing a service\?/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue" })).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath("survey-preview.png"), fullPage: true });
  await page.getByRole("link", { name: "Back to the survey" }).click();

  // Opening asks first, with the number of people the invitation list will email.
  await page.getByRole("link", { name: "Open and send invitations" }).click();
  await expect(page.getByRole("heading", { name: "Open the survey and send invitations" })).toBeVisible();
  const about = await page.getByText(/You are about to email \d+ (person|people)/).textContent();
  const count = /email (\d+)/.exec(about ?? "")?.[1];
  expect(Number(count)).toBeGreaterThan(0);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath("survey-open-check.png"), fullPage: true });
  await page.getByRole("button", { name: /^Yes, open it and email/ }).click();
  await expect(page.getByText(`Survey opened: ${count} people invited.`)).toBeVisible();
  await expectAccessible(page);
}

/** Keyboard only: Tab until `target` has focus (never clicking), then the caller presses keys. */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Could not reach the element with the keyboard");
}

test("a member answers half a survey, comes back the next day from the emailed link and submits", async ({
  page,
  browser,
}) => {
  const title = `Shared services ${Date.now()}`;
  await buildAndOpen(page, title, "person");

  const invitation = await latestEmailTo(page.request, MEMBER, new RegExp(`Survey: ${title}`));
  const link = linkIn(invitation.text, "/s/");

  // Day one, on a work laptop: no password, just the link.
  const laptop = await browser.newContext();
  const day1 = await laptop.newPage();
  await day1.goto(link);
  await expect(day1.getByRole("heading", { name: title })).toBeVisible();
  await expectAccessible(day1);
  await day1.getByRole("link", { name: "Start now" }).click();
  await expect(day1.getByText("Section 1 of 2")).toBeVisible();
  await expectAccessible(day1);
  await day1.getByRole("button", { name: "Continue" }).click();
  await expect(day1.getByRole("link", { name: /Answer “Which service do you share most\?”/ })).toBeVisible();
  await expectAccessible(day1);
  await day1.getByLabel("IT", { exact: true }).check();
  await day1.getByRole("button", { name: "Continue" }).click();
  await expect(day1.getByText("Section 2 of 2")).toBeVisible();
  await laptop.close();

  // The next day, on another device, from the same emailed link, keyboard only.
  const phone = await browser.newContext();
  const day2 = await phone.newPage();
  await day2.goto(link);
  await expect(day2.getByText("1 of 2 sections saved so far.")).toBeVisible();
  await expectAccessible(day2);
  await tabTo(day2, day2.getByRole("link", { name: "Continue where you left off" }));
  await day2.keyboard.press("Enter");
  await expect(day2.getByText("Section 2 of 2")).toBeVisible();
  await tabTo(day2, day2.getByRole("link", { name: "Back" }));
  await day2.keyboard.press("Enter");
  await expect(day2.getByLabel("IT", { exact: true })).toBeChecked();
  await tabTo(day2, day2.getByRole("button", { name: "Continue" }));
  await day2.keyboard.press("Enter");
  await expect(day2.getByText("Section 2 of 2")).toBeVisible();
  await tabTo(day2, day2.getByLabel("Yes", { exact: true }));
  await day2.keyboard.press("Space");
  await tabTo(day2, day2.getByLabel(/What would change/));
  await day2.keyboard.type("We could share payroll with two neighbours.");
  await tabTo(day2, day2.getByRole("button", { name: "Continue" }));
  await day2.keyboard.press("Enter");
  await expect(day2.getByRole("heading", { name: "Check your answers" })).toBeVisible();
  await expectAccessible(day2);
  await expect(day2.getByText("We could share payroll with two neighbours.")).toBeVisible();
  await tabTo(day2, day2.getByRole("button", { name: "Submit answers" }));
  await day2.keyboard.press("Enter");
  await expect(day2.getByRole("heading", { name: "Answers submitted" })).toBeVisible();
  await expectAccessible(day2);

  const receipt = await latestEmailTo(
    page.request,
    MEMBER,
    new RegExp(`Received: your answers to “${title}”`),
  );
  expect(receipt.text).toContain(link);
  // The link now shows what was submitted, and nothing can be changed.
  await day2.goto(`${link}/1`);
  await expect(day2.getByRole("heading", { name: "Answers submitted" })).toBeVisible();
  await phone.close();
});

test("two colleagues answer for one organisation", async ({ page, browser }) => {
  const title = `Joint evidence ${Date.now()}`;
  await buildAndOpen(page, title, "organisation");
  const danielLink = linkIn(
    (await latestEmailTo(page.request, MEMBER, new RegExp(`Survey: ${title}`))).text,
    "/s/",
  );
  const joannaLink = linkIn(
    (await latestEmailTo(page.request, LEADER, new RegExp(`Survey: ${title}`))).text,
    "/s/",
  );
  expect(danielLink).not.toBe(joannaLink);

  // Daniel's browser has JavaScript turned off: every step is a plain form.
  const danielContext = await browser.newContext({ javaScriptEnabled: false });
  const daniel = await danielContext.newPage();
  const joannaContext = await browser.newContext();
  const joanna = await joannaContext.newPage();

  await daniel.goto(danielLink);
  await expect(daniel.getByText(/You answer for Northgate Community Health CIC/)).toBeVisible();
  await expectAccessibleAsServed(browser, daniel);
  await daniel.getByRole("link", { name: "Start now" }).click();
  await expect(daniel.getByText("Section 1 of 2")).toBeVisible();

  // Joanna saves the same page while Daniel still has it open.
  await joanna.goto(`${joannaLink}/1`);
  await joanna.getByLabel("Finance", { exact: true }).check();
  await joanna.getByRole("button", { name: "Continue" }).click();
  await expect(joanna.getByText("Section 2 of 2")).toBeVisible();

  await daniel.getByLabel("Payroll", { exact: true }).check();
  await daniel.getByRole("button", { name: "Continue" }).click();
  await expect(
    daniel.getByRole("heading", { name: "Joanna Whitfield saved this page after you opened it" }),
  ).toBeVisible();
  await expect(daniel.getByRole("row", { name: /Which service.*Finance.*Payroll/ })).toBeVisible();
  await expect(daniel.getByLabel("Payroll", { exact: true })).toBeChecked();
  await expectAccessibleAsServed(browser, daniel);
  // He keeps his answer: Continue again, now from the version he has seen.
  await daniel.getByRole("button", { name: "Continue" }).click();
  await expect(daniel.getByText("Section 2 of 2")).toBeVisible();
  await daniel.getByLabel("No", { exact: true }).check();
  await daniel.getByRole("button", { name: "Continue" }).click();
  await expect(daniel.getByRole("heading", { name: "Check your answers" })).toBeVisible();
  await expect(daniel.getByText("Payroll")).toBeVisible();

  // Joanna sees Daniel's answer on the shared response.
  await joanna.goto(`${joannaLink}/1`);
  await expect(joanna.getByLabel("Payroll", { exact: true })).toBeChecked();
  await expectAccessible(joanna);

  await daniel.getByRole("button", { name: "Submit answers" }).click();
  await expect(daniel.getByRole("heading", { name: "Answers submitted" })).toBeVisible();
  await joanna.goto(joannaLink);
  await expect(joanna.getByText(/by Daniel Osei/)).toBeVisible();
  await expectAccessible(joanna);
  await danielContext.close();
  await joannaContext.close();

  // Staff count organisations, not the colleagues who share one response.
  await page.goto("/surveys");
  const row = page.getByRole("row", { name: new RegExp(title) });
  await expect(row).toContainText(/\d+ organisations? invited, 1 responded \(\d+%\)/);
  await row.getByRole("link", { name: title }).click();
  await expect(page.getByText("Everyone in the audience has been invited.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Send invitations" })).toHaveCount(0);

  // A colleague joins Northgate after opening: staff invite them, with a confirmation step.
  const surveyUrl = page.url();
  const newcomer = `newcomer-${Date.now()}@northgate.example`;
  await page.goto("/directory?q=Northgate");
  await page.getByRole("link", { name: "Northgate Community Health CIC" }).click();
  await page.getByRole("link", { name: "Add a person" }).click();
  await page.getByLabel("Full name").fill("Nia Newcomer");
  await page.getByLabel("Email address").fill(newcomer);
  await page.getByRole("button", { name: "Add person" }).click();
  // The save redirects back to the organisation: only then is she in the audience.
  await expect(page).toHaveURL(/\/directory\/\d+$/);
  await expect(page.getByRole("cell", { name: newcomer, exact: true })).toBeVisible();
  await page.goto(surveyUrl);
  await expect(page.getByText("1 person in the audience has not been invited yet.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Send invitations" }).click();
  await expect(page.getByText(/Send a personal invitation email to 1 person/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Yes, send the invitation" }).click();
  await expect(page.getByText("Invitations sent to 1 person.")).toBeVisible();
  await expect(page.getByText("Everyone in the audience has been invited.")).toBeVisible();
  const newcomerLink = linkIn(
    (await latestEmailTo(page.request, newcomer, new RegExp(`Survey: ${title}`))).text,
    "/s/",
  );
  // Her organisation has answered: her link shows that response.
  const niaContext = await browser.newContext();
  const nia = await niaContext.newPage();
  await nia.goto(newcomerLink);
  await expect(nia.getByText(/by Daniel Osei/)).toBeVisible();
  await niaContext.close();
});
