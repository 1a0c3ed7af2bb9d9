import { createEvidence } from "~/models/evidence/evidence.server.ts";
import { createPerson, type Person } from "~/models/accounts/people.server.ts";
import { createPosition, type NewPosition } from "~/models/positions/positions.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { uniqueEmail } from "./context.ts";

export const staffPerson = (db: Db, name: string, role: "staff" | "admin" = "staff"): Promise<Person> =>
  createPerson(db, null, { email: uniqueEmail(name.split(" ")[0]?.toLowerCase()), name, role });

export async function memberPerson(db: Db, name = "Morgan Member"): Promise<Person> {
  const org = await db
    .insertInto("organisations")
    .values({ name: `Org ${uniqueEmail("org")}`, legal_form: "other", service_area: "health" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return createPerson(db, null, {
    email: uniqueEmail("member"),
    name,
    role: "member",
    organisationId: org.id,
  });
}

export const figure = (
  db: Db,
  actor: Person,
  overrides: { value?: string; n?: number | null; label?: string } = {},
) =>
  createEvidence(db, actor, {
    kind: "figure",
    label: overrides.label ?? "Members paying irrecoverable VAT",
    value: overrides.value ?? "62",
    unit: "%",
    n: overrides.n === undefined ? 312 : overrides.n,
    asOf: "2025-03-31",
    sourceNote: "Members' VAT survey, spring 2025",
    url: null,
  });

export const source = (db: Db, actor: Person) =>
  createEvidence(db, actor, {
    kind: "source",
    label: "HMRC cost sharing guidance",
    title: "VAT cost sharing exemption",
    publisher: "HM Revenue & Customs",
    url: "https://www.gov.uk/guidance/vat-cost-sharing-exemption",
    publishedOn: "2024-06-12",
  });

export const newPosition = (db: Db, actor: Person, overrides: Partial<NewPosition> = {}) =>
  createPosition(db, actor, {
    title: "VAT on shared services",
    summary: "Mutuals should recover VAT on services they share, as public bodies do.",
    topics: ["vat"],
    ownerId: actor.id,
    isPublic: false,
    body: "Mutuals pay VAT that councils recover.",
    note: "",
    ...overrides,
  });
