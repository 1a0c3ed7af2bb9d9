import { expect, test } from "@playwright/test";
import { startConsultationFixtureServer, type FixtureServer } from "../mocks/consultation-fixture-server.ts";
import { expectAccessible, fillDate, signInAs } from "./helpers.ts";
import { thisWorkersServerPort } from "./story-servers.ts";

// This worker's server reads GOV.UK and Citizen Space from the port after its own: serve the fixtures there.
const fixturePort = thisWorkersServerPort() + 1;
let fixtures: FixtureServer;
test.beforeAll(async () => {
  fixtures = await startConsultationFixtureServer({ port: fixturePort });
});
test.afterAll(() => fixtures.close());

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("policy staff sync the sources, see a relevant consultation, dismiss one and add a Welsh Government one by hand", async ({
  page,
}) => {
  await signInAs(page, "policy@psmn.example", "/consultations/sources");

  // Sync now: each source gets a run record with its counts.
  await expect(page.getByRole("heading", { name: "Sources and sync", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sync now" }).click();
  const govuk = page.getByRole("region", { name: "GOV.UK" });
  await expect(govuk.getByRole("row").nth(1)).toContainText("Succeeded");
  await expect(govuk.getByRole("row").nth(1)).toContainText("Sync now by");
  await expect(page.getByRole("region", { name: /consult|127\.0\.0\.1/ }).first()).toBeVisible();
  await expectAccessible(page);

  // The radar's relevant tab: the VAT consultation matched the "vat" keyword.
  await page.getByRole("link", { name: "Consultation radar" }).click();
  const vat = page.getByRole("listitem").filter({
    has: page.getByRole("heading", { name: "VAT: cost sharing exemption for public service mutuals" }),
  });
  await expect(vat).toBeVisible();
  await expect(vat).toContainText("Matched:");
  await expect(vat.locator(".keyword", { hasText: /^vat$/ })).toBeVisible();
  await expect(vat).toContainText("days left");
  await expect(
    page.getByRole("heading", { name: "Private parking code of practice" }),
    "“private” holds “vat”, but not as a word",
  ).toHaveCount(0);
  await expectAccessible(page);

  // All open: dismiss the parking one with a reason, then see the undo offer.
  await page.getByRole("link", { name: /^All open/ }).click();
  const parking = page.getByRole("listitem").filter({
    has: page.getByRole("heading", { name: "Private parking code of practice" }),
  });
  await parking.locator("summary").click();
  await parking.getByLabel("Reason (optional)").fill("Not about public services");
  await parking.getByRole("button", { name: /^Dismiss/ }).click();
  await expect(page.getByRole("status")).toContainText("Dismissed “Private parking code of practice”");
  await expect(page.getByRole("heading", { name: "Private parking code of practice" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: /^Dismissed/ }).click();
  await expect(page.getByText("Dismissed: Not about public services")).toBeVisible();
  await expectAccessible(page);

  // By hand: a Welsh Government consultation. A closing date before the opening date is refused first.
  await page.goto("/consultations/new");
  await expectAccessible(page);
  await page.getByLabel("Title").fill("Social care commissioning framework for Wales");
  await page.getByLabel("Government body").fill("Welsh Government");
  await page.getByLabel("Level of government").selectOption("devolved");
  await page.getByLabel("Nation").selectOption("wales");
  await page
    .getByLabel("Link to the consultation")
    .fill("https://www.gov.wales/social-care-commissioning-framework");
  await fillDate(page, "Opening date", isoDay(0));
  await fillDate(page, "Closing date", isoDay(-1));
  await page.getByRole("button", { name: "Add consultation" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "The closing date must be the same as or after the opening date",
  );
  await expect(page.getByLabel("Title")).toHaveValue("Social care commissioning framework for Wales");
  await expectAccessible(page);
  await fillDate(page, "Closing date", isoDay(21));
  await page.getByRole("button", { name: "Add consultation" }).click();
  await expect(
    page.getByRole("heading", { name: "Social care commissioning framework for Wales", level: 1 }),
  ).toBeVisible();
  await expect(page.getByText("Devolved government, Wales")).toBeVisible();
  await expect(page.getByText("commissioning (Commissioning)")).toBeVisible();
  await expectAccessible(page);

  // Edit it: the form (a page inside the consultation's layout) starts from what was saved.
  await page.getByRole("link", { name: "Edit this consultation" }).click();
  await expect(page.getByLabel("Title")).toHaveValue("Social care commissioning framework for Wales");
  await expectAccessible(page);
  await page.getByLabel("Title").fill("Social care commissioning framework for Wales: second stage");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(
    page.getByRole("heading", {
      name: "Social care commissioning framework for Wales: second stage",
      level: 1,
    }),
  ).toBeVisible();

  // Adopt it: the deadlines view lists it, with a way into the submission.
  await page.getByRole("button", { name: "Adopt: we will respond" }).click();
  await expect(page.getByRole("link", { name: "Start the submission" })).toHaveAttribute(
    "href",
    /\/submissions\/new\?consultation=\d+/,
  );
  await page.goto("/consultations/deadlines");
  await expect(page.getByRole("region", { name: /Later/ })).toContainText(
    "Social care commissioning framework for Wales",
  );
  await expectAccessible(page);
});
