import { expect, test } from "@playwright/test";
import { expectAccessible, latestEmailTo, linkIn } from "./helpers.ts";

test("a member signs in from the emailed link and signs out", async ({ page, request }) => {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Email address").fill("member@psmn.example");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText("If that address belongs to an account, a link is on its way.")).toBeVisible();
  await expectAccessible(page);

  const email = await latestEmailTo(request, "member@psmn.example", /sign-in link/);
  const link = linkIn(email.text, "/login/verify?token=");
  // A mail scanner opens the link first, twice: that spends nothing.
  expect((await request.get(link)).status()).toBe(200);
  expect((await request.get(link)).status()).toBe(200);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Sign in to Mutual Voice", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign in to Mutual Voice" }).click();
  // Lands on the page first asked for, with the token gone from the address bar.
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(page.getByText("member@psmn.example")).toBeVisible();
  await expectAccessible(page);

  // The link worked once: opening it again says so, with a way to ask for a new one.
  const reuse = await request.get(link, { maxRedirects: 0 });
  expect(reuse.status()).toBe(400);
  const second = await page.context().newPage();
  await second.goto(link);
  await expect(
    second.getByRole("heading", { name: "This sign-in link has expired or has already been used" }),
  ).toBeVisible();
  await expect(second.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
  await expectAccessible(second);
  await second.close();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
  await expectAccessible(page);
});

test("a bad address keeps what was typed and explains the problem", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email address").fill("member at psmn");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: /correct format/ })).toHaveAttribute("href", "#email");
  await expect(page.getByLabel("Email address")).toHaveValue("member at psmn");
  await expectAccessible(page);
});

test("an unknown page is a friendly 404", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
});

test("a cross-site form post is refused", async ({ request }) => {
  const response = await request.post("/login", {
    form: { email: "member@psmn.example" },
    headers: { Origin: "https://evil.example" },
  });
  expect(response.status()).toBe(403);
});

test("security headers are on every page", async ({ request }) => {
  const response = await request.get("/login");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBeTruthy();
  const health = await request.get("/healthz");
  expect(await health.json()).toEqual({ status: "ok", database: "pglite" });
});
