import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { bypass } from "msw";
import { expect, test } from "vitest";
import { isDigestTime, previewDigest, sendWeeklyDigests } from "~/models/homes/digest.server.ts";
import { readUnsubscribeToken, unsubscribeToken } from "~/utils/unsubscribe.server.ts";
import { openTestDb } from "../db.ts";
import { withText } from "../outbox-text.ts";
import { startTestApp } from "../harness.ts";
import {
  createMemberOrg,
  createStaff,
  createSurveyWithQuestions,
  openAndCollectTokens,
} from "../surveys/factories.ts";

const SECRET = "a-test-session-secret-of-forty-characters";
const APP_URL = "https://voice.example";
const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database, { SESSION_SECRET: SECRET });
const staff = await createStaff(db);

/** Monday 7 December 2026, 08:00 in London (GMT). */
const monday = new Date("2026-12-07T08:00:00Z");

const digestsTo = async (...addresses: string[]) =>
  withText(
    await db
      .selectFrom("email_outbox")
      .select(["to_address", "subject", "template", "props", "text", "headers"])
      .where("template", "=", "weekly-digest")
      .where("to_address", "in", addresses)
      .orderBy("id")
      .execute(),
  );

const send = (now: Date) => sendWeeklyDigests(db, { appUrl: APP_URL, secret: SECRET, now });

test("the digest is due on Mondays from 08:00 London time, in winter and in summer", () => {
  const due = (iso: string) => isDigestTime(new Date(iso));
  // GMT: 08:00 London is 08:00 UTC.
  expect(due("2026-12-07T08:00:00Z")).toBe(true);
  expect(due("2026-12-07T07:59:00Z")).toBe(false);
  expect(due("2026-12-06T08:00:00Z")).toBe(false);
  expect(due("2026-12-08T08:00:00Z")).toBe(false);
  // The Monday before the clocks go forward (29 March 2026) and the one after.
  expect(due("2026-03-23T07:00:00Z")).toBe(false);
  expect(due("2026-03-23T08:00:00Z")).toBe(true);
  expect(due("2026-03-30T06:59:00Z")).toBe(false);
  expect(due("2026-03-30T07:00:00Z")).toBe(true);
  // The Monday before the clocks go back (25 October 2026) and the one after.
  expect(due("2026-10-19T07:00:00Z")).toBe(true);
  expect(due("2026-10-26T07:00:00Z")).toBe(false);
  expect(due("2026-10-26T08:00:00Z")).toBe(true);
  // Late on Sunday in UTC is already Monday 00:30 in London in summer: too early.
  expect(due("2026-06-07T23:30:00Z")).toBe(false);
});

