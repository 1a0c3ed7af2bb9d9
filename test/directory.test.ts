import { describe, expect, test } from "vitest";
import {
  exportDirectoryCsv,
  listDirectory,
  listOrganisationAudit,
} from "~/models/directory/directory.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import {
  addPersonToOrganisation,
  getDirectoryPerson,
  invitePerson,
  listPeopleOfOrganisation,
  reactivateContact,
  updateContact,
} from "~/models/directory/people.server.ts";
import { commitImport, previewImport } from "~/models/directory/imports.server.ts";
import { changeMembershipStatus } from "~/models/directory/membership.server.ts";
import {
  archiveOrganisation,
  getOrganisation,
  restoreOrganisation,
  updateOrganisation,
} from "~/models/directory/organisations.server.ts";
import { deactivatePerson, findPersonByEmail } from "~/models/accounts/people.server.ts";
import { redeemSignInToken } from "~/models/accounts/sign-in.server.ts";
import { directoryFilterSchema } from "~/schemas/directory.ts";
import { uniqueEmail } from "./context.ts";
import { openTestDb } from "./db.ts";
import { makeMember, makeOrganisation, makeStaff, uniqueName } from "./directory-factories.ts";
import { startTestApp } from "./harness.ts";
import { withText } from "./outbox-text.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await makeStaff(db);
const filter = (fields: Record<string, string> = {}) => directoryFilterSchema.parse(fields);

describe("organisations", () => {
  test("the form refuses a duplicate, a postcode that is not a UK postcode and a negative staff count, keeping what was typed", async () => {
    const existing = await makeOrganisation(db, { postcode: "BS1 5TR" });
    const fields = {
      name: existing.name.toUpperCase(),
      legalForm: "community_interest_company",
      serviceArea: "health",
      postcode: "bs1 5tr",
      staffCount: "10",
      publicIncomeGbp: "1000",
      membershipStatus: "active",
      joinedOn: "",
    };
    const run = (overrides: Record<string, string>) =>
      site.post("/directory/new", { ...fields, ...overrides }, { as: staff });
    expect(await run({})).toMatchObject({
      status: 400,
      data: {
        errors: { name: "An organisation with this name and postcode is already in the directory" },
        values: { name: fields.name },
      },
    });
    expect(await run({ postcode: "123 ABC", staffCount: "-5" })).toMatchObject({
      status: 400,
      data: {
        errors: {
          postcode: "Enter a UK postcode, like BS1 5TR",
          staffCount: "The number of staff cannot be negative",
        },
        values: { postcode: "123 ABC", staffCount: "-5" },
      },
    });
    const created = await run({ name: uniqueName("Fresh"), postcode: "cf104uw" });
    expect(created.location).toMatch(/^\/directory\/\d+$/);
  });

  test("a changed postcode clears the old place and queues a lookup; the audit row holds before and after", async () => {
    const org = await makeOrganisation(db, {
      postcode: "DL1 5QT",
      nation: "england",
      localAuthority: "Darlington",
      localAuthorityCode: "E06000005",
      constituency: "Darlington",
    });
    expect(org.postcodeStatus).toBe("found");
    const { organisation, changed } = await updateOrganisation(db, staff, org.id, {
      postcode: "CF10 4UW",
      staffCount: 7,
    });
    expect(changed).toBe(true);
    expect(organisation).toMatchObject({
      postcode: "CF10 4UW",
      postcodeStatus: "pending",
      nation: null,
      localAuthority: null,
      staffCount: 7,
    });
    const audit = await db
      .selectFrom("audit_log")
      .select(["before", "after", "actor_id"])
      .where("action", "=", "organisation.updated")
      .where("subject_id", "=", String(org.id))
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_id: staff.id,
      before: { staffCount: 100, nation: "england" },
      after: { staffCount: 7, postcode: "CF10 4UW" },
    });
    expect((await updateOrganisation(db, staff, org.id, { staffCount: 7 })).changed).toBe(false);
  });

  test("membership moves follow the lifecycle; an illegal one is refused with 409", async () => {
    const org = await makeOrganisation(db, { membershipStatus: "prospective", joinedOn: null });
    const joined = await changeMembershipStatus(db, staff, org.id, "active");
    expect(joined.joinedOn).toBe(new Date().toISOString().slice(0, 10));
    await expect(changeMembershipStatus(db, staff, org.id, "prospective")).rejects.toMatchObject({
      status: 409,
      message:
        "The membership status cannot go from active member to prospective; it can become lapsed or left",
    });
    expect((await changeMembershipStatus(db, staff, org.id, "lapsed")).membershipStatus).toBe("lapsed");
  });

  test("archived organisations leave the list, cannot be edited, and come back when restored", async () => {
    const org = await makeOrganisation(db, { name: uniqueName("Archivable") });
    await archiveOrganisation(db, staff, org.id);
    expect((await listDirectory(db, staff, filter({ q: org.name }))).total).toBe(0);
    expect((await listDirectory(db, staff, filter({ q: org.name, archived: "only" }))).total).toBe(1);
    await expect(updateOrganisation(db, staff, org.id, { staffCount: 1 })).rejects.toThrow(Refusal);
    await expect(archiveOrganisation(db, staff, org.id)).rejects.toMatchObject({ status: 409 });
    await restoreOrganisation(db, staff, org.id);
    expect((await listDirectory(db, staff, filter({ q: org.name }))).total).toBe(1);
  });
});

