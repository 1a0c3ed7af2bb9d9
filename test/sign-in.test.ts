import { describe, expect, test } from "vitest";
import { createPerson, deactivatePerson } from "~/models/accounts/people.server.ts";
import { redeemSignInToken, requestSignInLink } from "~/models/accounts/sign-in.server.ts";
import { invitePerson } from "~/models/directory/people.server.ts";
import { hashToken } from "~/utils/crypto.server.ts";
import { openTestDb } from "./db.ts";
import { uniqueEmail } from "./context.ts";
import { startTestApp } from "./harness.ts";
import { withText } from "./outbox-text.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const admin = await createPerson(db, null, {
  email: uniqueEmail("admin"),
  name: "Alex Morgan",
  role: "admin",
});

async function newMember(email = uniqueEmail()) {
  const [org] = await db
    .insertInto("organisations")
    .values({ name: `Org ${email}`, legal_form: "other", service_area: "health" })
    .returning("id")
    .execute();
  return createPerson(db, null, { email, name: "Siân Llŷr", role: "member", organisationId: org?.id });
}

async function outboxFor(email: string) {
  return withText(
    await db
      .selectFrom("email_outbox")
      .select(["subject", "template", "props", "text"])
      .where("to_address", "=", email)
      .execute(),
  );
}

function tokenFrom(text: string | undefined) {
  const match = /\/login\/verify\?token=([A-Za-z0-9_-]+)/.exec(text ?? "");
  if (!match?.[1]) throw new Error(`No sign-in link in: ${text}`);
  return match[1];
}

const request = (email: string, ip = `198.51.100.${Math.floor(Math.random() * 250)}`) =>
  requestSignInLink(db, {
    email,
    ip,
    redirectTo: "/account",
    appUrl: "http://localhost:3000",
    tokenMinutes: 10,
  });

describe("asking for a sign-in link", () => {
  test("an active account gets one email whose token is stored only as a hash", async () => {
    const person = await newMember();
    expect(await request(person.email.toUpperCase())).toBe("sent");
    const emails = await outboxFor(person.email);
    expect(emails).toHaveLength(1);
    const token = tokenFrom(emails[0]?.text);
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
    const stored = await db
      .selectFrom("login_tokens")
      .selectAll()
      .where("person_id", "=", person.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  test("unknown and inactive addresses get no email, and the page answers exactly the same", async () => {
    const known = await newMember();
    const inactive = await newMember();
    await deactivatePerson(db, admin, inactive.id);
    const answers = [];
    for (const email of [known.email, "nobody-here@example.org", inactive.email]) {
      const response = await site.post(
        "/login",
        { redirectTo: "/", email },
        { ip: `192.0.2.${answers.length + 1}` },
      );
      answers.push({ status: response.status, location: response.location });
    }
    expect(answers[0]).toEqual({ status: 302, location: "/login/sent" });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(await outboxFor("nobody-here@example.org")).toHaveLength(0);
    expect(await outboxFor(inactive.email)).toHaveLength(0);
    expect(await outboxFor(known.email)).toHaveLength(1);
  });

  test("a form posted from another site is refused before it reaches the page, and sends nothing", async () => {
    const person = await newMember();
    const refused = await site.post(
      "/login",
      { redirectTo: "/", email: person.email },
      { headers: { Origin: "https://elsewhere.example" } },
    );
    expect(refused.status).toBe(403);
    expect(refused.text).toBe("Cross-site request refused.");
    expect(await outboxFor(person.email)).toHaveLength(0);
  });

  test("a malformed address is a 400 with the typing kept", async () => {
    const result = await site.post("/login", { redirectTo: "/", email: "not an email ✉️" });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      errors: { email: expect.stringContaining("correct format") },
      values: { email: "not an email ✉️" },
    });
  });

  test("at most 5 links per address in 15 minutes; the sixth is refused without email", async () => {
    const person = await newMember();
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await request(person.email, `203.0.113.${i + 1}`));
    expect(outcomes).toEqual(["sent", "sent", "sent", "sent", "sent", "rate_limited"]);
    expect(await outboxFor(person.email)).toHaveLength(5);
  });

  test("at most 30 requests per IP in 15 minutes, whatever the addresses", async () => {
    const ip = "198.18.0.1";
    const outcomes = [];
    for (let i = 0; i < 31; i++) outcomes.push(await request(uniqueEmail("probe"), ip));
    expect(outcomes.slice(0, 30).every((outcome) => outcome === "unknown_or_inactive")).toBe(true);
    expect(outcomes[30]).toBe("rate_limited");
    const person = await newMember();
    expect(await request(person.email, ip)).toBe("rate_limited");
    expect(await outboxFor(person.email)).toHaveLength(0);
  });

  test("the limits can be set (SIGN_IN_LIMIT_PER_EMAIL, SIGN_IN_LIMIT_PER_IP)", async () => {
    const person = await newMember();
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      outcomes.push(
        await requestSignInLink(db, {
          email: person.email,
          ip: `203.0.113.${100 + i}`,
          redirectTo: "/",
          appUrl: "http://localhost:3000",
          tokenMinutes: 10,
          limits: { perEmail: 2, perIp: 30 },
        }),
      );
    }
    expect(outcomes).toEqual(["sent", "sent", "rate_limited"]);
  });

  test("hits older than the window no longer count", async () => {
    const person = await newMember();
    for (let i = 0; i < 5; i++) await request(person.email);
    await db
      .updateTable("rate_limit_events")
      .set({ created_at: new Date(Date.now() - 16 * 60_000) })
      .where("bucket", "=", `sign-in:email:${person.email}`)
      .execute();
    expect(await request(person.email)).toBe("sent");
  });
});

