import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import type * as Axe from "axe-core";

declare global {
  interface Window {
    axe?: typeof Axe;
  }
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const axeOptions: Axe.RunOptions = {
  runOnly: {
    type: "tag",
    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
  },
  resultTypes: ["violations"],
};

/**
 * Fails the story on any axe violation, WCAG 2.2 AA and best practice, with a readable list. The
 * checks were half of the stories' time: axe gathers violations only (all we read) and runs in the
 * page itself, put there once per page load. AxeBuilder loads axe twice a check and finishes in a new
 * blank page; the app has no frames, but should a page have one, AxeBuilder checks inside it too.
 */
export async function expectAccessible(page: Page) {
  // Checked as people see it: sizes and contrast are measured once the styles and fonts are in.
  await page.waitForLoadState("load");
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const violations =
    page.frames().length > 1
      ? (await new AxeBuilder({ page }).options(axeOptions).setLegacyMode().analyze()).violations
      : await axeViolationsInPage(page);
  const summary = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

async function axeViolationsInPage(page: Page): Promise<Axe.Result[]> {
  // A script given as text runs as the page's own would, past its Content-Security-Policy.
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(axeSource);
  return page.evaluate(async (options) => {
    if (!window.axe) throw new Error("axe-core did not load");
    return (await window.axe.run(document, options)).violations;
  }, axeOptions);
}

interface MailboxMessage {
  id: number;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

/**
 * The dev mailbox's messages to an address (demo mode keeps mail there). The server closes a
 * connection idle for 5 s; when this request reuses one at that moment it is reset, so it is sent
 * again on a fresh one, as a browser does.
 */
async function mailboxFor(request: APIRequestContext, to: string): Promise<MailboxMessage[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await request.get(`/dev/mailbox.json?to=${encodeURIComponent(to)}`);
      const messages: MailboxMessage[] = await response.json();
      return messages.filter((message) => message.to === to);
    } catch (error) {
      if (attempt >= 3 || !/ECONNRESET|socket hang up/.test(String(error))) throw error;
    }
  }
}

/** Mail shows in the mailbox within a worker tick (200 ms): look that often, not at expect.poll's 1 s steps. */
const pollOften = { intervals: [50, 100, 200] };

/** The newest email to an address, read from the dev mailbox. */
export async function latestEmailTo(
  request: APIRequestContext,
  to: string,
  subject?: RegExp,
  /** Only a message with a higher id: one sent after `newestEmailId` was read. */
  newerThan = 0,
): Promise<MailboxMessage> {
  let found: MailboxMessage | undefined;
  await expect
    .poll(async () => {
      const messages = await mailboxFor(request, to);
      found = messages.find(
        (message) => message.id > newerThan && (!subject || subject.test(message.subject)),
      );
      return Boolean(found);
    }, pollOften)
    .toBe(true);
  if (!found) throw new Error(`No email to ${to}`);
  return found;
}

/**
 * The newest message id in the mailbox for `to` (0 if none). Read before asking for an email, so
 * that an earlier, used link still in the mailbox is not taken for the new one.
 */
export async function newestEmailId(request: APIRequestContext, to: string): Promise<number> {
  const messages = await mailboxFor(request, to);
  return Math.max(0, ...messages.map((message) => message.id));
}

export function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://\\S+${path.replace(/[/?]/g, "\\$&")}\\S*`).exec(text);
  if (!match) throw new Error(`No ${path} link in:\n${text}`);
  return match[0];
}

/**
 * Follows an emailed sign-in or invitation link as a person does: opening it only shows a page
 * (mail scanners open links too), and its button spends the token.
 */
export async function openSignInLink(page: Page, link: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Sign in to Mutual Voice", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Sign in to Mutual Voice" }).click();
  await expect(page).not.toHaveURL(/\/login\/verify/);
}

/** Signs in through the real flow: the form, the dev mailbox, the emailed link and its button. */
export async function signInAs(page: Page, email: string, then = "/") {
  const before = await newestEmailId(page.request, email);
  await page.goto(`/login?redirectTo=${encodeURIComponent(then)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const message = await latestEmailTo(page.request, email, /sign-in link/, before);
  await openSignInLink(page, linkIn(message.text, "/login/verify?token="));
  await expect(page).not.toHaveURL(/\/login/);
}

/** Types a 'YYYY-MM-DD' date into the GOV.UK date input (day, month, year boxes) named `legend`. */
export async function fillDate(page: Page, legend: string, isoDate: string) {
  const [year = "", month = "", day = ""] = isoDate.split("-");
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(String(Number(day)));
  await group.getByLabel("Month").fill(String(Number(month)));
  await group.getByLabel("Year").fill(year);
}