describe("the staff directory list", () => {
  test("searches, filters, counts, sorts and pages 50 at a time", async () => {
    const tag = uniqueName("Zebra").replace(/ CIC$/, "");
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 55; i++) {
        await makeOrganisation(trx, {
          name: `${tag} ${String(i).padStart(2, "0")}`,
          staffCount: i,
          serviceArea: i % 2 ? "libraries" : "leisure",
          legalForm: i % 5 === 0 ? "cooperative_society" : "community_interest_company",
          membershipStatus: i < 50 ? "active" : "lapsed",
          nation: i % 3 === 0 ? "wales" : null,
          postcode: i % 3 === 0 ? "CF10 4UW" : null,
          localAuthority: i % 3 === 0 ? "Cardiff" : null,
          localAuthorityCode: i % 3 === 0 ? "W06000015" : null,
        });
      }
    });
    const first = await listDirectory(db, staff, filter({ q: tag }));
    expect(first.total).toBe(55);
    expect(first.entries).toHaveLength(50);
    expect(first.pageCount).toBe(2);
    expect(first.entries[0]?.name).toBe(`${tag} 00`);
    const second = await listDirectory(db, staff, filter({ q: tag, page: "2" }));
    expect(second.entries.map((org) => org.name)).toEqual([50, 51, 52, 53, 54].map((i) => `${tag} ${i}`));
    expect(first.byNation.wales).toBe(19);
    expect(first.byStatus).toMatchObject({ active: 50, lapsed: 5 });

    const welshLapsed = await listDirectory(db, staff, filter({ q: tag, nation: "wales", status: "lapsed" }));
    expect(welshLapsed.entries.map((org) => org.name)).toEqual([`${tag} 51`, `${tag} 54`]);
    // Facet counts ignore their own filter, so the choices still say what picking them would show.
    expect(welshLapsed.byStatus.active).toBe(17);
    const libraries = await listDirectory(
      db,
      staff,
      filter({ q: tag, serviceArea: "libraries", legalForm: "cooperative_society", sort: "-staff" }),
    );
    expect(libraries.entries.map((org) => org.staffCount)).toEqual([45, 35, 25, 15, 5]);
    const none = await listDirectory(db, staff, filter({ q: `${tag} nothing like this` }));
    expect(none).toMatchObject({ total: 0, entries: [], page: 1, pageCount: 1 });
    expect((await listDirectory(db, staff, filter({ q: "100%_" }))).total).toBe(0);
  });

  test("bad filter values in the address are ignored, not a 500", async () => {
    const result = await site.load("/directory?nation=atlantis&sort=evil&page=-3", { as: staff });
    expect(result.status).toBe(200);
    expect(result.data.filter).toMatchObject({ nation: undefined, sort: "name", page: 1 });
  });

  test("the CSV export is the import's format, neutralises formulas, and imports back unchanged", async () => {
    const org = await makeOrganisation(db, {
      name: `=HYPERLINK("http://evil.example") ${uniqueName()}`,
      postcode: "BS1 5TR",
    });
    await makeMember(db, org.id, { name: "+44 Caller", isLeader: true });
    const csv = await exportDirectoryCsv(db, staff, filter({ q: "HYPERLINK" }));
    expect(csv.startsWith("\uFEFForganisation_name,legal_form,service_area,postcode")).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")`);
    expect(csv).toContain(",'+44 Caller,");
    expect(csv).not.toMatch(/(^|,)[=+@]/m);
    const again = await previewImport(db, staff, {
      fileName: "export.csv",
      bytes: new TextEncoder().encode(csv.replace(/'([=+@-])/g, "$1")),
    });
    if (!again.ok) throw new Error("export did not import");
    const row = await db
      .selectFrom("directory_imports")
      .select("preview")
      .where("id", "=", again.importId)
      .executeTakeFirstOrThrow();
    expect(row.preview).toMatchObject({
      counts: { organisations: { create: 0, update: 0, unchanged: 1 }, people: { unchanged: 1 } },
    });
    await commitImport(db, staff, again.importId);

    const response = await site.get("/directory/export.csv?q=HYPERLINK", { as: staff });
    expect(response.headers.get("Content-Disposition")).toMatch(
      /attachment; filename="mutual-voice-directory-\d{4}-\d{2}-\d{2}\.csv"/,
    );
  });
});

