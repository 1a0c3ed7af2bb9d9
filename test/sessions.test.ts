import { describe, expect, test } from "vitest";
import { createPerson, deactivatePerson } from "~/models/accounts/people.server.ts";
import { hashToken } from "~/utils/crypto.server.ts";
import { createSession, findSessionPerson } from "~/models/accounts/sessions.server.ts";
import { openTestDb } from "./db.ts";
import { uniqueEmail } from "./context.ts";
import { startTestApp } from "./harness.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const admin = await createPerson(db, null, {
  email: uniqueEmail("admin"),
  name: "Alex Morgan",
  role: "admin",
});
const settings = { SESSION_IDLE_MINUTES: 60, SESSION_ABSOLUTE_HOURS: 12 };

const newStaff = () =>
  createPerson(db, null, { email: uniqueEmail("staff"), name: "Priya Shah", role: "staff" });

const withSession = async (sessionId: string) => ({ headers: { Cookie: await site.cookieOf(sessionId) } });

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

describe("sessions", () => {
  test("the cookie holds only a random id; the table holds only its hash", async () => {
    const person = await newStaff();
    const sessionId = await createSession(db, person.id, settings);
    const rows = await db.selectFrom("sessions").selectAll().where("person_id", "=", person.id).execute();
    expect(rows.map((row) => row.id_hash)).toEqual([hashToken(sessionId)]);
    expect(Buffer.from(sessionId, "base64url").length).toBe(32);
    const account = await site.load("/account", await withSession(sessionId));
    expect(account.data).toMatchObject({ user: { email: person.email } });
  });

  test("a tampered cookie signs nobody in", async () => {
    const person = await newStaff();
    const sessionId = await createSession(db, person.id, settings);
    const account = await site.get("/account", { headers: { Cookie: `mv_session=${sessionId}` } });
    expect(account).toMatchObject({ status: 302, location: "/login?redirectTo=%2Faccount" });
  });

  test("ends after an hour without activity", async () => {
    const person = await newStaff();
    const sessionId = await createSession(db, person.id, settings);
    expect(await findSessionPerson(db, sessionId, settings, minutesFromNow(59))).not.toBeNull();
    // Activity at 59 minutes keeps it alive for another hour from then.
    expect(await findSessionPerson(db, sessionId, settings, minutesFromNow(59 + 59))).not.toBeNull();
    expect(await findSessionPerson(db, sessionId, settings, minutesFromNow(59 + 59 + 61))).toBeNull();
    expect(
      await db.selectFrom("sessions").select("id_hash").where("person_id", "=", person.id).execute(),
    ).toEqual([]);
  });

  test("ends after 12 hours however active", async () => {
    const person = await newStaff();
    const sessionId = await createSession(db, person.id, settings);
    for (let minutes = 50; minutes < 12 * 60; minutes += 50) {
      expect(await findSessionPerson(db, sessionId, settings, minutesFromNow(minutes))).not.toBeNull();
    }
    expect(await findSessionPerson(db, sessionId, settings, minutesFromNow(12 * 60 + 1))).toBeNull();
  });

  test("timeouts are configurable", async () => {
    const person = await newStaff();
    const short = { SESSION_IDLE_MINUTES: 5, SESSION_ABSOLUTE_HOURS: 1 };
    const sessionId = await createSession(db, person.id, short);
    expect(await findSessionPerson(db, sessionId, short, minutesFromNow(6))).toBeNull();
  });

  test("signing out deletes the session server-side", async () => {
    const person = await newStaff();
    const sessionId = await createSession(db, person.id, settings);
    const response = await site.post("/logout", {}, await withSession(sessionId));
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await findSessionPerson(db, sessionId, settings)).toBeNull();
  });

  test("deactivating a person ends all their sessions at once", async () => {
    const person = await newStaff();
    const first = await createSession(db, person.id, settings);
    const second = await createSession(db, person.id, settings);
    await deactivatePerson(db, admin, person.id);
    expect(await findSessionPerson(db, first, settings)).toBeNull();
    expect(await findSessionPerson(db, second, settings)).toBeNull();
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "before", "after"])
      .where("subject_type", "=", "person")
      .where("subject_id", "=", String(person.id))
      .where("action", "=", "person.deactivated")
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ active: true });
    expect(audit.after).toMatchObject({ active: false });
  });

  test("only staff may deactivate people", async () => {
    const person = await newStaff();
    const member = { id: person.id, role: "member" as const, organisationId: 1, isLeader: true };
    await expect(deactivatePerson(db, member, person.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("route guards", () => {
  test("a signed-out visitor is sent to sign in and brought back to the page they asked for", async () => {
    const page = await site.get("/account?tab=2");
    expect(page.status).toBe(302);
    expect(page.location).toBe("/login?redirectTo=%2Faccount%3Ftab%3D2");
  });

  test("a member asking for a staff page gets 403", async () => {
    const [org] = await db
      .insertInto("organisations")
      .values({ name: "Guard Test CIC", legal_form: "other", service_area: "health" })
      .returning("id")
      .execute();
    const member = await createPerson(db, null, {
      email: uniqueEmail("member"),
      name: "Member",
      role: "member",
      organisationId: org?.id,
    });
    const sessionId = await createSession(db, member.id, settings);
    expect((await site.get("/network", await withSession(sessionId))).status).toBe(403);
  });
});
