import { describe, expect, test } from "vitest";
import { erasePerson, exportPersonData } from "~/models/directory/data-rights.server.ts";
import { invitePerson, updateContact } from "~/models/directory/people.server.ts";
import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { findPersonByEmail } from "~/models/accounts/people.server.ts";
import { requestSignInLink } from "~/models/accounts/sign-in.server.ts";
import { openTestDb } from "./db.ts";
import { makeMember, makeOrganisation, makeStaff } from "./directory-factories.ts";
import { startTestApp } from "./harness.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await makeStaff(db);

async function someoneWithHistory() {
  const org = await makeOrganisation(db);
  const person = await makeMember(db, org.id, { name: "Gwenllïan Prydderch" });
  await updateContact(db, staff, person.id, { jobTitle: "Head of Policy" });
  await invitePerson(db, staff, person.id, { appUrl: "https://voice.example" });
  await site.signIn(person);
  await site.signIn(person);
  return { org, person };
}

describe("downloading a person's data", () => {
  test("holds the person, their sessions, the audit trail about them and the emails sent to them, without live links", async () => {
    const { org, person } = await someoneWithHistory();
    const data = await exportPersonData(db, staff, person.id);
    expect(data.person).toMatchObject({
      id: person.id,
      name: "Gwenllïan Prydderch",
      email: person.email,
      jobTitle: "Head of Policy",
      organisation: { id: org.id, name: org.name },
      erasedAt: null,
    });
    expect(data.sessions.count).toBe(2);
    expect(data.signInLinks.count).toBe(1);
    expect(data.auditEntriesAboutThem.map((entry) => entry.action)).toEqual([
      "person.created",
      "person.updated",
      "person.invited",
    ]);
    expect(data.auditEntriesAboutThem[1]).toMatchObject({
      by: "Priya Shah",
      after: { jobTitle: "Head of Policy" },
    });
    expect(data.emailsSentToThem).toHaveLength(1);
    expect(data.emailsSentToThem[0]?.subject).toBe(`You are invited to Mutual Voice for ${org.name}`);
    expect(data.emailsSentToThem[0]?.text).toContain("/login/verify?token=REDACTED");
    expect(JSON.stringify(data)).not.toMatch(/token=(?!REDACTED)/);
    const logged = await db
      .selectFrom("audit_log")
      .select("actor_id")
      .where("action", "=", "person.data_exported")
      .where("subject_id", "=", String(person.id))
      .execute();
    expect(logged).toEqual([{ actor_id: staff.id }]);
  });

  test("the download is a JSON attachment, for staff only", async () => {
    const { person } = await someoneWithHistory();
    const download = `/directory/people/${person.id}/export.json`;
    const response = await site.post(download, {}, { as: staff, reloadDocument: true });
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="mutual-voice-person-${person.id}.json"`,
    );
    expect(JSON.parse(response.text)).toMatchObject({
      format: "mutual-voice-person-export/1",
      person: { id: person.id },
    });
    const colleague = await makeMember(db, person.organisationId ?? 0);
    expect((await site.post(download, {}, { as: colleague, reloadDocument: true })).status).toBe(403);
  });
});

describe("erasing a person", () => {
  test("removes their identity everywhere, ends their sessions, and keeps the rows without it", async () => {
    const { org, person } = await someoneWithHistory();
    await enqueueEmail(db, {
      to: person.email,
      template: "sign-in",
      props: { name: person.name, link: "https://voice.example/login/verify?token=x", minutes: 10 },
    });
    const erased = await site.post(
      `/directory/people/${person.id}?index`,
      { intent: "erase" },
      { as: staff },
    );
    expect(erased.status).toBe(302);

    const row = await db
      .selectFrom("people")
      .selectAll()
      .where("id", "=", person.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: "Erased person",
      email: `erased-${person.id}@erased.invalid`,
      job_title: null,
      active: false,
      is_leader: false,
      organisation_id: org.id,
    });
    expect(row.erased_at).toBeInstanceOf(Date);
    expect(
      await db.selectFrom("sessions").select("id_hash").where("person_id", "=", person.id).execute(),
    ).toEqual([]);
    expect(
      await db.selectFrom("login_tokens").select("token_hash").where("person_id", "=", person.id).execute(),
    ).toEqual([]);

    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "before", "after"])
      .where("subject_type", "=", "person")
      .where("subject_id", "=", String(person.id))
      .orderBy("id")
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual([
      "person.created",
      "person.updated",
      "person.invited",
      "person.erased",
    ]);
    const trail = JSON.stringify(audit);
    expect(trail).not.toContain(person.email);
    expect(trail).not.toContain("Gwenllïan");
    expect(trail).not.toContain("Head of Policy");
    expect(audit[1]?.before).toMatchObject({
      name: "Erased person",
      email: `erased-${person.id}@erased.invalid`,
      jobTitle: null,
      role: "member",
    });

    const mail = await db
      .selectFrom("email_outbox")
      .select(["to_address", "text", "html", "failed_at", "last_error"])
      .where("to_address", "like", `erased-${person.id}@%`)
      .execute();
    expect(mail).toHaveLength(2);
    expect(JSON.stringify(mail)).not.toContain("Gwenllïan");
    expect(JSON.stringify(mail)).not.toContain("token=");
    expect(mail.every((email) => email.failed_at !== null && email.last_error === "Recipient erased")).toBe(
      true,
    );

    // The old address no longer signs anyone in, and a second erasure is refused.
    expect(await findPersonByEmail(db, person.email)).toBeUndefined();
    expect(
      await requestSignInLink(db, {
        email: person.email,
        ip: "203.0.113.9",
        redirectTo: "/",
        appUrl: "https://voice.example",
        tokenMinutes: 10,
      }),
    ).toBe("unknown_or_inactive");
    await expect(erasePerson(db, staff, person.id)).rejects.toMatchObject({ status: 409 });
    await expect(updateContact(db, staff, person.id, { name: "Back again" })).rejects.toMatchObject({
      status: 409,
    });
    const after = await exportPersonData(db, staff, person.id);
    expect(after.person).toMatchObject({
      name: "Erased person",
      jobTitle: null,
      erasedAt: expect.any(String),
    });
  });

  test("members cannot erase anyone", async () => {
    const org = await makeOrganisation(db);
    const me = await makeMember(db, org.id);
    const colleague = await makeMember(db, org.id);
    await expect(erasePerson(db, me, colleague.id)).rejects.toMatchObject({ status: 404 });
    expect((await findPersonByEmail(db, colleague.email))?.name).toBe("Daniel Osei");
  });
});