describe("people", () => {
  test("a duplicate email is refused; edits and reactivation are audited", async () => {
    const org = await makeOrganisation(db);
    const person = await makeMember(db, org.id);
    await expect(
      addPersonToOrganisation(db, staff, org.id, {
        name: "Copy",
        email: person.email.toUpperCase(),
        jobTitle: null,
        isLeader: false,
      }),
    ).rejects.toMatchObject({
      fieldErrors: { email: "Someone in Mutual Voice already uses this email address" },
      message: "Someone in Mutual Voice already uses this email address",
    });
    const { changed } = await updateContact(db, staff, person.id, { jobTitle: "Director" });
    expect(changed).toBe(true);
    await deactivatePerson(db, staff, person.id);
    await reactivateContact(db, staff, person.id);
    await expect(reactivateContact(db, staff, person.id)).rejects.toMatchObject({ status: 409 });
    const audit = await listOrganisationAudit(db, staff, org.id, { page: 1 });
    expect(audit.entries.map((entry) => entry.action).slice(0, 4)).toEqual([
      "person.reactivated",
      "person.deactivated",
      "person.updated",
      "person.created",
    ]);
    expect(audit.entries[2]?.changes).toEqual([{ field: "jobTitle", from: "Policy Lead", to: "Director" }]);
  });

  test("deactivating ends every session at once", async () => {
    const org = await makeOrganisation(db);
    const person = await makeMember(db, org.id);
    const cookie = await site.signIn(person);
    expect((await site.get("/organisation", { headers: { Cookie: cookie } })).status).toBe(200);
    await site.post(`/directory/people/${person.id}?index`, { intent: "deactivate" }, { as: staff });
    expect(
      await db.selectFrom("sessions").select("id_hash").where("person_id", "=", person.id).execute(),
    ).toEqual([]);
    expect((await site.get("/organisation", { headers: { Cookie: cookie } })).status).toBe(302);
  });

  test("an invitation emails a working sign-in link that lands on the member home", async () => {
    const org = await makeOrganisation(db);
    const person = await makeMember(db, org.id);
    await invitePerson(db, staff, person.id, { appUrl: "https://voice.example" });
    const [email] = withText(
      await db
        .selectFrom("email_outbox")
        .select(["subject", "text", "template", "props"])
        .where("to_address", "=", person.email)
        .execute(),
    );
    if (!email) throw new Error("No invitation email");
    expect(email.template).toBe("invitation");
    expect(email.subject).toBe(`You are invited to Mutual Voice for ${org.name}`);
    const token = /token=([\w-]+)/.exec(email.text)?.[1] ?? "";
    expect(await redeemSignInToken(db, token)).toEqual({ personId: person.id, redirectTo: "/organisation" });
    expect((await getDirectoryPerson(db, staff, person.id)).invitedAt).toBeInstanceOf(Date);
    await deactivatePerson(db, staff, person.id);
    await expect(
      invitePerson(db, staff, person.id, { appUrl: "https://voice.example" }),
    ).rejects.toMatchObject({ status: 409 });
  });
});

