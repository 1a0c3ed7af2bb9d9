import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { createPerson } from "~/models/accounts/people.server.ts";
import { eraseOrganisation } from "~/models/directory/organisation-erasure.server.ts";
import { fileStoreFor, stageUpload } from "~/services/storage.server.ts";
import { openTestDb } from "./db.ts";
import { uniqueEmail } from "./context.ts";
import { startTestApp } from "./harness.ts";
import { createMemberOrg, createStaff } from "./surveys/factories.ts";

const database = await openTestDb();
const { db } = database;
const dataDir = await mkdtemp(path.join(tmpdir(), "mv-org-erasure-"));
const site = await startTestApp(database, { DATA_DIR: dataDir });
const store = fileStoreFor(dataDir);
const staff = await createStaff(db);
const admin = await createPerson(db, null, {
  email: uniqueEmail("admin"),
  name: "Alex Morgan",
  role: "admin",
});

async function* bytesOf(text: string) {
  yield new TextEncoder().encode(text);
}

/** A file row for the organisation (uploaded by `by`), its bytes in the store. */
async function uploadFor(organisationId: number, by: number | null, text: string) {
  const staged = await stageUpload(path.join(dataDir, "files"), bytesOf(text), 1024);
  await store.put(staged);
  await db
    .insertInto("stored_files")
    .values({
      sha256: staged.sha256,
      size_bytes: staged.size,
      media_type: "text/csv",
      filename: "evidence.csv",
      purpose: "survey_answer",
      organisation_id: organisationId,
      uploaded_by: by,
    })
    .execute();
  return staged.sha256;
}

const stored = async (sha256: string) =>
  store
    .get(sha256)
    .then((stream) => (stream.destroy(), true))
    .catch(() => false);

test("an administrator erases an organisation's people and files; bytes another row names stay", async () => {
  const { organisation, people } = await createMemberOrg(db, { contacts: 2 });
  const { organisation: other, people: others } = await createMemberOrg(db);
  const [first, second] = people;
  if (!first || !second || !others[0]) throw new Error("people");
  const own = await uploadFor(organisation.id, first.id, "ours alone");
  const byStaff = await uploadFor(organisation.id, null, "added by staff for them");
  // The same bytes uploaded by another organisation too: their row keeps them.
  const shared = await uploadFor(organisation.id, second.id, "the same spreadsheet");
  await uploadFor(other.id, others[0].id, "the same spreadsheet");

  // Not for staff: the page never offers it them, and the model does not admit it exists.
  await expect(eraseOrganisation(db, staff, organisation.id, store)).rejects.toMatchObject({
    kind: "not_found",
  });
  expect(await eraseOrganisation(db, admin, organisation.id, store)).toEqual({
    peopleErased: 2,
    filesRemoved: 3,
  });

  const after = await db
    .selectFrom("people")
    .select(["name", "email", "erased_at", "active"])
    .where("organisation_id", "=", organisation.id)
    .execute();
  expect(after).toHaveLength(2);
  for (const person of after) {
    expect(person.erased_at).not.toBeNull();
    expect(person.active).toBe(false);
    expect([first.email, second.email]).not.toContain(person.email);
  }
  const rows = await db
    .selectFrom("stored_files")
    .select("sha256")
    .where("organisation_id", "=", organisation.id)
    .execute();
  expect(rows).toEqual([]);
  expect(await stored(own)).toBe(false);
  expect(await stored(byStaff)).toBe(false);
  expect(await stored(shared)).toBe(true);
  // The other organisation is untouched.
  const kept = await db
    .selectFrom("people")
    .select("erased_at")
    .where("id", "=", others[0].id)
    .executeTakeFirst();
  expect(kept?.erased_at).toBeNull();

  const audit = await db
    .selectFrom("audit_log")
    .select(["action", "actor_id", "after"])
    .where("subject_type", "=", "organisation")
    .where("subject_id", "=", String(organisation.id))
    .where("action", "=", "organisation.erased")
    .executeTakeFirstOrThrow();
  expect(audit).toMatchObject({ actor_id: admin.id, after: { peopleErased: 2, filesRemoved: 3 } });
  // Twice is refused: there is nothing left.
  await expect(eraseOrganisation(db, admin, organisation.id, store)).rejects.toMatchObject({
    kind: "conflict",
  });
});

test("the organisation's page offers erasure to administrators only, behind a confirmation", async () => {
  const { organisation } = await createMemberOrg(db);
  const page = `/directory/${organisation.id}`;
  expect((await site.get(page, { as: staff })).text).not.toContain("Erase people and files");
  expect((await site.get(page, { as: admin })).text).toContain("Erase people and files");
  const confirm = await site.get(`${page}?confirm=erase`, { as: admin });
  expect(confirm.text).toContain("Yes, erase its people and files");
  expect((await site.get(`${page}?confirm=erase`, { as: staff })).text).not.toContain("Yes, erase");

  const refused = await site.post(`${page}?index`, { intent: "erase" }, { as: staff });
  expect(refused.status).toBe(404);
  const done = await site.post(`${page}?index`, { intent: "erase" }, { as: admin });
  expect(done.status).toBe(302);
  expect(done.location).toBe(`${page}?erased=1-0`);
});
