import { sql } from "kysely";
import type { ImportRow } from "~/models/directory/csv.server.ts";
import {
  organisationColumns,
  organisationKey,
  toOrganisation,
  type Organisation,
} from "~/models/directory/organisations.server.ts";
import type { Db } from "~/utils/db.server.ts";

/**
 * What the directory already holds for the rows of a file: the organisations they name and the
 * people whose emails they give, each read in a few statements however long the file.
 */

const CHUNK = 1_000;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Keyed by `organisationKey`. */
export async function existingOrganisations(
  db: Db,
  rows: readonly ImportRow[],
): Promise<Map<string, Organisation>> {
  const names = [...new Set(rows.map((row) => row.organisation.name.toLowerCase()))];
  const found = new Map<string, Organisation>();
  for (const part of chunks(names)) {
    const existing = await db
      .selectFrom("organisations")
      .select(organisationColumns)
      .where(sql<string>`lower(name)`, "in", part)
      .execute();
    for (const row of existing) found.set(organisationKey(row.name, row.postcode), toOrganisation(row));
  }
  return found;
}

export interface ExistingPerson {
  id: number;
  name: string;
  jobTitle: string | null;
  isLeader: boolean;
  role: string;
  organisationId: number | null;
  organisationName: string | null;
}

/** Keyed by email. */
export async function existingPeople(
  db: Db,
  rows: readonly ImportRow[],
): Promise<Map<string, ExistingPerson>> {
  const emails = [...new Set(rows.flatMap((row) => (row.contact ? [row.contact.email] : [])))];
  const found = new Map<string, ExistingPerson>();
  for (const part of chunks(emails)) {
    const people = await db
      .selectFrom("people")
      .leftJoin("organisations", "organisations.id", "people.organisation_id")
      .select([
        "people.id",
        "people.email",
        "people.name",
        "people.job_title",
        "people.is_leader",
        "people.role",
        "people.organisation_id",
        "organisations.name as organisation_name",
      ])
      .where("people.email", "in", part)
      .execute();
    for (const person of people) {
      found.set(person.email, {
        id: person.id,
        name: person.name,
        jobTitle: person.job_title,
        isLeader: person.is_leader,
        role: person.role,
        organisationId: person.organisation_id,
        organisationName: person.organisation_name,
      });
    }
  }
  return found;
}