describe("using a sign-in link", () => {
  async function linkFor() {
    const person = await newMember();
    await request(person.email);
    const emails = await outboxFor(person.email);
    return { person, token: tokenFrom(emails[0]?.text) };
  }

  test("works once, then never again", async () => {
    const { person, token } = await linkFor();
    expect(await redeemSignInToken(db, token)).toEqual({ personId: person.id, redirectTo: "/account" });
    expect(await redeemSignInToken(db, token)).toBeNull();
  });

  test("two clicks at the same moment make one session", async () => {
    const { token } = await linkFor();
    const results = await Promise.all([redeemSignInToken(db, token), redeemSignInToken(db, token)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  test("expires after 10 minutes", async () => {
    const { token } = await linkFor();
    await db
      .updateTable("login_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("token_hash", "=", hashToken(token))
      .execute();
    expect(await redeemSignInToken(db, token)).toBeNull();
    const stored = await db
      .selectFrom("login_tokens")
      .select(["created_at", "expires_at"])
      .where("token_hash", "=", hashToken(token))
      .executeTakeFirstOrThrow();
    expect(stored.expires_at.getTime()).toBeLessThan(Date.now());
  });

  test("a link issued for 10 minutes expires 10 minutes after it was made", async () => {
    const { token } = await linkFor();
    const stored = await db
      .selectFrom("login_tokens")
      .select(["created_at", "expires_at"])
      .where("token_hash", "=", hashToken(token))
      .executeTakeFirstOrThrow();
    const minutes = (stored.expires_at.getTime() - stored.created_at.getTime()) / 60_000;
    expect(minutes).toBeGreaterThan(9.9);
    expect(minutes).toBeLessThanOrEqual(10.01);
  });

  test("does not work for a person deactivated after it was sent", async () => {
    const { person, token } = await linkFor();
    await deactivatePerson(db, admin, person.id);
    expect(await redeemSignInToken(db, token)).toBeNull();
  });

  test("opening the link (even twice, as mail scanners do) spends nothing; its button signs in once", async () => {
    const { token } = await linkFor();
    for (const _ of [1, 2]) {
      const opened = await site.get(`/login/verify?token=${token}`);
      expect(opened.status).toBe(200);
      expect(opened.text).toContain("Sign in to Mutual Voice</button>");
      expect(opened.text).toContain(`name="token" value="${token}"`);
      expect(opened.headers.get("Set-Cookie")).toBeNull();
      expect(opened.headers.get("Referrer-Policy")).toBe("same-origin");
      expect(opened.headers.get("Cache-Control")).toBe("no-store");
    }
    const stored = await db
      .selectFrom("login_tokens")
      .select(["used_at"])
      .where("token_hash", "=", hashToken(token))
      .executeTakeFirstOrThrow();
    expect(stored.used_at).toBeNull();

    const signedIn = await site.post("/login/verify", { token }, { reloadDocument: true });
    expect(signedIn.status).toBe(302);
    expect(signedIn.location).toBe("/account");
    expect(signedIn.headers.get("Set-Cookie")).toMatch(/^mv_session=.+HttpOnly.*SameSite=Lax/i);

    const again = await site.post("/login/verify", { token }, { reloadDocument: true });
    expect(again.status).toBe(400);
    expect(again.headers.get("Set-Cookie")).toBeNull();
    expect(again.text).toContain("This sign-in link has expired or has already been used");
    expect(again.text).toContain('href="/login">Ask for a new link</a>');
    expect((await site.get(`/login/verify?token=${token}`)).status).toBe(400);
  });

  test("the button's post from another site is refused and leaves the token unspent", async () => {
    const { person, token } = await linkFor();
    const refused = await site.post(
      "/login/verify",
      { token },
      { reloadDocument: true, headers: { Origin: "https://elsewhere.example" } },
    );
    expect(refused.status).toBe(403);
    expect(await redeemSignInToken(db, token)).toEqual({ personId: person.id, redirectTo: "/account" });
  });

  test("a spent or forged link shows a 400 page, not a session", async () => {
    const result = await site.get("/login/verify?token=forged");
    expect(result.status).toBe(400);
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(result.text).not.toContain("Sign in to Mutual Voice</button>");
    const posted = await site.post("/login/verify", { token: "forged" }, { reloadDocument: true });
    expect(posted.status).toBe(400);
    expect(posted.headers.get("Set-Cookie")).toBeNull();
  });
});

describe("an invitation's link", () => {
  async function invited() {
    const person = await newMember();
    await invitePerson(db, admin, person.id, { appUrl: "https://voice.example" });
    const emails = await outboxFor(person.email);
    return { person, token: tokenFrom(emails.at(-1)?.text), text: emails.at(-1)?.text ?? "" };
  }

  test("lives 7 days, stored hashed as its own kind, and the email says so", async () => {
    const { token, text } = await invited();
    const stored = await db
      .selectFrom("login_tokens")
      .select(["kind", "created_at", "expires_at"])
      .where("token_hash", "=", hashToken(token))
      .executeTakeFirstOrThrow();
    expect(stored.kind).toBe("invitation");
    const days = (stored.expires_at.getTime() - stored.created_at.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7.001);
    expect(text).toContain("works once and only for 7 days");
  });

  test("still works on day 6, once, through the button; a sign-in link asked for at /login is still 10 minutes", async () => {
    const { person, token } = await invited();
    // As if sent six days ago: the link still has a day to live.
    await db
      .updateTable("login_tokens")
      .set({ expires_at: new Date(Date.now() + 86_400_000) })
      .where("token_hash", "=", hashToken(token))
      .execute();
    expect((await site.get(`/login/verify?token=${token}`)).status).toBe(200);
    const signedIn = await site.post("/login/verify", { token }, { reloadDocument: true });
    expect(signedIn.location).toBe("/organisation");
    expect((await site.post("/login/verify", { token }, { reloadDocument: true })).status).toBe(400);

    await request(person.email);
    const signIn = await db
      .selectFrom("login_tokens")
      .select(["kind", "created_at", "expires_at"])
      .where("person_id", "=", person.id)
      .where("kind", "=", "sign-in")
      .executeTakeFirstOrThrow();
    expect((signIn.expires_at.getTime() - signIn.created_at.getTime()) / 60_000).toBeLessThanOrEqual(10.01);
  });

  test("sending the invitation again retires the earlier email's link", async () => {
    const first = await invited();
    await invitePerson(db, admin, first.person.id, { appUrl: "https://voice.example" });
    const emails = await outboxFor(first.person.email);
    const second = tokenFrom(emails.at(-1)?.text);
    expect(second).not.toBe(first.token);
    expect(await redeemSignInToken(db, first.token)).toBeNull();
    expect(await redeemSignInToken(db, second)).toEqual({
      personId: first.person.id,
      redirectTo: "/organisation",
    });
  });
});
