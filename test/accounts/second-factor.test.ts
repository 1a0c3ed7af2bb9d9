import { Secret, TOTP } from "otpauth";
import { afterEach, describe, expect, test } from "vitest";
import {
  confirmAuthenticatorApp,
  pendingAuthenticatorApp,
  signInWithAuthenticatorApp,
  startAuthenticatorApp,
} from "~/models/accounts/authenticator-app.server.ts";
import { createPerson, type Person } from "~/models/accounts/people.server.ts";
import { setSecondFactorRequiredForStaff } from "~/models/accounts/second-factor.server.ts";
import { createSession } from "~/models/accounts/sessions.server.ts";
import { issueSignInLink } from "~/models/accounts/sign-in.server.ts";
import { loadEnv } from "~/utils/env.server.ts";
import { seal, unseal } from "~/utils/sealed-secret.server.ts";
import { uniqueEmail } from "../context.ts";
import { makeOrganisation } from "../directory-factories.ts";
import { openTestDb } from "../db.ts";
import { startTestApp } from "../harness.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const env = loadEnv({ NODE_ENV: "test" });
const sealing = { sealKey: env.sessionSecret };
const admin = await createPerson(db, null, {
  email: uniqueEmail("admin"),
  name: "Alex Morgan",
  role: "admin",
});

const organisation = await makeOrganisation(db);
const newPerson = (role: Person["role"] = "staff") =>
  createPerson(db, null, {
    email: uniqueEmail(role),
    name: "Priya Shah",
    role,
    organisationId: role === "member" ? organisation.id : null,
  });

const codeAt = (secret: string, timestamp: number) =>
  TOTP.generate({ secret: Secret.fromBase32(secret.replace(/\s/g, "")), timestamp });

/** Adds an app as the person would on their security page; its code was entered 30 s ago. */
async function withAuthenticatorApp(person: Person) {
  const sessionId = await createSession(db, person.id, env);
  await startAuthenticatorApp(db, person, sealing);
  const pending = await pendingAuthenticatorApp(db, person, sealing);
  if (!pending) throw new Error("no pending app");
  const earlier = Date.now() - 30_000;
  const confirmed = await confirmAuthenticatorApp(db, person, sessionId, codeAt(pending.secret, earlier), {
    ...sealing,
    now: earlier,
  });
  if (!confirmed.ok || !confirmed.recoveryCodes) throw new Error("not confirmed");
  return { secret: pending.secret, recoveryCodes: confirmed.recoveryCodes, firstSession: sessionId };
}