test("members with something asked get one digest a week; nobody deactivated, opted out or with nothing to say", async () => {
  const survey = await createSurveyWithQuestions(db, staff, { mode: "person", serviceAreas: ["libraries"] });
  const asked = await createMemberOrg(db, { serviceArea: "libraries", contacts: 4 });
  const idle = await createMemberOrg(db, { serviceArea: "housing" });
  await openAndCollectTokens(db, staff, survey.id);
  const [member, deactivated, optedOut, erased] = asked.people;
  const [nothingAsked] = idle.people;
  if (!member || !deactivated || !optedOut || !erased || !nothingAsked) throw new Error("people");
  await db.updateTable("people").set({ active: false }).where("id", "=", deactivated.id).execute();
  await db.updateTable("people").set({ erased_at: new Date() }).where("id", "=", erased.id).execute();
  await db.updateTable("people").set({ weekly_digest: false }).where("id", "=", optedOut.id).execute();
  const everyone = [member, deactivated, optedOut, erased, nothingAsked].map((person) => person.email);

  // Not yet Monday 08:00: nothing.
  await send(new Date("2026-12-07T07:30:00Z"));
  expect(await digestsTo(...everyone)).toEqual([]);

  await send(monday);
  await send(new Date("2026-12-07T11:00:00Z"));
  const sent = await digestsTo(...everyone);
  expect(sent.map((email) => email.to_address)).toEqual([member.email]);
  const [digest] = sent;
  expect(digest?.subject).toBe("Your week on Mutual Voice");
  expect(digest?.text).toContain("Asked of you");
  expect(digest?.text).toMatch(/Survey “[^”]+”: not started/);
  const link = `${APP_URL}/unsubscribe?token=${unsubscribeToken(member.id, SECRET)}`;
  expect(digest?.text).toContain(link);
  expect(digest?.headers).toEqual({
    "List-Unsubscribe": `<${link}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  });

  // The next week it comes again, once.
  await send(new Date("2026-12-14T09:00:00Z"));
  await send(new Date("2026-12-14T09:10:00Z"));
  expect((await digestsTo(...everyone)).map((email) => email.to_address)).toEqual([
    member.email,
    member.email,
  ]);
});

test("staff get their queue: a position waiting for their review", async () => {
  const reviewer = await createStaff(db);
  expect(
    await previewDigest(db, { email: reviewer.email, appUrl: APP_URL, secret: SECRET, now: monday }),
  ).toMatch(/nothing to tell them/);
  await db
    .insertInto("positions")
    .values({
      slug: `review-${reviewer.id}`,
      title: "Procurement that counts social value",
      topics: JSON.stringify(["procurement"]),
      owner_id: staff.id,
      state: "in_review",
      reviewer_id: reviewer.id,
    })
    .execute();
  await send(new Date("2026-12-21T08:05:00Z"));
  const [digest] = await digestsTo(reviewer.email);
  expect(digest?.text).toContain(
    "Waiting for your review\n• Policy position “Procurement that counts social value”",
  );
});

test("a member with nothing asked hears of a new use of their evidence once, and of nothing after", async () => {
  const org = await createMemberOrg(db, { serviceArea: "health" });
  const [member] = org.people;
  if (!member) throw new Error("member");
  const letter = await db
    .insertInto("letters")
    .values({
      slug: `digest-letter-${member.id}`,
      title: "Fair funding for mutuals",
      addressee: "The Chancellor",
      body_markdown: "Dear Chancellor",
      state: "delivered",
      opened_at: new Date("2026-12-01T09:00:00Z"),
      closed_at: new Date("2026-12-02T09:00:00Z"),
      delivered_at: new Date("2026-12-03T09:00:00Z"),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const signature = await db
    .insertInto("letter_signatures")
    .values({
      letter_id: letter.id,
      organisation_id: org.organisation.id,
      person_id: member.id,
      signer_name: member.name,
      organisation_name: org.organisation.name,
      via: "session",
      form_key: `digest-${member.id}`,
      link_origin: "http://localhost",
      confirmation_queued_at: new Date(),
    })
    .returning(["id", "signed_at"])
    .executeTakeFirstOrThrow();
  await db
    .insertInto("letter_final_signatories")
    .values({
      letter_id: letter.id,
      position: 1,
      signature_id: signature.id,
      person_id: member.id,
      signer_name: member.name,
      organisation_name: org.organisation.name,
      staff_count: 120,
      signed_at: signature.signed_at,
    })
    .execute();

  // Monday 7 December: delivered on the 3rd, within the first digest's week.
  await send(monday);
  const [digest] = await digestsTo(member.email);
  expect(digest?.text).toContain(
    "Where your evidence was used\n• “Fair funding for mutuals”, to The Chancellor, on 3 December 2026",
  );
  // The week after, nothing new: no digest.
  await send(new Date("2026-12-14T08:00:00Z"));
  expect(await digestsTo(member.email)).toHaveLength(1);
});

test("the preview prints the digest as text and sends nothing", async () => {
  const survey = await createSurveyWithQuestions(db, staff, {
    mode: "organisation",
    serviceAreas: ["leisure"],
  });
  const org = await createMemberOrg(db, { serviceArea: "leisure" });
  await openAndCollectTokens(db, staff, survey.id);
  const [member] = org.people;
  if (!member) throw new Error("member");
  const before = await db
    .selectFrom("email_outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const text = await previewDigest(db, {
    email: member.email.toUpperCase(),
    appUrl: APP_URL,
    secret: SECRET,
  });
  expect(text).toContain(`To: ${member.email}`);
  expect(text).toContain("Subject: Your week on Mutual Voice");
  expect(text).toMatch(/Asked of you\n• Survey “[^”]+”: not started/);
  const after = await db
    .selectFrom("email_outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  expect(after.n).toBe(before.n);
  expect(
    await db.selectFrom("digest_sends").select("week").where("person_id", "=", member.id).execute(),
  ).toEqual([]);
});

test("npm run digest -- --preview runs from the command line", { timeout: 60_000 }, async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "digest-preview-"));
  try {
    const { stdout } = await promisify(execFile)(
      "npx",
      ["tsx", "digest.ts", "--preview", "nobody@example.org"],
      { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", NODE_ENV: "development" } },
    );
    expect(stdout).toContain("No digest for nobody@example.org");
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("the unsubscribe link works without signing in, by a one-click POST or the page's button; forged or borrowed tokens do nothing", async () => {
  const org = await createMemberOrg(db, { contacts: 2 });
  const [first, second] = org.people;
  if (!first || !second) throw new Error("people");
  const digestOf = async (id: number) =>
    (await db.selectFrom("people").select("weekly_digest").where("id", "=", id).executeTakeFirstOrThrow())
      .weekly_digest;
  const token = unsubscribeToken(first.id, SECRET);

  expect(readUnsubscribeToken(token, SECRET)).toBe(first.id);
  expect(readUnsubscribeToken(token, "another-secret-of-forty-characters-long!")).toBeNull();
  // Another person's id with this person's signature, and a signature made up.
  const borrowed = `${second.id}.${token.split(".")[1] ?? ""}`;
  const forged = `${first.id}.${"A".repeat(43)}`;
  for (const bad of [borrowed, forged, "", "abc", `${first.id}`]) {
    expect(readUnsubscribeToken(bad, SECRET), bad).toBeNull();
  }

  const page = await site.get(`/unsubscribe?token=${token}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain("Stop the weekly digest");
  expect((await site.get(`/unsubscribe?token=${borrowed}`)).status).toBe(400);
  expect(await digestOf(first.id)).toBe(true);

  // RFC 8058: the mail client posts to the link itself, with no cookie and no Origin.
  const oneClick = (t: string) =>
    fetch(
      bypass(
        new Request(`${site.url}/unsubscribe?token=${t}`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        }),
      ),
    );
  expect((await oneClick(borrowed)).status).toBe(400);
  expect((await oneClick(forged)).status).toBe(400);
  expect(await digestOf(first.id)).toBe(true);
  expect(await digestOf(second.id)).toBe(true);
  expect((await oneClick(token)).status).toBe(200);
  expect(await digestOf(first.id)).toBe(false);
  expect(await digestOf(second.id)).toBe(true);

  // The page's button, and the switch on /account, turn it back and forth.
  const button = await site.post(`/unsubscribe?token=${unsubscribeToken(second.id, SECRET)}`, {});
  expect(button.data).toEqual({ done: true });
  expect(await digestOf(second.id)).toBe(false);
  await site.post("/account", { intent: "digest", digest: "on" }, { as: second });
  expect(await digestOf(second.id)).toBe(true);
  expect((await site.get("/account", { as: second })).text).toContain("Turn off the weekly digest");
});
