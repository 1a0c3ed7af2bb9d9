import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { expectAccessible, latestEmailTo, linkIn, newestEmailId, openSignInLink } from "./helpers.ts";

// The server trusts one proxy hop (TRUST_PROXY=1, as behind a load balancer): each signer gets an
// address of their own, as leaders of different organisations would, so the per-IP signing limit
// (one per 10 seconds) applies to each of them and not to the test machine as a whole.
let nextAddress = 10;
const signerContext = (browser: Browser, options: { javaScriptEnabled?: boolean } = {}) =>
  browser.newContext({ ...options, extraHTTPHeaders: { "X-Forwarded-For": `203.0.113.${nextAddress++}` } });

/** axe runs in the page, so a page seen without JavaScript is checked as served, in a twin context that has it. */
async function expectAccessibleAsServed(browser: Browser, page: Page) {
  const twin = await browser.newContext({ storageState: await page.context().storageState() });
  const copy = await twin.newPage();
  await copy.goto(page.url());
  await expectAccessible(copy);
  await twin.close();
}

async function signInAs(page: Page, request: APIRequestContext, email: string) {
  const before = await newestEmailId(request, email);
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const message = await latestEmailTo(request, email, /sign-in link/, before);
  await openSignInLink(page, linkIn(message.text, "/login/verify?token="));
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
}

