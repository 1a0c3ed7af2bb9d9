import { roleSchema, type Role } from "~/schemas/people.ts";
import { writeAudit, writeAudits } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

/** Who is acting: what authorisation checks in models look at. */
export interface Actor {
  id: number;
  role: Role;
  organisationId: number | null;
  isLeader: boolean;
}

export interface Person extends Actor {
  email: string;
  name: string;
  jobTitle: string | null;
  active: boolean;
}

const personColumns = [
  "id",
  "email",
  "name",
  "job_title",
  "role",
  "is_leader",
  "active",
  "organisation_id",
] as const;

/** The same columns named through the people table, for queries that join it. */
export const peopleColumns = personColumns.map((column) => `people.${column}` as const);

type PersonRow = {
  id: number;
  email: string;
  name: string;
  job_title: string | null;
  role: string;
  is_leader: boolean;
  active: boolean;
  organisation_id: number | null;
};

export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    jobTitle: row.job_title,
    role: roleSchema.parse(row.role),
    isLeader: row.is_leader,
    active: row.active,
    organisationId: row.organisation_id,
  };
}

export const isStaff = (actor: Pick<Actor, "role">) => actor.role === "staff" || actor.role === "admin";
export const isAdmin = (actor: Pick<Actor, "role">) => actor.role === "admin";

/** Staff-only things do not exist for anyone else: the same 404 as a missing id. */
export function requireStaffActor(actor: Pick<Actor, "role">) {
  if (!isStaff(actor)) throw Refusal.notFound();
}

/** Likewise for what only administrators may see. */
export function requireAdminActor(actor: Pick<Actor, "role">) {
  if (!isAdmin(actor)) throw Refusal.notFound();
}

export interface NewPerson {
  email: string;
  name: string;
  jobTitle?: string | null;
  role: Role;
  isLeader?: boolean;
  organisationId?: number | null;
}

export async function createPerson(db: Db, actor: Actor | null, person: NewPerson): Promise<Person> {
  const [created] = await createPeople(db, actor, [person]);
  if (!created) throw new Error(`${person.email} was not created`);
  return created;
}

/** Many at once, in few statements, for an import; the caller has checked the emails are free. */
export async function createPeople(
  db: Db,
  actor: Actor | null,
  people: readonly NewPerson[],
): Promise<Person[]> {
  return inTransaction(db, async (trx) => {
    const created: Person[] = [];
    for (let start = 0; start < people.length; start += 1_000) {
      const batch = people.slice(start, start + 1_000).map((person) => ({
        email: person.email.trim().toLowerCase(),
        name: person.name,
        job_title: person.jobTitle ?? null,
        role: person.role,
        is_leader: person.isLeader ?? false,
        organisation_id: person.organisationId ?? null,
      }));
      const rows = await trx.insertInto("people").values(batch).returning(personColumns).execute();
      const byEmail = new Map(rows.map((row) => [row.email, toPerson(row)]));
      for (const { email } of batch) {
        const row = byEmail.get(email);
        if (!row) throw new Error(`${email} was not created`);
        created.push(row);
      }
    }
    await writeAudits(
      trx,
      created.map((person) => ({
        actorId: actor?.id ?? null,
        action: "person.created",
        subjectType: "person",
        subjectId: person.id,
        after: person,
      })),
    );
    return created;
  });
}

export async function findPersonByEmail(db: Db, email: string): Promise<Person | undefined> {
  const row = await db
    .selectFrom("people")
    .select(personColumns)
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  return row && toPerson(row);
}

export async function getPerson(db: Db, id: number): Promise<Person | undefined> {
  const row = await db.selectFrom("people").select(personColumns).where("id", "=", id).executeTakeFirst();
  return row && toPerson(row);
}

/** Deactivation ends every session of the person at once, in the same transaction. */
export async function deactivatePerson(db: Db, actor: Actor, personId: number): Promise<Person> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("people")
      .select(personColumns)
      .where("id", "=", personId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw Refusal.notFound();
    const row = await trx
      .updateTable("people")
      .set({ active: false, updated_at: new Date() })
      .where("id", "=", personId)
      .returning(personColumns)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom("sessions").where("person_id", "=", personId).execute();
    const after = toPerson(row);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "person.deactivated",
      subjectType: "person",
      subjectId: personId,
      before: toPerson(before),
      after,
    });
    return after;
  });
}