/** The emailed link's button, as a browser presses it: the new session's cookie and where it goes. */
async function useEmailedLink(person: Person, redirectTo = "/directory") {
  const link = await issueSignInLink(db, person.id, { appUrl: site.url, redirectTo, tokenMinutes: 10 });
  const token = new URL(link).searchParams.get("token") ?? "";
  const answer = await site.post("/login/verify", { token }, { reloadDocument: true });
  const cookie = (answer.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
  return { location: answer.location, headers: { Cookie: cookie } };
}

afterEach(() => setSecondFactorRequiredForStaff(db, admin, false));

describe("signing in with a second factor", () => {
  test("without one, the emailed link signs in as before", async () => {
    const person = await newPerson();
    const signIn = await useEmailedLink(person);
    expect(signIn.location).toBe("/directory");
    expect((await site.get("/directory", signIn)).status).toBe(200);
  });

  test("once added, the link leads to the second step, and a half-signed session reaches nothing else", async () => {
    const person = await newPerson();
    const { secret } = await withAuthenticatorApp(person);
    const signIn = await useEmailedLink(person);
    expect(signIn.location).toBe("/login/second-factor?redirectTo=%2Fdirectory");
    for (const path of ["/directory", "/account", "/admin/audit", "/account/security", "/positions"]) {
      const answer = await site.get(path, signIn);
      expect(answer.status, path).toBe(302);
      expect(answer.location, path).toMatch(/^\/login\/second-factor\?redirectTo=/);
    }
    // A staff-only action refuses as well: the session is no one's yet.
    const posted = await site.post("/admin/security", { intent: "required", required: "off" }, signIn);
    expect(posted.status).toBe(302);

    const page = await site.get("/login/second-factor?redirectTo=%2Fdirectory", signIn);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Code from your authenticator app");

    const wrong = await site.post(
      "/login/second-factor?redirectTo=%2Fdirectory",
      { intent: "app-code", code: "000000" === codeAt(secret, Date.now()) ? "111111" : "000000" },
      signIn,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data).toMatchObject({ errors: { code: expect.stringContaining("not right") } });

    const code = codeAt(secret, Date.now());
    const right = await site.post(
      "/login/second-factor?redirectTo=%2Fdirectory",
      { intent: "app-code", code },
      signIn,
    );
    expect(right).toMatchObject({ status: 302, location: "/directory" });
    expect((await site.get("/directory", signIn)).status).toBe(200);

    // The same code (the same 30-second step) never works twice, even on another session.
    const other = await useEmailedLink(person);
    const reused = await site.post("/login/second-factor", { intent: "app-code", code }, other);
    expect(reused.status).toBe(400);
  });

  test("the key is stored sealed, and shown only while being set up", async () => {
    const person = await newPerson();
    const { secret } = await withAuthenticatorApp(person);
    const row = await db
      .selectFrom("totp_authenticators")
      .select("secret_sealed")
      .where("person_id", "=", person.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(secret.replace(/\s/g, ""));
    expect(await pendingAuthenticatorApp(db, person, sealing)).toBeNull();
  });

  test("a code is accepted one 30-second step either side of now, not two", async () => {
    const person = await newPerson();
    const { secret } = await withAuthenticatorApp(person);
    const now = Date.now();
    const sessionId = await createSession(db, person.id, env);
    const tooLate = codeAt(secret, now - 60_000);
    const tooEarly = codeAt(secret, now + 60_000);
    const current = codeAt(secret, now);
    const next = codeAt(secret, now + 30_000);
    const at = { ...sealing, now };
    if (![current, next].includes(tooLate)) {
      expect(await signInWithAuthenticatorApp(db, person, sessionId, tooLate, at)).toBe(false);
    }
    if (![current, next].includes(tooEarly)) {
      expect(await signInWithAuthenticatorApp(db, person, sessionId, tooEarly, at)).toBe(false);
    }
    expect(await signInWithAuthenticatorApp(db, person, sessionId, next, at)).toBe(true);
    // Once a later step is used, an earlier one (the current code) is refused too.
    if (current !== next)
      expect(await signInWithAuthenticatorApp(db, person, sessionId, current, at)).toBe(false);
  });

  test("a sealed key opens only with its own secret and purpose, and not once tampered with", () => {
    const sealed = seal("a".repeat(32), "totp-secret", "JBSWY3DPEHPK3PXP");
    expect(unseal("a".repeat(32), "totp-secret", sealed)).toBe("JBSWY3DPEHPK3PXP");
    expect(unseal("b".repeat(32), "totp-secret", sealed)).toBeNull();
    expect(unseal("a".repeat(32), "other", sealed)).toBeNull();
    expect(unseal("a".repeat(32), "totp-secret", `${sealed.slice(0, -2)}AA`)).toBeNull();
    expect(unseal("a".repeat(32), "totp-secret", "nonsense")).toBeNull();
  });

  test("a recovery code works once", async () => {
    const person = await newPerson("member");
    const { recoveryCodes } = await withAuthenticatorApp(person);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await db
      .selectFrom("recovery_codes")
      .select("code_hash")
      .where("person_id", "=", person.id)
      .execute();
    expect(stored.map((row) => row.code_hash)).not.toContain(recoveryCodes[0]);

    const first = await useEmailedLink(person, "/account");
    const used = await site.post(
      "/login/second-factor?redirectTo=%2Faccount",
      { intent: "recovery-code", recoveryCode: ` ${recoveryCodes[0]?.toUpperCase()} ` },
      first,
    );
    expect(used).toMatchObject({ status: 302, location: "/account" });
    expect((await site.get("/account", first)).status).toBe(200);

    const second = await useEmailedLink(person, "/account");
    const again = await site.post(
      "/login/second-factor",
      { intent: "recovery-code", recoveryCode: recoveryCodes[0] ?? "" },
      second,
    );
    expect(again.status).toBe(400);
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("subject_id", "=", String(person.id))
      .where("action", "=", "second_factor.recovery_code_used")
      .execute();
    expect(audit).toHaveLength(1);
  });

  test("code attempts are rate limited per person", async () => {
    const person = await newPerson();
    await withAuthenticatorApp(person);
    const signIn = await useEmailedLink(person);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const answer = await site.post(
        "/login/second-factor",
        { intent: "recovery-code", recoveryCode: "aaaaa-aaaaa" },
        signIn,
      );
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses[10]).toBe(429);
  });

  test("bad input at the second step is a 400 with the typing kept, never a 500", async () => {
    const person = await newPerson();
    await withAuthenticatorApp(person);
    const signIn = await useEmailedLink(person);
    const bodies: Record<string, string>[] = [
      { intent: "app-code", code: "12ab56" },
      { intent: "passkey", response: "{not json" },
      {
        intent: "passkey",
        response: JSON.stringify({ id: "x", rawId: "x", type: "public-key", response: {} }),
      },
      { intent: "nonsense" },
    ];
    for (const body of bodies) {
      const answer = await site.post("/login/second-factor", body, signIn);
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
    const typed = await site.post("/login/second-factor", { intent: "app-code", code: "12ab56" }, signIn);
    expect(typed.data).toMatchObject({ values: { code: "12ab56" } });
  });

  test("a forged passkey answer is refused", async () => {
    const person = await newPerson();
    await withAuthenticatorApp(person);
    const signIn = await useEmailedLink(person);
    const forged = {
      id: "AAAA",
      rawId: "AAAA",
      type: "public-key",
      response: { clientDataJSON: "AAAA", authenticatorData: "AAAA", signature: "AAAA" },
    };
    const answer = await site.post(
      "/login/second-factor",
      { intent: "passkey", response: JSON.stringify(forged) },
      signIn,
    );
    expect(answer.status).toBe(400);
    expect((await site.get("/directory", signIn)).status).toBe(302);
  });

  test("members keep link-only sign-in unless they add a factor", async () => {
    const member = await newPerson("member");
    await setSecondFactorRequiredForStaff(db, admin, true);
    const signIn = await useEmailedLink(member, "/account");
    expect(signIn.location).toBe("/account");
  });
});

describe("requiring a second factor for staff", () => {
  test("an admin turns it on (audited); staff without one are sent to add one and reach nothing else", async () => {
    const turnedOn = await site.post(
      "/admin/security",
      { intent: "required", required: "on" },
      { as: admin },
    );
    expect(turnedOn.status).toBe(200);
    const audit = await db
      .selectFrom("audit_log")
      .select(["actor_id", "after"])
      .where("action", "=", "settings.second_factor_required_for_staff")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: admin.id, after: { required: true } });

    const staff = await newPerson();
    const signIn = await useEmailedLink(staff);
    expect(signIn.location).toBe("/account/security?redirectTo=%2Fdirectory");
    expect(await site.get("/directory", signIn)).toMatchObject({
      status: 302,
      location: "/account/security?redirectTo=%2Fdirectory",
    });
    const setup = await site.load("/account/security?redirectTo=%2Fdirectory", signIn);
    expect(setup.status).toBe(200);
    expect(setup.data).toMatchObject({ mustSetUp: true });

    // Adding an app there finishes the sign-in, with recovery codes to save.
    expect((await site.post("/account/security", { intent: "start-app" }, signIn)).status).toBe(200);
    const pending = await pendingAuthenticatorApp(db, staff, sealing);
    const confirmed = await site.post(
      "/account/security",
      { intent: "confirm-app", code: codeAt(pending?.secret ?? "", Date.now()) },
      signIn,
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.data).toMatchObject({ recoveryCodes: expect.arrayContaining([expect.any(String)]) });
    expect((await site.get("/directory", signIn)).status).toBe(200);

    // Under the rule, the last factor cannot be removed.
    const removed = await site.post("/account/security", { intent: "remove-app" }, signIn);
    expect(removed.status).toBe(409);
  });
});