/** Staff draft a letter and open it for the chosen audience; returns its public path. */
async function draftAndOpen(
  page: Page,
  title: string,
  audience: { leaders: string[] } | { nations: string[] },
): Promise<string> {
  await page.goto("/manage/letters");
  await expect(page.getByRole("heading", { name: "Open letters", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Draft a new letter" }).click();
  await expectAccessible(page);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Addressed to").fill("The Rt Hon the Chancellor of the Exchequer");
  await page
    .getByLabel("Text of the letter")
    .fill(
      "Dear Chancellor,\n\nWe, the leaders of **public service mutuals**, ask you to zero-rate VAT on shared services.\n\nYours sincerely,",
    );
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Edit the draft" }).click();
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expectAccessible(page);
  await page.getByLabel("Signature goal (optional)").fill("50");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("50 organisations")).toBeVisible();

  await page.getByRole("link", { name: "Open for signatures" }).click();
  await expect(page.getByRole("heading", { name: "Open for signatures" })).toBeVisible();
  await expectAccessible(page);
  if ("leaders" in audience) {
    await page.getByLabel("Only the leaders I choose").check();
    for (const name of audience.leaders) await page.getByLabel(new RegExp(`^${name},`)).check();
  } else {
    await page.getByLabel("Leaders in the nations I choose").check();
    for (const nation of audience.nations) await page.getByLabel(new RegExp(`^${nation} \\(`)).check();
  }
  await page.getByRole("button", { name: "Open and send invitations" }).click();
  await expect(page.getByRole("status")).toContainText("invitation");
  await expectAccessible(page);
  const publicPath = await page.getByRole("link", { name: /^\/letters\// }).textContent();
  if (!publicPath) throw new Error("No public page link");
  return publicPath;
}

test("a member leader signs from the invitation email and sees their organisation on the public page (no JavaScript)", async ({
  page,
  request,
  browser,
}) => {
  const title = `Zero-rate VAT on shared services ${Date.now()}`;
  await signInAs(page, request, "policy@psmn.example");
  const publicPath = await draftAndOpen(page, title, { leaders: ["Joanna Whitfield"] });

  const leaderContext = await signerContext(browser, { javaScriptEnabled: false });
  const leader = await leaderContext.newPage();
  const invitation = await latestEmailTo(
    request,
    "leader@psmn.example",
    new RegExp(`Will you sign the open letter “${title}”`),
  );
  expect(invitation.text).toContain("This link is personal");
  await leader.goto(linkIn(invitation.text, "/sign?token="));
  await expect(leader.getByRole("heading", { name: title })).toBeVisible();
  await expect(leader.getByRole("heading", { name: "Check your details, then sign" })).toBeVisible();
  const details = leader.locator(".summary-list");
  await expect(details).toContainText("Joanna Whitfield");
  await expect(details).toContainText("Chief Executive");
  await expect(details).toContainText("Northgate Community Health CIC");
  // The leader reads what they put their organisation's name to on the page where they sign.
  await expect(leader.getByRole("article", { name: "The letter" })).toBeVisible();
  await expectAccessibleAsServed(browser, leader);

  await leader.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(leader.getByRole("status")).toContainText("Thank you: your signature counts now.");
  await expect(leader.getByRole("heading", { name: "You have signed" })).toBeVisible();
  await expectAccessibleAsServed(browser, leader);
  const confirmation = await latestEmailTo(
    request,
    "leader@psmn.example",
    new RegExp(`You signed “${title}”`),
  );
  expect(confirmation.text).toContain("for Northgate Community Health CIC on");

  await leader.goto(publicPath);
  await expect(leader.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(leader.getByText("Signed by 1 mutual employing 640 staff, in England.")).toBeVisible();
  const signatories = leader.locator(".signatory-list");
  await expect(signatories).toContainText("Joanna Whitfield, Chief Executive");
  await expect(signatories).toContainText("Northgate Community Health CIC");
  await expectAccessibleAsServed(browser, leader);
  await leader.getByRole("link", { name: "A to Z by organisation" }).click();
  await expect(leader).toHaveURL(/order=alphabetical/);
  await expect(signatories).toContainText("Northgate Community Health CIC");
  // Printed, the page is the letter and its signatories: no sort controls, no signing links.
  // The personal link signed without a session, so the page offers signing as to any visitor.
  const signingLink = leader.getByRole("link", { name: "Sign this letter" });
  await expect(signingLink).toBeVisible();
  await leader.emulateMedia({ media: "print" });
  await expect(signingLink).toBeHidden();
  await expect(leader.getByRole("navigation", { name: "Order of signatories" })).toBeHidden();
  await expect(leader.getByRole("article", { name: "The letter" })).toBeVisible();
  await leader.emulateMedia({ media: "screen" });
  await leader.goto("/letters");
  await expect(leader.getByRole("link", { name: title })).toBeVisible();
  await expectAccessibleAsServed(browser, leader);
  await leaderContext.close();

  // Anyone can read it; caches may keep it briefly and revalidate it with a 304.
  const first = await request.get(publicPath);
  expect(first.status()).toBe(200);
  expect(first.headers()["cache-control"]).toBe("public, max-age=5, s-maxage=1, stale-while-revalidate=30");
  const etag = first.headers()["etag"] ?? "";
  expect(etag).toMatch(/^W\//);
  const again = await request.get(publicPath, { headers: { "If-None-Match": etag } });
  expect(again.status()).toBe(304);
  // The stored page's nonce must stay the one its scripts carry.
  expect(again.headers()["content-security-policy"]).toBeUndefined();
});

test("a second leader of the same organisation cannot sign twice", async ({ page, request, browser }) => {
  const title = `Pensions for spun-out staff ${Date.now()}`;
  await signInAs(page, request, "policy@psmn.example");
  const publicPath = await draftAndOpen(page, title, { leaders: ["Joanna Whitfield", "Rachel Ashworth"] });
  const slug = publicPath.split("/").pop();

  const rachelContext = await signerContext(browser);
  const rachel = await rachelContext.newPage();
  const rachelEmail = "rachel.ashworth@northgate-community-health.example";
  const invitation = await latestEmailTo(request, rachelEmail, new RegExp(title));
  await rachel.goto(linkIn(invitation.text, "/sign?token="));
  await rachel.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(rachel.getByRole("heading", { name: "You have signed" })).toBeVisible();
  await rachel.getByRole("link", { name: "Withdraw your signature" }).click();
  await expect(
    rachel.getByRole("heading", { name: "Withdraw your organisation's signature?" }),
  ).toBeVisible();
  await expectAccessible(rachel);
  await rachel.getByRole("link", { name: "Cancel" }).click();
  await expect(rachel.getByRole("heading", { name: "You have signed" })).toBeVisible();

  // Joanna comes without her link: she signs in first, then finds the organisation has signed.
  const joannaContext = await signerContext(browser);
  const joanna = await joannaContext.newPage();
  await joanna.goto(`/letters/${slug}/sign`);
  await expect(joanna).toHaveURL(/\/login\?redirectTo=/);
  await joanna.getByLabel("Email address").fill("leader@psmn.example");
  await joanna.getByRole("button", { name: "Email me a sign-in link" }).click();
  const signInEmail = await latestEmailTo(request, "leader@psmn.example", /sign-in link/);
  await openSignInLink(joanna, linkIn(signInEmail.text, "/login/verify?token="));
  await expect(joanna).toHaveURL(new RegExp(`/letters/${slug}/sign$`));
  await expect(joanna.getByRole("heading", { name: "Your organisation has already signed" })).toBeVisible();
  await expect(
    joanna.getByText(/Rachel Ashworth, Director of Operations, signed for Northgate Community Health CIC on/),
  ).toBeVisible();
  await expect(joanna.getByRole("button", { name: "Sign", exact: true })).toHaveCount(0);
  await expectAccessible(joanna);

  // Her own personal link says the same, and a forged form post is refused by the database rule.
  const joannaInvitation = await latestEmailTo(
    request,
    "leader@psmn.example",
    new RegExp(`Will you sign the open letter “${title}”`),
  );
  const joannaLink = linkIn(joannaInvitation.text, "/sign?token=");
  await joanna.goto(joannaLink);
  await expect(joanna.getByRole("heading", { name: "Your organisation has already signed" })).toBeVisible();
  const forged = await joanna.request.post(joannaLink, {
    form: { intent: "sign", formKey: "forged-form-key-1234567890" },
  });
  expect(forged.status()).toBe(409);
  expect(await forged.text()).toContain("Rachel Ashworth already signed for your organisation");

  await joanna.goto(publicPath);
  await expect(joanna.getByText("Your organisation has signed")).toBeVisible();
  await expect(joanna.locator(".signatory-list li")).toHaveCount(1);
  await expectAccessible(joanna);
  await rachelContext.close();
  await joannaContext.close();
});

test("staff close and deliver the letter and download the PDF", async ({ page, request, browser }) => {
  const title = `Fair commissioning for Welsh mutuals ${Date.now()}`;
  await signInAs(page, request, "policy@psmn.example");
  const publicPath = await draftAndOpen(page, title, { nations: ["Wales"] });
  const overview = new URL(page.url()).pathname;

  // A leader in Wales signs from their invitation.
  const mailbox: { to: string; subject: string; text: string }[] = await (
    await request.get("/dev/mailbox.json")
  ).json();
  const invitation = mailbox.find(
    (message) => message.subject === `Will you sign the open letter “${title}”?`,
  );
  if (!invitation) throw new Error("No invitation for the Welsh leaders");
  const signerContextPage = await signerContext(browser);
  const signer = await signerContextPage.newPage();
  await signer.goto(linkIn(invitation.text, "/sign?token="));
  const signerName = (await signer.locator(".summary-list dd").first().textContent()) ?? "";
  const organisation = (await signer.locator(".summary-list dd").nth(2).textContent()) ?? "";
  await signer.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(signer.getByRole("heading", { name: "You have signed" })).toBeVisible();

  await page.goto(overview);
  await page.getByRole("link", { name: "Close for signatures" }).click();
  await expect(page.getByRole("heading", { name: "Close this letter for signatures?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Yes, close for signatures" }).click();
  await expect(page.locator(".letter-kicker")).toContainText("Closed");
  await expect(page.getByRole("heading", { name: "Documents" })).toBeVisible();
  await expectAccessible(page);

  const shownHashes = await page.locator(".letter-hash").allTextContents();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the letter as PDF" }).click();
  const pdfPath = await (await download).path();
  const pdf = await readFile(pdfPath);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const pdfHash = createHash("sha256").update(pdf).digest("hex");
  expect(shownHashes[0]).toBe(`SHA-256 ${pdfHash}`);
  const csv = await page.request.get(`${overview}/documents/csv`);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(await csv.text()).toContain(organisation);

  // The personal link died with the close.
  await signer.reload();
  await expect(
    signer.getByRole("heading", { name: "This signing link is not valid or has expired" }),
  ).toBeVisible();
  await expectAccessible(signer);
  await signerContextPage.close();

  await page.getByRole("link", { name: "Record delivery" }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Record delivery and tell signatories" }).click();
  await expect(page.getByRole("alert")).toContainText("Choose how the letter was delivered");
  await expect(page.getByLabel("Delivered to")).toHaveValue("The Rt Hon the Chancellor of the Exchequer");
  await expectAccessible(page);
  await page.getByLabel("Delivered to").fill("HM Treasury, 1 Horse Guards Road, London");
  await page.getByLabel("By email").check();
  await page.getByLabel("Reference (optional)").fill("<20261130.1234@psmn.example>");
  await page.getByRole("button", { name: "Record delivery and tell signatories" }).click();
  await expect(page.getByRole("heading", { name: "Delivery record" })).toBeVisible();
  await expect(page.locator(".letter-kicker")).toContainText("Delivered");
  await expect(page.getByRole("cell", { name: /HM Treasury, 1 Horse Guards Road/ })).toBeVisible();
  await expectAccessible(page);

  const delivered = await latestEmailTo(request, invitation.to, new RegExp(`Delivered: “${title}”`));
  expect(delivered.text).toContain(`${signerName.trim()},`);
  expect(delivered.text).toContain("was delivered to HM Treasury, 1 Horse Guards Road, London by email on");

  await page.goto(publicPath);
  await expect(
    page.getByText(/Delivered to HM Treasury, 1 Horse Guards Road, London \(by email\) on/),
  ).toBeVisible();
  await expect(page.locator(".signatory-list")).toContainText(organisation);
  await expectAccessible(page);
});

test("a bilingual letter reads and signs in Welsh, with the site around it in Welsh too", async ({
  page,
  request,
  browser,
}) => {
  const title = `Zero-rate VAT for mutuals ${Date.now()}`;
  await signInAs(page, request, "policy@psmn.example");
  await page.goto("/manage/letters/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Addressed to").fill("The Rt Hon the Chancellor of the Exchequer");
  await page.getByLabel("Text of the letter").fill("Dear Chancellor,\n\nWe ask you to zero-rate VAT.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Add Welsh text" }).click();
  await page.getByLabel("Bilingual: readers may switch to Welsh (Cymraeg)").check();
  await page.getByLabel("Title in Welsh").fill("Dileu TAW i gydfuddiannau");
  await page
    .getByLabel("The letter in Welsh (Markdown, as the English)")
    .fill("Annwyl Ganghellor,\n\nRydym yn gofyn i chi ddileu TAW.");
  await page.getByRole("button", { name: "Save Welsh text" }).click();
  await expect(page.getByText("English and Welsh")).toBeVisible();
  await page.getByRole("link", { name: "Open for signatures" }).click();
  await page.getByLabel("Leaders in the nations I choose").check();
  await page.getByLabel(/^Wales \(/).check();
  await page.getByRole("button", { name: "Open and send invitations" }).click();
  await expect(page.getByRole("status")).toContainText("invitation");
  const publicPath = (await page.getByRole("link", { name: /^\/letters\// }).textContent()) ?? "";

  const mailbox: { to: string; subject: string; text: string }[] = await (
    await request.get("/dev/mailbox.json")
  ).json();
  // The last of them: the story before signed as the first Welsh leader moments ago, and one person
  // may sign once in 10 seconds.
  const invitation = mailbox.findLast((message) => message.subject.includes(`“${title}”`));
  if (!invitation) throw new Error("No invitation for the bilingual letter");

  const readerContext = await signerContext(browser);
  const reader = await readerContext.newPage();
  await reader.goto(publicPath);
  await reader.getByRole("button", { name: "Cymraeg" }).click();
  await expect(reader.getByRole("heading", { name: "Dileu TAW i gydfuddiannau", level: 1 })).toBeVisible();
  await expect(reader.locator("html")).toHaveAttribute("lang", "cy");
  await expect(reader.getByRole("link", { name: "Llofnodi'r llythyr hwn" })).toBeVisible();
  await expect(reader.getByText("Nid oes unrhyw sefydliad wedi llofnodi eto.")).toBeVisible();
  await expect(reader.getByRole("link", { name: "Neidio i'r prif gynnwys" })).toBeAttached();
  await expect(reader.locator("footer")).toContainText("Llythyrau agored");
  for (const english of ["Sign this letter", "Signatories", "Skip to main content", "Open letters"]) {
    await expect(reader.getByText(english, { exact: true })).toHaveCount(0);
  }
  await expectAccessible(reader);
  await test.info().attach("a Welsh letter page", {
    body: await reader.screenshot({ fullPage: true }),
    contentType: "image/png",
  });

  await reader.goto(linkIn(invitation.text, "/sign?token="));
  await expect(reader.getByRole("heading", { name: "Gwiriwch eich manylion, yna llofnodwch" })).toBeVisible();
  await expect(reader.locator("html")).toHaveAttribute("lang", "cy");
  await expectAccessible(reader);
  await reader.getByRole("button", { name: "Llofnodi", exact: true }).click();
  await expect(reader.getByRole("heading", { name: "Rydych wedi llofnodi" })).toBeVisible();
  await expect(reader.getByText("Diolch: mae eich llofnod yn cyfrif nawr.")).toBeVisible();
  await expectAccessible(reader);
  await test.info().attach("signed in Welsh", {
    body: await reader.screenshot({ fullPage: true }),
    contentType: "image/png",
  });
  await readerContext.close();
});
