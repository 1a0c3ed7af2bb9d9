import type { OrganisationsRow } from "../../db/schema.ts";
import { isStaff, type Actor } from "~/models/people.server.ts";
import {
  legalFormSchema,
  membershipStatusSchema,
  nationSchema,
  serviceAreaSchema,
  type LegalForm,
  type MembershipStatus,
  type Nation,
  type ServiceArea,
} from "~/schemas/directory.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";

export interface Organisation {
  id: number;
  name: string;
  legalForm: LegalForm;
  serviceArea: ServiceArea;
  nation: Nation | null;
  postcode: string | null;
  localAuthority: string | null;
  localAuthorityCode: string | null;
  constituency: string | null;
  staffCount: number;
  /** numeric(14, 2) as text ("1234.50"): both drivers return it so, and text keeps the pence exact. */
  publicIncomeGbp: string;
  membershipStatus: MembershipStatus;
  /** 'YYYY-MM-DD'; null while a prospective member has not joined. */
  joinedOn: string | null;
}

/** Already validated (by a form schema, the CSV import or the demo generator). */
export interface NewOrganisation {
  name: string;
  legalForm: LegalForm;
  serviceArea: ServiceArea;
  nation: Nation | null;
  postcode: string | null;
  localAuthority: string | null;
  localAuthorityCode: string | null;
  constituency: string | null;
  staffCount: number;
  /** Pounds, as entered ("1250000.50") or as a number. */
  publicIncomeGbp: string | number;
  membershipStatus: MembershipStatus;
  joinedOn: string | null;
}

const organisationColumns = [
  "id",
  "name",
  "legal_form",
  "service_area",
  "nation",
  "postcode",
  "local_authority",
  "local_authority_code",
  "constituency",
  "staff_count",
  "public_income_gbp",
  "membership_status",
  "joined_on",
] as const;

type OrganisationRow = Pick<OrganisationsRow, (typeof organisationColumns)[number]>;

export function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    legalForm: legalFormSchema.parse(row.legal_form),
    serviceArea: serviceAreaSchema.parse(row.service_area),
    nation: row.nation === null ? null : nationSchema.parse(row.nation),
    postcode: row.postcode,
    localAuthority: row.local_authority,
    localAuthorityCode: row.local_authority_code,
    constituency: row.constituency,
    staffCount: row.staff_count,
    publicIncomeGbp: row.public_income_gbp,
    membershipStatus: membershipStatusSchema.parse(row.membership_status),
    joinedOn: row.joined_on,
  };
}

/** A number is fixed to pence here so binary float noise never reaches the numeric column. */
function toPoundsText(value: string | number): string {
  if (typeof value === "string") return value.trim();
  if (!Number.isFinite(value)) throw new RangeError(`Public income must be a finite number, got ${value}`);
  return value.toFixed(2);
}

/** `actor` null is the system (seed, scheduled import); a person must be staff. */
export async function createOrganisation(
  db: Db,
  actor: Actor | null,
  org: NewOrganisation,
): Promise<Organisation> {
  if (actor && !isStaff(actor)) throw new Response("Forbidden", { status: 403 });
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("organisations")
      .values({
        name: org.name.trim(),
        legal_form: org.legalForm,
        service_area: org.serviceArea,
        nation: org.nation,
        postcode: org.postcode,
        local_authority: org.localAuthority,
        local_authority_code: org.localAuthorityCode,
        constituency: org.constituency,
        staff_count: org.staffCount,
        public_income_gbp: toPoundsText(org.publicIncomeGbp),
        membership_status: org.membershipStatus,
        joined_on: org.joinedOn,
      })
      .returning(organisationColumns)
      .executeTakeFirstOrThrow();
    const created = toOrganisation(row);
    await writeAudit(trx, {
      actorId: actor?.id ?? null,
      action: "organisation.created",
      subjectType: "organisation",
      subjectId: created.id,
      after: created,
    });
    return created;
  });
}

/** Archived organisations have left the directory, so they are not counted. */
export async function countOrganisations(db: Db): Promise<number> {
  const row = await db
    .selectFrom("organisations")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("archived_at", "is", null)
    .executeTakeFirstOrThrow();
  return row.count;
}
