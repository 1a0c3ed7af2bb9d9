import { DirectoryInputError, notFound } from "~/models/directory/errors.server.ts";
import { canSeeOrganisation } from "~/models/directory/organisations.server.ts";
import { createPerson, isStaff, toPerson, type Actor, type Person } from "~/models/accounts/people.server.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";

/** A contact at a member organisation, as the directory shows them. */
export interface DirectoryPerson extends Person {
  organisationId: number;
  organisationName: string;
  invitedAt: Date | null;
  erasedAt: Date | null;
  createdAt: Date;
}

export interface ContactDetails {
  name: string;
  email: string;
  jobTitle: string | null;
  isLeader: boolean;
}

const columns = [
  "people.id",
  "people.email",
  "people.name",
  "people.job_title",
  "people.role",
  "people.is_leader",
  "people.active",
  "people.organisation_id",
  "people.invited_at",
  "people.erased_at",
  "people.created_at",
  "organisations.name as organisation_name",
] as const;

function baseQuery(db: Db) {
  return db
    .selectFrom("people")
    .innerJoin("organisations", "organisations.id", "people.organisation_id")
    .select(columns);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;

function toDirectoryPerson(row: Row): DirectoryPerson {
  return {
    ...toPerson(row),
    organisationId: row.organisation_id ?? 0,
    organisationName: row.organisation_name,
    invitedAt: row.invited_at,
    erasedAt: row.erased_at,
    createdAt: row.created_at,
  };
}

/**
 * Staff see anyone at a member organisation; a member sees their colleagues. Staff accounts
 * (no organisation) are not in the directory, so they are a 404 here like a missing id.
 */
export async function getDirectoryPerson(db: Db, actor: Actor, personId: number): Promise<DirectoryPerson> {
  const row = await baseQuery(db).where("people.id", "=", personId).executeTakeFirst();
  if (!row || row.organisation_id === null || !canSeeOrganisation(actor, row.organisation_id))
    throw notFound();
  const person = toDirectoryPerson(row);
  if (!isStaff(actor) && (person.erasedAt || !person.active)) throw notFound();
  return person;
}

/** Members see only active colleagues, without anyone erased; staff see everyone at the organisation. */
export async function listPeopleOfOrganisation(
  db: Db,
  actor: Actor,
  organisationId: number,
): Promise<DirectoryPerson[]> {
  if (!canSeeOrganisation(actor, organisationId)) throw notFound();
  let query = baseQuery(db)
    .where("people.organisation_id", "=", organisationId)
    .orderBy("people.erased_at", (ob) => ob.nullsFirst())
    .orderBy("people.is_leader", "desc")
    .orderBy("people.name")
    .orderBy("people.id");
  if (!isStaff(actor)) query = query.where("people.active", "=", true).where("people.erased_at", "is", null);
  return (await query.execute()).map(toDirectoryPerson);
}

async function assertEmailFree(db: Db, email: string, exceptId?: number) {
  let query = db.selectFrom("people").select("id").where("email", "=", email.trim().toLowerCase());
  if (exceptId !== undefined) query = query.where("id", "<>", exceptId);
  if (await query.executeTakeFirst()) {
    throw new DirectoryInputError("email", "Someone in Mutual Voice already uses this email address");
  }
}

function requireStaff(actor: Actor | null) {
  if (actor && !isStaff(actor)) throw notFound();
}

/** A new contact at an organisation: always a member, signing in with this email. */
export async function addPersonToOrganisation(
  db: Db,
  actor: Actor | null,
  organisationId: number,
  details: ContactDetails,
): Promise<Person> {
  requireStaff(actor);
  return inTransaction(db, async (trx) => {
    const org = await trx
      .selectFrom("organisations")
      .select(["id", "archived_at"])
      .where("id", "=", organisationId)
      .executeTakeFirst();
    if (!org) throw notFound();
    if (org.archived_at)
      throw new DirectoryInputError(
        "form",
        "This organisation is archived: restore it before adding people",
        409,
      );
    await assertEmailFree(trx, details.email);
    return createPerson(trx, actor, { ...details, role: "member", organisationId });
  });
}

async function lockContact(db: Db, personId: number) {
  const row = await baseQuery(db).where("people.id", "=", personId).forUpdate().executeTakeFirst();
  if (!row || row.organisation_id === null) throw notFound();
  return toDirectoryPerson(row);
}

/** Applies only what differs; an erased person stays erased. Returns whether anything changed. */
export async function updateContact(
  db: Db,
  actor: Actor | null,
  personId: number,
  changes: Partial<ContactDetails>,
): Promise<{ person: DirectoryPerson; changed: boolean }> {
  requireStaff(actor);
  return inTransaction(db, async (trx) => {
    const before = await lockContact(trx, personId);
    if (before.erasedAt)
      throw new DirectoryInputError("form", "This person's details were erased and cannot be changed", 409);
    const next = {
      name: changes.name?.trim() ?? before.name,
      email: changes.email?.trim().toLowerCase() ?? before.email,
      job_title: changes.jobTitle === undefined ? before.jobTitle : changes.jobTitle,
      is_leader: changes.isLeader ?? before.isLeader,
    };
    const changed =
      next.name !== before.name ||
      next.email !== before.email ||
      next.job_title !== before.jobTitle ||
      next.is_leader !== before.isLeader;
    if (!changed) return { person: before, changed: false };
    if (next.email !== before.email) await assertEmailFree(trx, next.email, personId);
    await trx
      .updateTable("people")
      .set({ ...next, updated_at: new Date() })
      .where("id", "=", personId)
      .execute();
    const after = await lockContact(trx, personId);
    await writeAudit(trx, {
      actorId: actor?.id ?? null,
      action: "person.updated",
      subjectType: "person",
      subjectId: personId,
      before: snapshot(before),
      after: snapshot(after),
    });
    return { person: after, changed: true };
  });
}

/** Deactivation lives in people.server.ts (it ends sessions); this is its way back. */
export async function reactivateContact(db: Db, actor: Actor, personId: number): Promise<DirectoryPerson> {
  requireStaff(actor);
  return inTransaction(db, async (trx) => {
    const before = await lockContact(trx, personId);
    if (before.erasedAt)
      throw new DirectoryInputError(
        "form",
        "This person's details were erased: they cannot be reactivated",
        409,
      );
    if (before.active) throw new DirectoryInputError("form", "This person is already active", 409);
    await trx
      .updateTable("people")
      .set({ active: true, updated_at: new Date() })
      .where("id", "=", personId)
      .execute();
    const after = await lockContact(trx, personId);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "person.reactivated",
      subjectType: "person",
      subjectId: personId,
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  });
}

/** What an audit row keeps of a person: the same shape createPerson records. */
export function snapshot(person: Person): Person {
  return {
    id: person.id,
    email: person.email,
    name: person.name,
    jobTitle: person.jobTitle,
    role: person.role,
    isLeader: person.isLeader,
    active: person.active,
    organisationId: person.organisationId,
  };
}
