import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { expectAccessible, linkIn } from "./helpers.ts";

const SUBJECT = /Survey: VAT on shared services/;
const WELSH_TITLE = "TAW ar wasanaethau a rennir: beth mae'n ei gostio i chi (2026)";

interface MailboxMessage {
  to: string;
  subject: string;
  text: string;
}

/** The emailed link of a demo organisation (not Northgate) that has not started the VAT survey yet. */
async function unansweredLink(request: APIRequestContext): Promise<string> {
  for (let mailboxPage = 1; mailboxPage <= 20; mailboxPage++) {
    const response = await request.get(`/dev/mailbox.json?page=${mailboxPage}`);
    const messages: MailboxMessage[] = await response.json();
    for (const message of messages) {
      if (!SUBJECT.test(message.subject) || message.to.endsWith("@psmn.example")) continue;
      const link = linkIn(message.text, "/s/");
      const page = await request.get(link);
      if ((await page.text()).includes("Start now")) return link;
    }
    if (!response.headers()["link"]?.includes('rel="next"')) break;
  }
  throw new Error("No unanswered invitation in the mailbox");
}

/** axe runs in the page, so a page seen without JavaScript is checked as served, in a twin with the same cookies. */
async function expectAccessibleAsServed(browser: Browser, page: Page) {
  const twin = await browser.newContext({ storageState: await page.context().storageState() });
  const copy = await twin.newPage();
  await copy.goto(page.url());
  await expectAccessible(copy);
  await twin.close();
}

/** A Welsh page is Welsh throughout: its content, and the site's header, menu and footer around it. */
async function expectWelsh(page: Page) {
  await expect(page.locator("main [lang='cy']").first()).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "cy");
  await expect(page.getByRole("link", { name: "Neidio i'r prif gynnwys" })).toBeAttached();
  await expect(page.getByRole("navigation", { name: "Cyhoeddwyd gan y rhwydwaith" })).toContainText(
    "Llythyrau agored",
  );
  await expect(page.getByRole("navigation", { name: "Prif" })).toBeAttached();
  const furniture = page.locator("header, footer, .skip-link");
  for (const english of ["Skip to main content", "Open letters", "Policy positions", "Sign in", "Menu"]) {
    await expect(furniture.getByText(english, { exact: true })).toHaveCount(0);
  }
}

test("a member switches to Welsh, answers the survey in Welsh and sees Welsh check-answers and confirmation", async ({
  page,
}) => {
  const link = await unansweredLink(page.request);
  await page.goto(link);
  await expect(page.getByRole("link", { name: "Start now" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Cymraeg" }).click();
  await expect(page.getByRole("heading", { name: WELSH_TITLE, level: 1 })).toBeVisible();
  await expectWelsh(page);
  await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("lang", "en");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Dechrau nawr" }).click();

  await expect(page.getByText("Adran 1 o 2")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Amdanoch chi", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Parhau" }).click();
  await expect(page.getByRole("heading", { name: "Mae problem" })).toBeVisible();
  await expect(
    page.getByRole("link", {
      name: "Atebwch “Pa wasanaethau ydych chi'n eu rhannu â sefydliadau eraill?”: mae angen ateb",
    }),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Cyflogres").check();
  await page.getByLabel("TG", { exact: true }).check();
  await page.getByLabel(/Faint o TAW na ellir ei adennill/).fill("12x");
  await page.getByRole("button", { name: "Parhau" }).click();
  await expect(page.getByRole("link", { name: "Rhowch rif, fel 12 neu 12.5" })).toBeVisible();
  await page.getByLabel(/Faint o TAW na ellir ei adennill/).fill("1200");
  await page.getByRole("button", { name: "Parhau" }).click();

  await expect(page.getByText("Adran 2 o 2")).toBeVisible();
  await expect(page.getByRole("group", { name: /Faint mae TAW wedi eich atal/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("4", { exact: true }).check();
  await page.getByLabel("Ie", { exact: true }).check();
  await page.getByRole("button", { name: "Parhau" }).click();
  // A yes brings in the follow-up question on the same page; it is optional, so Continue again.
  await expect(page.getByText("Mae eich ateb wedi dod â chwestiwn arall i'r dudalen hon")).toBeVisible();
  await expectWelsh(page);
  await expectAccessible(page);
  await test.info().attach("a Welsh survey page", {
    body: await page.screenshot({ fullPage: true }),
    contentType: "image/png",
  });
  await page.getByRole("button", { name: "Parhau" }).click();

  await expect(page.getByRole("heading", { name: "Gwirio eich atebion", level: 1 })).toBeVisible();
  await expectWelsh(page);
  await expect(page.getByText("Cyflogres; TG")).toBeVisible();
  await expect(page.getByText("£1,200")).toBeVisible();
  await expect(page.getByText("4 allan o 5")).toBeVisible();
  await expect(page.getByRole("link", { name: /^Newid/ }).first()).toBeVisible();
  await expectAccessible(page);
  await test.info().attach("check answers in Welsh", {
    body: await page.screenshot({ fullPage: true }),
    contentType: "image/png",
  });
  await page.getByRole("button", { name: "Anfon atebion" }).click();

  await expect(page.getByRole("heading", { name: "Atebion wedi'u hanfon" })).toBeVisible();
  await expect(page.getByText(/Anfonwyd ar .* Diolch\./)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Beth a anfonwyd" })).toBeVisible();
  await expectWelsh(page);
  await expectAccessible(page);
  await test.info().attach("confirmation in Welsh", {
    body: await page.screenshot({ fullPage: true }),
    contentType: "image/png",
  });
});

test("a member without JavaScript switches to Welsh, answers in Welsh and sees the same", async ({
  browser,
  request,
}) => {
  // Another story may have answered the demo member's invitation already: take one nobody has started.
  const link = await unansweredLink(request);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole("button", { name: "Cymraeg" }).click();
  await expect(page.getByRole("heading", { name: WELSH_TITLE, level: 1 })).toBeVisible();
  await expectWelsh(page);
  await expectAccessibleAsServed(browser, page);
  await page.getByRole("link", { name: "Dechrau nawr" }).click();

  await page.getByRole("button", { name: "Parhau" }).click();
  await expect(page.getByRole("heading", { name: "Mae problem" })).toBeVisible();
  await expectAccessibleAsServed(browser, page);
  await page.getByLabel("Cyllid").check();
  await page.getByRole("button", { name: "Parhau" }).click();
  await expect(page.getByText("Adran 2 o 2")).toBeVisible();
  await page.getByLabel("2", { exact: true }).check();
  await page.getByLabel("Na", { exact: true }).check();
  await expectAccessibleAsServed(browser, page);
  await page.getByRole("button", { name: "Parhau" }).click();

  await expect(page.getByRole("heading", { name: "Gwirio eich atebion", level: 1 })).toBeVisible();
  await expect(page.getByText("Cyllid", { exact: true })).toBeVisible();
  await expect(page.getByText("Heb ei ateb").first()).toBeVisible();
  await expectAccessibleAsServed(browser, page);
  await page.getByRole("button", { name: "Anfon atebion" }).click();
  await expect(page.getByRole("heading", { name: "Atebion wedi'u hanfon" })).toBeVisible();
  await expectAccessibleAsServed(browser, page);

  // The choice is remembered, and switching back works the same way.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Answers submitted" })).toBeVisible();
  await context.close();
});
