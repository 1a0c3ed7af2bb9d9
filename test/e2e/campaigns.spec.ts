import { expect, test } from "@playwright/test";
import { expectAccessible, fillDate, signInAs } from "./helpers.ts";

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const shots = process.env.E2E_SCREENSHOTS;

test("policy staff start a campaign, link the VAT survey and position, adopt a matching consultation, record an outcome, publish the campaign page, and an anonymous visitor reads it", async ({
  page,
  browser,
}) => {
  // A long story, on a shared machine: a page each step.
  test.setTimeout(240_000);
  await signInAs(page, "policy@psmn.example", "/campaigns");
  await expect(page.getByRole("heading", { name: "Campaigns", level: 1 })).toBeVisible();
  // The demo's three asks are there already.
  for (const name of ["VAT on shared services", "Pensions for transferring staff", "Fair commissioning"])
    await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  await expectAccessible(page);

  // Start one: a missing ask is refused with the typing kept.
  await page.getByRole("link", { name: "Start a campaign" }).click();
  await expectAccessible(page);
  await page.getByLabel("Name").fill("VAT relief for Welsh mutuals");
  await page.getByRole("group", { name: "Who it targets" }).getByLabel("UK Government").check();
  await page.getByRole("group", { name: "Who it targets" }).getByLabel("Welsh Government").check();
  await page.getByRole("group", { name: "Topics" }).getByLabel("VAT").check();
  await page.getByRole("button", { name: "Start the campaign" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter the ask");
  await expect(page.getByLabel("Name")).toHaveValue("VAT relief for Welsh mutuals");
  await expectAccessible(page);
  await page.getByLabel("The ask, in one sentence").fill("Zero-rate VAT on services Welsh mutuals share.");
  await page.getByRole("group", { name: "Who it targets" }).getByLabel("UK Government").check();
  await page.getByRole("group", { name: "Who it targets" }).getByLabel("Welsh Government").check();
  await page.getByRole("group", { name: "Topics" }).getByLabel("VAT").check();
  await page.getByRole("button", { name: "Start the campaign" }).click();
  await expect(page.getByRole("heading", { name: "VAT relief for Welsh mutuals", level: 1 })).toBeVisible();
  await expect(page.getByText("Off: only staff can see this campaign")).toBeVisible();
  await expectAccessible(page);
  const campaignUrl = page.url();

  // Link the VAT survey, then the VAT position.
  await page.getByRole("link", { name: "Link an item" }).click();
  await page.getByLabel("Kind of item").selectOption("survey");
  await page.getByRole("button", { name: "Show" }).click();
  await expectAccessible(page);
  await page
    .getByLabel("Survey", { exact: true })
    .selectOption({ label: "VAT on shared services: what it costs you (2026)" });
  await page.getByRole("button", { name: "Link to the campaign" }).click();
  await expect(
    page.getByRole("link", { name: "VAT on shared services: what it costs you (2026)", exact: true }),
  ).toBeVisible();
  await page.getByRole("link", { name: "Link an item" }).click();
  await page.getByLabel("Position", { exact: true }).selectOption({
    label: "Zero-rate VAT on shared services between public service mutuals",
  });
  await page.getByRole("button", { name: "Link to the campaign" }).click();
  const positions = page.getByRole("region", { name: "Positions by government" });
  await expect(positions).toContainText("Zero-rate VAT on shared services between public service mutuals");
  await expect(positions.getByRole("columnheader", { name: "Welsh Government" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Surveys and response rates" })).toContainText(
    /\d+ of \d+ organisations/,
  );
  await expect(page.getByText(/mutuals? employing [\d,]+ staff/)).toBeVisible();
  await expectAccessible(page);

  // A new VAT consultation reaches the radar; the campaign flags it and adopts it in one step.
  await page.goto("/consultations/new");
  await page.getByLabel("Title").fill("VAT on shared services in Welsh public bodies");
  await page.getByLabel("Government body").fill("Welsh Government");
  await page.getByLabel("Level of government").selectOption("devolved");
  await page.getByLabel("Nation").selectOption("wales");
  await page.getByLabel("Link to the consultation").fill("https://www.gov.wales/vat-shared-services");
  await fillDate(page, "Opening date", isoDay(0));
  await fillDate(page, "Closing date", isoDay(30));
  await page.getByRole("button", { name: "Add consultation" }).click();
  await expect(page.getByRole("link", { name: "VAT relief for Welsh mutuals" })).toBeVisible();
  await expectAccessible(page);
  await page.goto(campaignUrl);
  const radar = page.getByRole("region", { name: "New on the radar for this campaign" });
  await expect(radar).toContainText("VAT on shared services in Welsh public bodies");
  await expectAccessible(page);
  await radar
    .getByRole("button", {
      name: /^Adopt into this campaign\s*: VAT on shared services in Welsh public bodies$/,
    })
    .click();
  await expect(page.getByRole("region", { name: "New on the radar for this campaign" })).toHaveCount(0);
  await expect(
    page.getByRole("link", { name: "VAT on shared services in Welsh public bodies", exact: true }),
  ).toBeVisible();

  // Record an outcome: a source that is not a web address is refused first.
  await page.getByRole("link", { name: "Record an outcome" }).click();
  await expectAccessible(page);
  await page.getByLabel("What happened").selectOption({ label: "Government commitment" });
  await page.getByLabel("Government or body").selectOption({ label: "Welsh Government" });
  await page.getByLabel("Source (optional)").fill("javascript:alert(1)");
  await page.getByLabel("Note (optional)").fill("The Finance Minister agreed to raise it with HM Treasury.");
  await page.getByRole("button", { name: "Record the outcome" }).click();
  await expect(page.getByRole("alert")).toContainText("starting https://");
  await expect(page.getByLabel("Note (optional)")).toHaveValue(
    "The Finance Minister agreed to raise it with HM Treasury.",
  );
  await expectAccessible(page);
  await page
    .getByLabel("Source (optional)")
    .fill("https://www.gov.wales/written-statement-vat-shared-services");
  await page.getByRole("button", { name: "Record the outcome" }).click();
  await expect(page.getByRole("heading", { name: "VAT relief for Welsh mutuals", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: /Timeline/ })).toContainText(
    "Outcome recorded: Government commitment",
  );

  // Publish the page.
  await page.getByRole("button", { name: "Publish the campaign page" }).click();
  const publicLink = page.getByRole("link", { name: /^On: \/campaign\// });
  await expect(publicLink).toBeVisible();
  await expectAccessible(page);
  if (shots) await page.screenshot({ path: `${shots}/campaign-staff.png`, fullPage: true });
  const publicPath = (await publicLink.getAttribute("href")) ?? "";

  // An anonymous visitor reads it: the ask, the published position, the outcome; no staff controls.
  const visitor = await browser.newContext();
  const anonymous = await visitor.newPage();
  await anonymous.goto(publicPath);
  await expect(
    anonymous.getByRole("heading", { name: "VAT relief for Welsh mutuals", level: 1 }),
  ).toBeVisible();
  await expect(anonymous.getByText("Zero-rate VAT on services Welsh mutuals share.")).toBeVisible();
  await expect(
    anonymous.getByRole("link", { name: "Zero-rate VAT on shared services between public service mutuals" }),
  ).toBeVisible();
  await expect(
    anonymous.getByText("The Finance Minister agreed to raise it with HM Treasury."),
  ).toBeVisible();
  await expect(anonymous.getByRole("button", { name: /Unlink|Publish/ })).toHaveCount(0);
  await expectAccessible(anonymous);
  if (shots) await anonymous.screenshot({ path: `${shots}/campaign-public.png`, fullPage: true });
  await visitor.close();
});

test("policy staff draft a letter inside a campaign, add it to another later, edit the campaign, and unlink the letter after confirming", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, "policy@psmn.example", "/campaigns/new");
  await page.getByLabel("Name").fill("Social value in council contracts");
  await page.getByLabel("The ask, in one sentence").fill("Weight social value in every council contract.");
  await page.getByRole("group", { name: "Who it targets" }).getByLabel("Councils").check();
  await page.getByRole("group", { name: "Topics" }).getByLabel("Commissioning").check();
  await page.getByRole("button", { name: "Start the campaign" }).click();
  await expect(
    page.getByRole("heading", { name: "Social value in council contracts", level: 1 }),
  ).toBeVisible();
  const campaignUrl = page.url();

  // Chosen when created: the new letter form offers the campaign.
  await page.goto("/manage/letters/new");
  await page.getByLabel("Title", { exact: true }).fill("Count social value, please");
  await page.getByLabel("Addressed to").fill("Leaders of councils in England");
  await page.getByLabel("Text of the letter").fill("Dear leaders, weigh social value in every contract.");
  await page.getByLabel("Campaign (optional)").selectOption({ label: "Social value in council contracts" });
  await expectAccessible(page);
  if (shots) await page.screenshot({ path: `${shots}/letter-new-with-campaign.png`, fullPage: true });
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: "Count social value, please", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Social value in council contracts" })).toBeVisible();

  // Or later, from the item's own page.
  await page.getByRole("link", { name: "Add to a campaign" }).click();
  await expect(page.getByRole("heading", { name: "Add to a campaign", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Add to the campaign" }).click();
  await expect(page.getByRole("alert")).toContainText("Choose a campaign from the list");
  await expectAccessible(page);
  await page.getByLabel("Campaign", { exact: true }).selectOption({ label: "Fair commissioning" });
  await page.getByRole("button", { name: "Add to the campaign" }).click();
  await expect(page.getByRole("heading", { name: "Count social value, please", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Fair commissioning" })).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/letter-in-campaigns.png` });

  // Edit the campaign: a missing ask is refused with the typing kept; the state moves to paused.
  await page.goto(campaignUrl);
  await page.getByRole("link", { name: "Edit the campaign" }).click();
  await expect(page.getByRole("heading", { name: "Edit the campaign", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Name").fill("Social value in every council contract");
  await page.getByLabel("The ask, in one sentence").fill("");
  await page.getByLabel("State").selectOption("paused");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter the ask");
  await expect(page.getByLabel("Name")).toHaveValue("Social value in every council contract");
  await expectAccessible(page);
  if (shots) await page.screenshot({ path: `${shots}/campaign-edit.png`, fullPage: true });
  await page
    .getByLabel("The ask, in one sentence")
    .fill("Weight social value at 10% in every council contract.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(
    page.getByRole("heading", { name: "Social value in every council contract", level: 1 }),
  ).toBeVisible();
  await expect(page.getByText("Weight social value at 10% in every council contract.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible();

  // Unlinking asks first; "No, go back" changes nothing, "Yes" unlinks.
  const letters = page.getByRole("region", { name: "Open letters", exact: true });
  await letters.getByRole("link", { name: /^Unlink\s+Count social value, please$/ }).click();
  await expect(page.getByRole("heading", { name: "Unlink “Count social value, please”?" })).toBeVisible();
  await expectAccessible(page);
  if (shots) await page.screenshot({ path: `${shots}/campaign-unlink-confirm.png`, fullPage: true });
  await page.getByRole("link", { name: "No, go back" }).click();
  await expect(letters).toContainText("Count social value, please");
  await letters.getByRole("link", { name: /^Unlink\s+Count social value, please$/ }).click();
  await page.getByRole("button", { name: "Yes, unlink it" }).click();
  await expect(page.getByText("No letters linked yet.")).toBeVisible();
  await expect(page.getByRole("region", { name: /Timeline/ })).toBeVisible();
});
