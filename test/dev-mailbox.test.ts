import { expect, test } from "vitest";
import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { loadEnv } from "~/utils/env.server.ts";
import { sessionCookie } from "~/models/accounts/sessions.server.ts";
import { openTestDb } from "./db.ts";
import { startTestApp } from "./harness.ts";

const MAILBOX_PAGE_SIZE = 200;

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const productionSettings = {
  NODE_ENV: "production",
  SMTP_URL: "smtp://mail.example.org",
  DATABASE_URL: "postgres://db.example.org/mv",
  APP_URL: "https://voice.example.org",
  SESSION_SECRET: "x".repeat(40),
};
const withSmtp = await startTestApp(database, { SMTP_URL: "smtp://127.0.0.1:2525" });
const inProduction = await startTestApp(database, productionSettings);

test("the dev mailbox lists outbox messages newest first, as JSON, in demo mode", async () => {
  await enqueueEmail(db, {
    to: "first@example.org",
    template: "sign-in",
    props: { name: "First", link: "http://localhost:3000/login/verify?token=a", minutes: 10 },
  });
  await enqueueEmail(db, {
    to: "second@example.org",
    template: "sign-in",
    props: { name: "Second", link: "http://localhost:3000/login/verify?token=b", minutes: 10 },
  });
  const response = await site.get("/dev/mailbox.json");
  const messages: unknown = JSON.parse(response.text);
  expect(messages).toEqual([
    expect.objectContaining({
      to: "second@example.org",
      subject: expect.any(String),
      text: expect.any(String),
    }),
    expect.objectContaining({ to: "first@example.org", text: expect.stringContaining("token=a") }),
  ]);
  // The list renders no MJML (it would cost a render per message per poll); each HTML has its own page.
  expect(Object.keys((Array.isArray(messages) && messages[0]) || {}).sort()).toEqual(
    ["createdAt", "id", "subject", "text", "to"].sort(),
  );
  const first = Array.isArray(messages) ? messages[1] : undefined;
  const id = first && typeof first === "object" && "id" in first ? String(first.id) : "";
  expect((await site.get(`/dev/mailbox/${id}.html`)).text).toContain("<html");
});

test.each([
  ["with SMTP_URL set", withSmtp],
  ["in production", inProduction],
])("it is a 404 %s", async (_, configured) => {
  for (const path of ["/dev/mailbox.json", "/dev/mailbox", "/dev/mailbox/1.html"]) {
    expect((await configured.get(path)).status).toBe(404);
  }
});

test("production cookies are Secure, HttpOnly, SameSite=Lax with the __Host- prefix", async () => {
  const env = loadEnv(productionSettings);
  const header = await sessionCookie(env).serialize("session-id");
  expect(header).toMatch(/^__Host-mv_session=/);
  expect(header).toMatch(/; Path=\//);
  expect(header).toMatch(/; HttpOnly/);
  expect(header).toMatch(/; Secure/);
  expect(header).toMatch(/; SameSite=Lax/);
  expect(header).not.toMatch(/Domain=/);
});

test("?to= keeps one recipient's mail (any case), and pages say where the next one is", async () => {
  const to = "Paged.Reader@example.org";
  for (let n = 0; n < 3; n++) {
    await enqueueEmail(db, {
      to: n === 1 ? "someone.else@example.org" : to.toLowerCase(),
      template: "sign-in",
      props: { name: `N${n}`, link: `http://localhost:3000/login/verify?token=p${n}`, minutes: 10 },
    });
  }
  const mine = await site.get(`/dev/mailbox.json?to=${encodeURIComponent(to)}`);
  const messages: unknown = JSON.parse(mine.text);
  expect(messages).toEqual([
    expect.objectContaining({ to: to.toLowerCase(), text: expect.stringContaining("token=p2") }),
    expect.objectContaining({ to: to.toLowerCase(), text: expect.stringContaining("token=p0") }),
  ]);
  expect(mine.headers.get("link")).toBeNull();

  // Past one page, the Link header leads on, and back.
  for (let n = 0; n <= MAILBOX_PAGE_SIZE; n++) {
    await db
      .insertInto("email_outbox")
      .values({
        to_address: "bulk@example.org",
        template: "sign-in",
        subject: `Bulk ${n}`,
        text: "t",
        html: "h",
      })
      .execute();
  }
  const first = await site.get("/dev/mailbox.json?to=bulk@example.org");
  expect(JSON.parse(first.text)).toHaveLength(MAILBOX_PAGE_SIZE);
  expect(first.headers.get("link")).toBe('</dev/mailbox.json?to=bulk%40example.org&page=2>; rel="next"');
  const everything = await site.get("/dev/mailbox.json?page=2");
  expect(JSON.parse(everything.text)).toHaveLength(6);
  expect(everything.headers.get("link")).toBe('</dev/mailbox.json?page=1>; rel="prev"');
});
