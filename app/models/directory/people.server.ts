import { canSeeOrganisation } from "~/models/directory/organisations.server.ts";
import {
  createPerson,
  isStaff,
  peopleColumns,
  requireStaffActor,
  toPerson,
  type Actor,
  type Person,
} from "~/models/accounts/people.server.ts";
import { INVITATION_LINK_MINUTES, issueInvitationLink } from "~/models/accounts/sign-in.server.ts";
import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

/** A contact at a member organisation, as the directory shows them. */
export interface DirectoryPerson extends Person {
  organisationId: number;
  organisationName: string;
  invitedAt: Date | null;
  erasedAt: Date | null;
  createdAt: Date;
}

interface ContactDetails {
  name: string;
  email: string;
  jobTitle: string | null;
  isLeader: boolean;
}

const columns = [
  ...peopleColumns,
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
    throw Refusal.notFound();
  const person = toDirectoryPerson(row);
  if (!isStaff(actor) && (person.erasedAt || !person.active)) throw Refusal.notFound();
  return person;
}

/** Members see only active colleagues, without anyone erased; staff see everyone at the organisation. */
export async function listPeopleOfOrganisation(
  db: Db,
  actor: Actor,
  organisationId: number,
): Promise<DirectoryPerson[]> {
  if (!canSeeOrganisation(actor, organisationId)) throw Refusal.notFound();
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
    const message = "Someone in Mutual Voice already uses this email address";
    throw Refusal.invalid(message, { email: message });
  }
}

/** A new contact at an organisation: always a member, signing in with this email. */
export async function addPersonToOrganisation(
  db: Db,
  actor: Actor | null,
  organisationId: number,
  details: ContactDetails,
): Promise<Person> {
  if (actor) requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const org = await trx
      .selectFrom("organisations")
      .select(["id", "archived_at"])
      .where("id", "=", organisationId)
      .executeTakeFirst();
    if (!org) throw Refusal.notFound();
    if (org.archived_at)
      throw Refusal.conflict("This organisation is archived: restore it before adding people");
    await assertEmailFree(trx, details.email);
    return createPerson(trx, actor, { ...details, role: "member", organisationId });
  });
}

async function lockContact(db: Db, personId: number) {
  const row = await baseQuery(db).where("people.id", "=", personId).forUpdate().executeTakeFirst();
  if (!row || row.organisation_id === null) throw Refusal.notFound();
  return toDirectoryPerson(row);
}

/** Applies only what differs; an erased person stays erased. Returns whether anything changed. */
export async function updateContact(
  db: Db,
  actor: Actor | null,
  personId: number,
  changes: Partial<ContactDetails>,
): Promise<{ person: DirectoryPerson; changed: boolean }> {
  if (actor) requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const before = await lockContact(trx, personId);
    if (before.erasedAt) throw Refusal.conflict("This person's details were erased and cannot be changed");
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

/** Deactivation is deactivatePerson in accounts (it ends sessions); this is its way back. */
export async function reactivateContact(db: Db, actor: Actor, personId: number): Promise<DirectoryPerson> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const before = await lockContact(trx, personId);
    if (before.erasedAt)
      throw Refusal.conflict("This person's details were erased: they cannot be reactivated");
    if (before.active) throw Refusal.conflict("This person is already active");
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

export interface Invitation {
  appUrl: string;
}

/**
 * Staff invite a contact: an email with a link of its own kind that lives for a week (someone new
 * may read it days later; see issueInvitationLink), and the email says how to ask for a fresh
 * sign-in link at /login once it has expired or been used.
 */
export async function invitePerson(
  db: Db,
  actor: Actor,
  personId: number,
  invitation: Invitation,
): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    const person = await getDirectoryPerson(trx, actor, personId);
    if (person.erasedAt || !person.active) {
      throw Refusal.conflict("Only active people can be invited: reactivate them first");
    }
    const link = await issueInvitationLink(trx, person.id, {
      appUrl: invitation.appUrl,
      redirectTo: "/organisation",
    });
    const inviter = await trx
      .selectFrom("people")
      .select("name")
      .where("id", "=", actor.id)
      .executeTakeFirst();
    await enqueueEmail(trx, {
      to: person.email,
      template: "invitation",
      props: {
        name: person.name,
        organisationName: person.organisationName,
        inviterName: inviter?.name ?? "The Mutual Voice team",
        link,
        minutes: INVITATION_LINK_MINUTES,
        loginUrl: new URL("/login", invitation.appUrl).toString(),
      },
    });
    const invitedAt = new Date();
    await trx.updateTable("people").set({ invited_at: invitedAt }).where("id", "=", person.id).execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "person.invited",
      subjectType: "person",
      subjectId: person.id,
      after: { invitedAt },
    });
  });
}

/** What an audit row keeps of a person: the same shape createPerson records. */
function snapshot(person: Person): Person {
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
