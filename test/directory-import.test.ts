import { describe, expect, test } from "vitest";
import {
  commitImport,
  discardImport,
  discardStalePreviews,
  getImport,
  previewImport,
} from "~/models/directory/imports.server.ts";
import { lookUpPendingPostcodes } from "~/models/directory/postcode-lookups.server.ts";
import { findPersonByEmail } from "~/models/accounts/people.server.ts";
import { createPostcodesClient } from "~/services/postcodes.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { uniqueEmail } from "./context.ts";
import { openTestDb } from "./db.ts";
import {
  encode,
  IMPORT_HEADER,
  makeMember,
  makeOrganisation,
  makeStaff,
  uniqueName,
} from "./directory-factories.ts";
import { startTestApp } from "./harness.ts";
import { postcodesServerError, POSTCODES_URL } from "./mocks/postcodes.ts";
import { server } from "./mocks/server.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await makeStaff(db);

const auditCount = async () =>
  (
    await db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()
  ).n;

async function preview(lines: string[]) {
  const outcome = await previewImport(db, staff, {
    fileName: "members.csv",
    bytes: encode([IMPORT_HEADER, ...lines].join("\r\n")),
  });
  if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join("; "));
  return getImport(db, staff, outcome.importId);
}

describe("previewing and committing an import", () => {
  test("the preview writes nothing but the job; committing writes everything; the same file again changes nothing", async () => {
    const name = uniqueName("Riverside");
    const [a, b, c] = [uniqueEmail("a"), uniqueEmail("b"), uniqueEmail("c")];
    const lines = [
      `${name},CIC,Leisure,BS1 5TR,240,6500000,active,2019-04-01,Sam Taylor,${a},Chief Executive,yes`,
      `${name},,,BS1 5TR,,,,,Jo Lee,${b},Finance,no`,
      `${uniqueName("Valleys")},Community benefit society,Social care,CF10 4UW,50,"1,000",prospective,,Gwyn Ap,${c},,`,
    ];
    const before = await auditCount();
    const first = await preview(lines);
    expect(first.preview.counts).toEqual({
      organisations: { create: 2, update: 0, unchanged: 0 },
      people: { create: 3, update: 0, unchanged: 0 },
      rowsImported: 3,
      rowsWithProblems: 0,
    });
    expect(await auditCount()).toBe(before);
    expect(await findPersonByEmail(db, a)).toBeUndefined();

    const outcome = await commitImport(db, staff, first.id);
    expect(outcome.kind).toBe("committed");
    const sam = await findPersonByEmail(db, a);
    expect(sam).toMatchObject({ name: "Sam Taylor", role: "member", isLeader: true });
    const jo = await findPersonByEmail(db, b);
    expect(jo?.organisationId).toBe(sam?.organisationId);
    const org = await db
      .selectFrom("organisations")
      .selectAll()
      .where("id", "=", sam?.organisationId ?? 0)
      .executeTakeFirstOrThrow();
    expect(org).toMatchObject({
      staff_count: 240,
      public_income_gbp: "6500000.00",
      postcode: "BS1 5TR",
      joined_on: "2019-04-01",
    });
    const committed = await getImport(db, staff, first.id);
    expect(committed.status).toBe("committed");
    const source = await db
      .selectFrom("directory_imports")
      .select("source")
      .where("id", "=", first.id)
      .executeTakeFirstOrThrow();
    expect(source.source).toBeNull();

    const afterFirst = await auditCount();
    const second = await preview(lines);
    expect(second.preview.counts).toMatchObject({
      organisations: { create: 0, update: 0, unchanged: 2 },
      people: { create: 0, update: 0, unchanged: 3 },
    });
    await commitImport(db, staff, second.id);
    // Only the import's own record is new: no organisation or person was touched.
    expect(await auditCount()).toBe(afterFirst + 1);
  });

  test("updates only what a row says, and the preview lists each change", async () => {
    const org = await makeOrganisation(db, { postcode: "DL1 5QT", staffCount: 100 });
    const member = await makeMember(db, org.id, { name: "Ann Old" });
    const updated = await preview([`${org.name},,,DL1 5QT,120,,,,Ann New,${member.email},,yes`]);
    expect(updated.preview.counts.organisations).toEqual({ create: 0, update: 1, unchanged: 0 });
    expect(updated.preview.updated).toEqual([
      { row: 2, name: org.name, id: org.id, changes: [{ field: "Staff", from: "100", to: "120" }] },
    ]);
    expect(updated.preview.peopleUpdated).toEqual([
      {
        row: 2,
        email: member.email,
        changes: [
          { field: "Name", from: "Ann Old", to: "Ann New" },
          { field: "Leader", from: "no", to: "yes" },
        ],
      },
    ]);
    await commitImport(db, staff, updated.id);
    const after = await db
      .selectFrom("organisations")
      .select(["staff_count", "public_income_gbp", "legal_form"])
      .where("id", "=", org.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({
      staff_count: 120,
      public_income_gbp: "1000000.00",
      legal_form: "community_interest_company",
    });
    expect(await findPersonByEmail(db, member.email)).toMatchObject({
      name: "Ann New",
      isLeader: true,
      jobTitle: "Policy Lead",
    });
  });

  test("rows that cannot be imported are listed and left out; the rest import", async () => {
    const other = await makeOrganisation(db);
    const taken = await makeMember(db, other.id);
    const archived = await makeOrganisation(db);
    await db
      .updateTable("organisations")
      .set({ archived_at: new Date() })
      .where("id", "=", archived.id)
      .execute();
    const active = await makeOrganisation(db, { membershipStatus: "active" });
    const good = uniqueName("Good");
    const conflicted = uniqueName("Conflicted");
    const incomplete = uniqueName("Incomplete");
    const dup = uniqueEmail("dup");
    const job = await preview([
      `${good},CIC,Health,,10,,,,Ann,${dup},,`,
      `${good},CIC,Health,,,,,,Bob,${dup},,`,
      `${conflicted},CIC,Health,,10,,,,,,,`,
      `${conflicted},CIC,Health,,12,,,,,,,`,
      `${uniqueName("Taken")},CIC,Health,,,,,,Cy,${taken.email},,`,
      `${archived.name},,,,,,,,,,,`,
      `${incomplete},,Health,,,,,,Di,${uniqueEmail("di")},,`,
      `${incomplete},,,,,,,,Ed,${uniqueEmail("ed")},,`,
      `${active.name},,,,,,prospective,,,,,`,
    ]);
    expect(job.preview.problems).toEqual([
      { row: 3, column: "contact_email", message: `${dup} is already on row 2: each person can appear once` },
      { row: 5, column: "staff_count", message: "12 differs from row 4 for the same organisation (10)" },
      {
        row: 6,
        column: "contact_email",
        message: `${taken.email} already belongs to someone at ${other.name}`,
      },
      {
        row: 7,
        column: "organisation_name",
        message: `${archived.name} is archived: restore it on its page before importing into it`,
      },
      { row: 8, column: "legal_form", message: "Enter the legal form of this new organisation" },
      { row: 9, column: null, message: "Not imported: row 8 has a problem with the same organisation" },
      {
        row: 10,
        column: "membership_status",
        message:
          "The membership status cannot go from active member to prospective; it can become lapsed or left",
      },
    ]);
    expect(job.preview.counts).toMatchObject({
      organisations: { create: 2, update: 0, unchanged: 0 },
      rowsImported: 2,
      rowsWithProblems: 7,
    });
    await commitImport(db, staff, job.id);
    expect(await findPersonByEmail(db, dup)).toMatchObject({ name: "Ann" });
  });

  test("a preview made stale by a change to the directory is refreshed, not applied", async () => {
    const name = uniqueName("Stale");
    const job = await preview([`${name},CIC,Health,,10,,,,,,,`]);
    await makeOrganisation(db, { name, staffCount: 99 });
    expect(await commitImport(db, staff, job.id)).toEqual({ kind: "stale" });
    const refreshed = await getImport(db, staff, job.id);
    expect(refreshed.status).toBe("previewed");
    expect(refreshed.preview.refreshedAt).not.toBeNull();
    expect(refreshed.preview.counts.organisations).toEqual({ create: 0, update: 1, unchanged: 0 });
    expect(await commitImport(db, staff, job.id)).toMatchObject({ kind: "committed" });
  });

  test("a second confirmation is refused, and so is confirming a discarded preview", async () => {
    const job = await preview([`${uniqueName()},CIC,Health,,,,,,,,,`]);
    await commitImport(db, staff, job.id);
    await expect(commitImport(db, staff, job.id)).rejects.toThrow(Refusal);
    const other = await preview([`${uniqueName()},CIC,Health,,,,,,,,,`]);
    await discardImport(db, staff, other.id);
    await expect(commitImport(db, staff, other.id)).rejects.toThrow(/discarded/);
    expect(
      (
        await db
          .selectFrom("directory_imports")
          .select("source")
          .where("id", "=", other.id)
          .executeTakeFirstOrThrow()
      ).source,
    ).toBeNull();
  });

  test("previews left unconfirmed for a day are discarded with their personal data", async () => {
    const job = await preview([`${uniqueName()},CIC,Health,,,,,,Old,${uniqueEmail()},,`]);
    await db
      .updateTable("directory_imports")
      .set({ created_at: new Date(Date.now() - 25 * 60 * 60_000) })
      .where("id", "=", job.id)
      .execute();
    expect(await discardStalePreviews(db)).toBeGreaterThanOrEqual(1);
    expect((await getImport(db, staff, job.id)).status).toBe("discarded");
  });

  test("only staff can import", async () => {
    const org = await makeOrganisation(db);
    const member = await makeMember(db, org.id);
    await expect(
      previewImport(db, member, { fileName: "x.csv", bytes: encode(IMPORT_HEADER) }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

/** The upload form's body: one CSV file. */
function csvFile(name: string, text: string) {
  const form = new FormData();
  form.set("file", new File([text], name, { type: "text/csv" }));
  return form;
}

describe("the import pages", () => {
  test("upload, preview, confirm: the import completes while postcodes.io is down, and the lookups finish later", async () => {
    const name = uniqueName("Down");
    const csv = `\uFEFF${IMPORT_HEADER}\r\n${name},CIC,Health,BS1 5TR,10,100,,,Fay,${uniqueEmail("fay")},,\r\n`;
    const uploaded = await site.post("/imports?index", csvFile("down.csv", csv), { as: staff });
    expect(uploaded.status).toBe(302);
    const location = uploaded.location ?? "";
    expect(location).toMatch(/^\/imports\/\d+$/);

    const shown = await site.load(location, { as: staff });
    expect(shown.data).toMatchObject({ counts: { organisations: { create: 1 } } });

    server.use(...postcodesServerError);
    const committed = await site.post(location, { intent: "commit" }, { as: staff });
    expect(committed.status).toBe(302);
    const org = await db
      .selectFrom("organisations")
      .select(["id", "postcode_status", "nation"])
      .where("name", "=", name)
      .executeTakeFirstOrThrow();
    expect(org).toMatchObject({ postcode_status: "pending", nation: null });
    const result = await site.load(location, { as: staff });
    expect(result.data.postcodes).toEqual({ found: 0, pending: 1, notFound: [] });

    server.resetHandlers();
    await db
      .updateTable("organisations")
      .set({ postcode_next_attempt_at: new Date() })
      .where("id", "=", org.id)
      .execute();
    await lookUpPendingPostcodes(db, createPostcodesClient({ baseUrl: POSTCODES_URL }));
    const later = await site.load(location, { as: staff });
    expect(later.data.postcodes).toEqual({ found: 1, pending: 0, notFound: [] });
  });

  test("a file that cannot be read is a 400 with the reason, and nothing is stored", async () => {
    const before = await db
      .selectFrom("directory_imports")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const refused = await site.post("/imports?index", csvFile("x.csv", "name,town\nA,B\n"), { as: staff });
    expect(refused).toMatchObject({
      status: 400,
      data: { errors: { file: expect.stringMatching(/organisation_name/) } },
    });
    const empty = await site.post("/imports?index", csvFile("x.csv", ""), { as: staff });
    expect(empty).toMatchObject({
      status: 400,
      data: { errors: { file: "Choose a CSV file to upload" } },
    });
    const after = await db
      .selectFrom("directory_imports")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  test("confirming twice answers 409 with a message, not a 500", async () => {
    const job = await preview([`${uniqueName()},CIC,Health,,,,,,,,,`]);
    const commit = () => site.post(`/imports/${job.id}`, { intent: "commit" }, { as: staff });
    await commit();
    const again = await commit();
    expect(again).toMatchObject({
      status: 409,
      data: { message: "This file has already been imported" },
    });
  });
});
