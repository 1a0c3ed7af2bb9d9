import {
  createOrganisation,
  type NewOrganisation,
  type Organisation,
} from "~/models/directory/organisations.server.ts";
import { createPerson, type Person } from "~/models/accounts/people.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { uniqueEmail } from "./context.ts";

let counter = 0;
/** A name no other test in the file will use. */
export const uniqueName = (label = "Mutual") => `${label} ${process.pid}-${++counter} CIC`;

export async function makeOrganisation(
  db: Db,
  overrides: Partial<NewOrganisation> = {},
): Promise<Organisation> {
  return createOrganisation(db, null, {
    name: uniqueName(),
    legalForm: "community_interest_company",
    serviceArea: "health",
    nation: null,
    postcode: null,
    localAuthority: null,
    localAuthorityCode: null,
    constituency: null,
    staffCount: 100,
    publicIncomeGbp: "1000000.00",
    membershipStatus: "active",
    joinedOn: "2020-01-01",
    ...overrides,
  });
}

export const makeStaff = (db: Db, role: "staff" | "admin" = "staff"): Promise<Person> =>
  createPerson(db, null, { email: uniqueEmail(role), name: "Priya Shah", role });

export const makeMember = (
  db: Db,
  organisationId: number,
  overrides: { isLeader?: boolean; name?: string } = {},
): Promise<Person> =>
  createPerson(db, null, {
    email: uniqueEmail("member"),
    name: overrides.name ?? "Daniel Osei",
    jobTitle: "Policy Lead",
    role: "member",
    isLeader: overrides.isLeader ?? false,
    organisationId,
  });

export const encode = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

export const IMPORT_HEADER =
  "organisation_name,legal_form,service_area,postcode,staff_count,public_income_gbp,membership_status,joined_on,contact_name,contact_email,contact_job_title,contact_is_leader";