describe("a member sees only their own organisation", () => {
  test("in the model: another organisation's ids are a 404, their own are theirs", async () => {
    const mine = await makeOrganisation(db);
    const theirs = await makeOrganisation(db);
    const me = await makeMember(db, mine.id);
    const colleague = await makeMember(db, mine.id, { name: "Colleague" });
    const stranger = await makeMember(db, theirs.id, { name: "Stranger" });
    expect((await getOrganisation(db, me, mine.id)).name).toBe(mine.name);
    await expect(getOrganisation(db, me, theirs.id)).rejects.toMatchObject({ status: 404 });
    await expect(listPeopleOfOrganisation(db, me, theirs.id)).rejects.toMatchObject({ status: 404 });
    await expect(getDirectoryPerson(db, me, stranger.id)).rejects.toMatchObject({ status: 404 });
    await expect(getDirectoryPerson(db, me, staff.id)).rejects.toMatchObject({ status: 404 });
    expect((await getDirectoryPerson(db, me, colleague.id)).name).toBe("Colleague");
    await expect(listDirectory(db, me, filter())).rejects.toMatchObject({ status: 404 });
    await expect(exportDirectoryCsv(db, me, filter())).rejects.toMatchObject({ status: 404 });
    await expect(updateOrganisation(db, me, mine.id, { staffCount: 1 })).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      invitePerson(db, me, colleague.id, { appUrl: "https://voice.example" }),
    ).rejects.toMatchObject({ status: 404 });
    // Deactivated colleagues are not listed to members.
    await deactivatePerson(db, staff, colleague.id);
    expect((await listPeopleOfOrganisation(db, me, mine.id)).map((person) => person.id)).toEqual([me.id]);
  });

  test("through the routes: 404 for another organisation's page or person, their own home otherwise", async () => {
    const mine = await makeOrganisation(db);
    const theirs = await makeOrganisation(db);
    const me = await makeMember(db, mine.id);
    const stranger = await makeMember(db, theirs.id, { name: "Stranger" });
    const status = async (path: string) => (await site.get(path, { as: me })).status;
    expect(await status(`/directory/${theirs.id}`)).toBe(404);
    expect(await status("/directory/999999")).toBe(404);
    expect(await status(`/directory/people/${stranger.id}`)).toBe(404);
    expect(await status(`/directory/${mine.id}`)).toBe(302);
    const postAsMember = await site.post(
      `/directory/people/${stranger.id}?index`,
      { intent: "deactivate" },
      { as: me },
    );
    expect(postAsMember.status).toBe(403);
    expect((await findPersonByEmail(db, stranger.email))?.active).toBe(true);

    const home = await site.load("/organisation", { as: me });
    expect(home.data).toMatchObject({ organisation: { id: mine.id }, colleagues: [{ email: me.email }] });
    expect(home.data.colleagues).toHaveLength(1);
    expect(JSON.stringify(home.data)).not.toContain(theirs.name);
    expect(JSON.stringify(home.data)).not.toContain(stranger.email);
  });

  test("the public sees nothing of the directory", async () => {
    const org = await makeOrganisation(db);
    for (const path of ["/directory", `/directory/${org.id}`, "/directory/export.csv"]) {
      expect((await site.get(path)).status).toBe(302);
    }
  });

  test("a staff account is never a directory person", async () => {
    await expect(getDirectoryPerson(db, staff, staff.id)).rejects.toMatchObject({ status: 404 });
    expect(await findPersonByEmail(db, uniqueEmail())).toBeUndefined();
  });
});
