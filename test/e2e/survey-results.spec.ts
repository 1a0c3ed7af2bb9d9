import { parse } from "csv-parse/sync";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, fillDate, latestEmailTo, linkIn, signInAs } from "./helpers.ts";

/** One contact from each of `count` active member organisations in a nation, from the directory export. */
async function contactsIn(page: Page, nation: string, count: number): Promise<string[]> {
  const response = await page.request.get(`/directory/export.csv?nation=${nation}&status=active`);
  expect(response.ok()).toBe(true);
  const rows: Record<string, string>[] = parse((await response.text()).replace(/^\uFEFF/, ""), {
    columns: true,
  });
  const byOrganisation = new Map<string, string>();
  for (const row of rows) {
    const email = row.contact_email;
    const name = row.organisation_name;
    if (email && name && !byOrganisation.has(name)) byOrganisation.set(name, email);
  }
  const emails = [...byOrganisation.values()].slice(0, count);
  expect(emails).toHaveLength(count);
  return emails;
}

/** A member answers the one-page survey from the emailed link: no password. */
async function answer(browser: Browser, page: Page, email: string, title: string, choice: string) {
  const invitation = await latestEmailTo(page.request, email, new RegExp(`Survey: ${title}`));
  const context = await browser.newContext();
  const member = await context.newPage();
  await member.goto(linkIn(invitation.text, "/s/"));
  await member.getByRole("link", { name: "Start now" }).click();
  await member.getByLabel(choice, { exact: true }).check();
  await member.getByRole("button", { name: "Continue" }).click();
  await expect(member.getByRole("heading", { name: "Check your answers" })).toBeVisible();
  await member.getByRole("button", { name: "Submit answers" }).click();
  await expect(member.getByRole("heading", { name: "Answers submitted" })).toBeVisible();
  await context.close();
}

