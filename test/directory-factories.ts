import {
  createOrganisation,
  type NewOrganisation,
  type Organisation,
} from "~/models/directory/organisations.server.ts";
import { createPerson, type Person } from "~/models/accounts/people.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { loadEnv } from "~/utils/env.server.ts";
import { createSession, sessionCookie } from "~/models/accounts/sessions.server.ts";
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

/** The Cookie header of a real session, as the browser would send it. */
export async function sessionCookieFor(db: Db, person: Pick<Person, "id">): Promise<string> {
  const env = loadEnv({ NODE_ENV: "test" });
  const id = await createSession(db, person.id, env);
  const header = await sessionCookie(env).serialize(id);
  return header.split(";")[0] ?? "";
}

export function getRequest(url: string, cookie: string): Request {
  return new Request(new URL(url, "http://localhost:3000"), { headers: { Cookie: cookie } });
}

export function postRequest(url: string, fields: Record<string, string>, cookie: string): Request {
  return new Request(new URL(url, "http://localhost:3000"), {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
  });
}

export function uploadRequest(
  url: string,
  file: { name: string; text: string | Uint8Array<ArrayBuffer> },
  cookie: string,
): Request {
  const form = new FormData();
  form.set("file", new File([file.text], file.name, { type: "text/csv" }));
  return new Request(new URL(url, "http://localhost:3000"), {
    method: "POST",
    body: form,
    headers: { Cookie: cookie },
  });
}

export const encode = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

export const IMPORT_HEADER =
  "organisation_name,legal_form,service_area,postcode,staff_count,public_income_gbp,membership_status,joined_on,contact_name,contact_email,contact_job_title,contact_is_leader";

/** What a route's loader or action threw or returned, as a status, for 404 and redirect checks. */
export async function statusOf(work: () => Promise<unknown>): Promise<number> {
  try {
    const result = await work();
    if (result instanceof Response) return result.status;
    return 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}