describe("an administrator resets a lost second factor", () => {
  test("removes every factor and session, audits it and emails the person", async () => {
    const person = await newPerson();
    await withAuthenticatorApp(person);
    const reset = await site.post(
      "/admin/security",
      { intent: "reset", personId: String(person.id) },
      { as: admin },
    );
    expect(reset.status).toBe(200);
    for (const table of [
      "totp_authenticators",
      "recovery_codes",
      "webauthn_credentials",
      "sessions",
    ] as const) {
      const rows = await db
        .selectFrom(table)
        .select("person_id")
        .where("person_id", "=", person.id)
        .execute();
      expect(rows, table).toEqual([]);
    }
    const audit = await db
      .selectFrom("audit_log")
      .select(["actor_id", "subject_type"])
      .where("action", "=", "second_factor.reset")
      .where("subject_id", "=", String(person.id))
      .execute();
    expect(audit).toEqual([{ actor_id: admin.id, subject_type: "person" }]);
    const emails = await db
      .selectFrom("email_outbox")
      .select(["template", "subject"])
      .where("to_address", "=", person.email)
      .execute();
    expect(emails).toEqual([
      { template: "second-factor-reset", subject: "Your Mutual Voice second factor was reset" },
    ]);
    // Signing in is by link alone again.
    expect((await useEmailedLink(person)).location).toBe("/directory");
  });

  test("staff who are not administrators cannot reset anyone", async () => {
    const staff = await newPerson();
    const person = await newPerson();
    await withAuthenticatorApp(person);
    const refused = await site.post(
      "/admin/security",
      { intent: "reset", personId: String(person.id) },
      { as: staff },
    );
    expect(refused.status).toBe(403);
    const apps = await db
      .selectFrom("totp_authenticators")
      .select("person_id")
      .where("person_id", "=", person.id)
      .execute();
    expect(apps).toHaveLength(1);
  });
});
