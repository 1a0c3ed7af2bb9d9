import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { expectAccessible, latestEmailTo, linkIn, newestEmailId, openSignInLink } from "./helpers.ts";
import { thisWorkersServerPort } from "./story-servers.ts";

/**
 * Browsers refuse an IP address as a passkey's domain, so the passkey story runs at localhost (the
 * app offers passkeys there when it is served on 127.0.0.1); emailed links name 127.0.0.1.
 */
const port = thisWorkersServerPort();
const atLocalhost = (link: string) => link.replace(`//127.0.0.1:${port}`, `//localhost:${port}`);

/** The emailed-link half of signing in, from the form to the link's button. */
async function useEmailedLink(page: Page, email: string, then: string, rewrite = (link: string) => link) {
  const before = await newestEmailId(page.request, email);
  await page.goto(`/login?redirectTo=${encodeURIComponent(then)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const message = await latestEmailTo(page.request, email, /sign-in link/, before);
  await openSignInLink(page, rewrite(linkIn(message.text, "/login/verify?token=")));
}

test.describe("at localhost", () => {
  test.use({ baseURL: `http://localhost:${port}` });

  test("an admin adds a passkey, signs out, and signs in with the link and the passkey", async ({ page }) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });

    await useEmailedLink(page, "admin@psmn.example", "/account", atLocalhost);
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Your sessions" })).toContainText("(this device)");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Add a second factor" }).click();

    await expect(page.getByRole("heading", { name: "Second factor", level: 1 })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Name for the passkey (optional)").fill("Work laptop");
    const add = page.getByRole("button", { name: "Add a passkey" });
    await expect(add).toBeEnabled();
    await add.click();
    await expect(page.getByRole("status")).toHaveText("Passkey “Work laptop” added.");
    await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
    await expect(page.locator(".recovery-codes li")).toHaveCount(10);
    await expect(page.getByRole("table", { name: "Your passkeys" })).toContainText("Work laptop");
    await expectAccessible(page);

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();

    await useEmailedLink(page, "admin@psmn.example", "/admin/audit", atLocalhost);
    await expect(page).toHaveURL(/\/login\/second-factor\?redirectTo=%2Fadmin%2Faudit/);
    await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
    await expectAccessible(page);
    // Half signed in: nothing else opens yet.
    await page.goto("/directory");
    await expect(page).toHaveURL(/\/login\/second-factor\?redirectTo=%2Fdirectory/);
    const usePasskey = page.getByRole("button", { name: "Use your passkey" });
    await expect(usePasskey).toBeEnabled();
    await usePasskey.click();
    await expect(page).toHaveURL(/\/directory$/);

    // The audit log shows it, filtered to what happened.
    await page.goto("/admin/audit");
    await expectAccessible(page);
    await page.getByLabel("What").selectOption("second_factor.passkey_added");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/action=second_factor.passkey_added/);
    await expect(page.getByRole("table", { name: "Audit entries, newest first" })).toContainText(
      "Work laptop",
    );
    await expect(page.getByRole("link", { name: "Download these as CSV" })).toBeVisible();
    await expectAccessible(page);

    await page.goto("/admin/security");
    await expect(page.getByRole("heading", { name: "Sign-in security" })).toBeVisible();
    await expectAccessible(page);

    // The demo's other stories sign the admin in with the link alone: the passkey goes again.
    await page.goto("/account/security");
    await page.getByRole("button", { name: "Remove passkey Work laptop" }).click();
    await expect(page.getByRole("status")).toHaveText("Passkey removed.");
    await expect(page.getByText("No passkeys yet.")).toBeVisible();
  });
});

test("a member of staff turns on an authenticator app and signs in with a code from it", async ({ page }) => {
  await useEmailedLink(page, "policy@psmn.example", "/account/security");
  await expect(page.getByRole("heading", { name: "Second factor", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const secret = (await page.locator("code.secret").innerText()).replace(/\s/g, "");
  await expect(page.getByRole("link", { name: /^otpauth:\/\/totp\// })).toBeVisible();
  await expectAccessible(page);

  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  const now = Date.now();
  const setupCode = totp.generate({ timestamp: now });
  await page.getByLabel("Code from the app").fill(setupCode);
  await page.getByRole("button", { name: "Turn on the authenticator app" }).click();
  await expect(page.getByRole("status")).toHaveText("Authenticator app added.");
  const recoveryCode = await page.locator(".recovery-codes li").first().innerText();
  expect(recoveryCode).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await useEmailedLink(page, "policy@psmn.example", "/account");
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  // The code already used to turn the app on does not work again.
  await page.getByLabel("Code from your authenticator app").fill(setupCode);
  await page.getByRole("button", { name: "Confirm with the code" }).click();
  await expect(page.getByRole("alert").getByText(/not right or has been used/)).toBeVisible();
  await expect(page.getByLabel("Code from your authenticator app")).toHaveValue(setupCode);
  await expectAccessible(page);
  // The app's next code is within the one-step window either side.
  await page.getByLabel("Code from your authenticator app").fill(totp.generate({ timestamp: now + 30_000 }));
  await page.getByRole("button", { name: "Confirm with the code" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("On: after the emailed link")).toBeVisible();

  // Leave the demo account as the other stories expect it: link-only.
  await page.getByRole("link", { name: "Manage your second factor" }).click();
  await page.getByRole("button", { name: "Remove the authenticator app" }).click();
  await expect(page.getByRole("status")).toHaveText("Authenticator app removed.");
  await expect(page.getByRole("button", { name: "Set up an authenticator app" })).toBeVisible();
});