test("staff see exact results marked where publishing withholds, and the published table with a suppressed cell", async ({
  page,
  browser,
}) => {
  // Seven members sign in and answer before staff read the results: slow on a busy machine.
  test.setTimeout(120_000);
  const title = `Shared payroll ${Date.now()}`;
  await signInAs(page, "policy@psmn.example", "/surveys/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel(/One response per organisation/).check();
  await page.getByLabel("Named: staff see who answered").check();
  await page.getByLabel("England").check();
  await page.getByLabel("Northern Ireland").check();
  await fillDate(page, "Closing date", "2099-12-31");
  await page.getByLabel("Disclosure threshold").fill("5");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(title), level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Add a question to About you" }).click();
  await page.getByLabel("Single choice").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Question", { exact: true }).fill("Which service do you share most?");
  await page.getByLabel("Choices, one on each line").fill("Payroll\nIT\nFinance");
  await page.getByLabel("An answer is required").check();
  await page.getByRole("button", { name: "Add question" }).click();
  await expect(page.getByText("Question added.")).toBeVisible();
  await page.getByRole("link", { name: "Open and send invitations" }).click();
  await page.getByRole("button", { name: /^Yes, open it and email/ }).click();
  await expect(page.getByText(/Survey opened: \d+ people invited/)).toBeVisible();
  const surveyPath = new URL(page.url()).pathname;

  // Five organisations in England and two in Northern Ireland answer.
  const english = await contactsIn(page, "england", 5);
  const northernIrish = await contactsIn(page, "northern_ireland", 2);
  for (const [i, email] of english.entries())
    await answer(browser, page, email, title, i < 3 ? "Payroll" : "IT");
  for (const email of northernIrish) await answer(browser, page, email, title, "Payroll");

  await page.goto(surveyPath);
  await page.getByRole("link", { name: "See the results" }).click();
  await expect(page.getByRole("heading", { name: `Results: ${title}`, level: 1 })).toBeVisible();
  await expect(page.getByText("7 submitted responses")).toBeVisible();
  // A named survey: staff see exact counts, with a mark on what publishing would withhold.
  await expect(page.getByText(/Do not copy these into documents/)).toBeVisible();
  await expect(
    page.getByRole("img", {
      name: /Answers to “Which service do you share most\?”: Payroll 5, IT 2, Finance 0/,
    }),
  ).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Break down by").selectOption("nation");
  await page.getByRole("button", { name: "Show results" }).click();
  const exactTable = page.getByRole("table", { name: /“Which service do you share most\?” by nation/ });
  const exactNi = exactTable.getByRole("row", { name: /Northern Ireland/ });
  await expect(exactNi.getByRole("cell").first()).toHaveText(/^2 \(100%\)\*/);
  await expect(page.getByText(/Counts marked \* are hidden when this table leaves/)).toBeVisible();
  await page.screenshot({ path: "test-results/survey-results-exact.png", fullPage: true });
  await expectAccessible(page);

  // As published: Northern Ireland's two answers and its zeros are hidden, with enough else
  // that they cannot be worked out; every suppressed count carries the same mark.
  await page.getByLabel("Numbers").selectOption("published");
  await page.getByRole("button", { name: "Show results" }).click();
  const table = page.getByRole("table", { name: /“Which service do you share most\?” by nation/ });
  await expect(table).toBeVisible();
  const ni = table.getByRole("row", { name: /Northern Ireland/ });
  await expect(ni.getByRole("cell").first()).toHaveText("hidden");
  await expect(ni.getByRole("cell").last()).toHaveText("hidden");
  await expect(page.getByText(/Counts below 5 are hidden, and so are a few others/)).toBeVisible();
  await expect(table.getByText(/fewer than/)).toHaveCount(0);
  await page.screenshot({ path: "test-results/survey-results-published.png", fullPage: true });
  await expectAccessible(page);

  // A figure for England alone would give Northern Ireland's two away beside the overall one: refused.
  await page.getByLabel("Numbers").selectOption("published");
  await page.getByLabel("Break down by").selectOption("none");
  await page.getByLabel("Only responses from").selectOption("nation:england");
  await page.getByRole("button", { name: "Show results" }).click();
  await page.getByText("Save a figure from this question as evidence").click();
  await page.getByLabel("Answer", { exact: true }).selectOption({ label: "IT" });
  await page.getByLabel("Label in the evidence library").fill("English mutuals sharing IT");
  await page.getByRole("button", { name: "Save figure" }).click();
  await expect(page.getByText(/This figure cannot be published: /)).toBeVisible();
  await expect(page.getByLabel("Label in the evidence library")).toHaveValue("English mutuals sharing IT");
  await expectAccessible(page);

  const csv = await page.request.get(`${surveyPath}/results.csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\r\n").filter(Boolean)).toHaveLength(8);

  await page.getByRole("link", { name: "Members’ summary" }).click();
  await expect(page.getByRole("heading", { name: `What members told us: ${title}` })).toBeVisible();
  await expectAccessible(page);
});

test("chart axis labels never overlap, at desktop and phone widths", async ({ page }) => {
  await signInAs(page, "policy@psmn.example", "/surveys");
  await page.getByRole("link", { name: "VAT on shared services: what it costs you (2026)" }).first().click();
  await page.getByRole("link", { name: "See the results" }).click();
  const labels = page.locator("svg.chart__svg").filter({ has: page.locator(".chart__label") });
  await expect(labels.first()).toBeVisible();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // Each chart's axis labels, in screen pixels: no two boxes meet.
    const overlaps = await labels.evaluateAll((charts) =>
      charts.flatMap((chart, c) => {
        const boxes = [...chart.querySelectorAll(".chart__label")].map((label) => ({
          text: label.textContent ?? "",
          box: label.getBoundingClientRect(),
        }));
        return boxes.flatMap((one, i) =>
          boxes
            .slice(i + 1)
            .filter(
              (other) =>
                one.box.left < other.box.right - 0.5 &&
                other.box.left < one.box.right - 0.5 &&
                one.box.top < other.box.bottom - 0.5 &&
                other.box.top < one.box.bottom - 0.5,
            )
            .map((other) => `chart ${c + 1}: “${one.text}” runs into “${other.text}”`),
        );
      }),
    );
    const charts = await labels.count();
    for (let n = 0; n < charts; n++)
      await labels.nth(n).screenshot({ path: test.info().outputPath(`histogram-${n + 1}-at-${width}.png`) });
    expect(overlaps, `at ${width} px`).toEqual([]);
    expect(charts).toBeGreaterThanOrEqual(2);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page);
});
