import { sql } from "kysely";
import type { OrganisationsRow } from "../../../db/schema.ts";
import { isStaff, requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { changeMembershipStatus } from "~/models/directory/membership.server.ts";
import { queuePostcodeLookup } from "~/models/directory/postcode-lookups.server.ts";
import {
  legalFormSchema,
  membershipStatusSchema,
  nationSchema,
  postcodeStatusSchema,
  serviceAreaSchema,
  type LegalForm,
  type MembershipStatus,
  type Nation,
  type PostcodeStatus,
  type ServiceArea,
} from "~/schemas/directory.ts";
import { writeAudit, writeAudits } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

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
  postcodeStatus: PostcodeStatus;
  archivedAt: Date | null;
}

/**
 * Already validated (by a form schema, the CSV import or the demo generator). A known place (the
 * demo network) is kept; with any of it missing, the postcode is queued for a postcodes.io lookup.
 */
export interface NewOrganisation extends Omit<
  Organisation,
  "id" | "publicIncomeGbp" | "postcodeStatus" | "archivedAt"
> {
  /** Pounds, as entered ("1250000.50") or as a number. */
  publicIncomeGbp: string | number;
}

/** What staff may change by hand or by import; the place follows from the postcode. */
export type OrganisationChanges = Partial<
  Pick<
    NewOrganisation,
    | "name"
    | "legalForm"
    | "serviceArea"
    | "postcode"
    | "staffCount"
    | "publicIncomeGbp"
    | "membershipStatus"
    | "joinedOn"
  >
>;

export const organisationColumns = [
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
  "postcode_status",
  "archived_at",
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
    postcodeStatus: postcodeStatusSchema.parse(row.postcode_status),
    archivedAt: row.archived_at,
  };
}

/** A number is fixed to pence here so binary float noise never reaches the numeric column. */
export function toPoundsText(value: string | number): string {
  if (typeof value === "string") return Number(value.trim()).toFixed(2);
  if (!Number.isFinite(value)) throw new RangeError(`Public income must be a finite number, got ${value}`);
  return value.toFixed(2);
}

/** Staff see every organisation; a member only their own. Anyone else gets the same 404 as a missing id. */
export const canSeeOrganisation = (actor: Actor, organisationId: number) =>
  isStaff(actor) || (actor.role === "member" && actor.organisationId === organisationId);

/** One organisation per name (in any case) and postcode: how a file's rows and the directory are matched. */
export const organisationKey = (name: string, postcode: string | null) =>
  `${name.trim().toLowerCase()}\u0000${postcode ?? ""}`;

const duplicateMessage = "An organisation with this name and postcode is already in the directory";

async function assertNoDuplicate(db: Db, name: string, postcode: string | null, exceptId?: number) {
  let query = db
    .selectFrom("organisations")
    .select("id")
    .where(sql<string>`lower(name)`, "=", name.trim().toLowerCase())
    .where(sql<string>`coalesce(postcode, '')`, "=", postcode ?? "");
  if (exceptId !== undefined) query = query.where("id", "<>", exceptId);
  if (await query.executeTakeFirst()) throw Refusal.invalid(duplicateMessage, { name: duplicateMessage });
}

/** `actor` null is the system (seed, scheduled import); a person must be staff. */
export async function createOrganisation(
  db: Db,
  actor: Actor | null,
  org: NewOrganisation,
): Promise<Organisation> {
  if (actor) requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    await assertNoDuplicate(trx, org.name, org.postcode);
    const [created] = await createOrganisations(trx, actor, [org]);
    if (!created) throw new Error("The organisation was not created");
    return created;
  });
}

/**
 * Many at once, in few statements, for an import: the caller has already checked for duplicates
 * (the unique index still refuses any that slip through). Returned in the order given.
 */
export async function createOrganisations(
  db: Db,
  actor: Actor | null,
  orgs: readonly NewOrganisation[],
): Promise<Organisation[]> {
  if (actor) requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const created = new Map<string, Organisation>();
    // Fifteen parameters a row keeps each statement well under PostgreSQL's 65,535.
    for (let start = 0; start < orgs.length; start += 1_000) {
      const rows = await trx
        .insertInto("organisations")
        .values(
          orgs.slice(start, start + 1_000).map((org) => {
            const placeKnown =
              org.postcode !== null && org.nation !== null && org.localAuthorityCode !== null;
            return {
              name: org.name.trim(),
              legal_form: org.legalForm,
              service_area: org.serviceArea,
              nation: placeKnown ? org.nation : null,
              postcode: org.postcode,
              local_authority: placeKnown ? org.localAuthority : null,
              local_authority_code: placeKnown ? org.localAuthorityCode : null,
              constituency: placeKnown ? org.constituency : null,
              staff_count: org.staffCount,
              public_income_gbp: toPoundsText(org.publicIncomeGbp),
              membership_status: org.membershipStatus,
              joined_on: org.joinedOn,
              postcode_status: org.postcode === null ? "none" : placeKnown ? "found" : "pending",
              postcode_next_attempt_at: org.postcode !== null && !placeKnown ? new Date() : null,
              postcode_checked_at: placeKnown ? new Date() : null,
            };
          }),
        )
        .returning(organisationColumns)
        .execute();
      for (const row of rows) created.set(organisationKey(row.name, row.postcode), toOrganisation(row));
    }
    const ordered = orgs.map((org) => {
      const found = created.get(organisationKey(org.name, org.postcode));
      if (!found) throw new Error(`Organisation ${org.name} was not created`);
      return found;
    });
    await writeAudits(
      trx,
      ordered.map((org) => ({
        actorId: actor?.id ?? null,
        action: "organisation.created",
        subjectType: "organisation",
        subjectId: org.id,
        after: org,
      })),
    );
    return ordered;
  });
}

/** With `lock`, FOR UPDATE: two changes to one organisation queue rather than overwrite each other. */
async function readOrganisation(db: Db, organisationId: number, { lock }: { lock: boolean }) {
  let query = db.selectFrom("organisations").select(organisationColumns).where("id", "=", organisationId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw Refusal.notFound();
  return toOrganisation(row);
}

const lockOrganisation = (db: Db, organisationId: number) =>
  readOrganisation(db, organisationId, { lock: true });

/** Applies only what differs; returns whether anything changed. Archived organisations are read-only. */
export async function updateOrganisation(
  db: Db,
  actor: Actor | null,
  organisationId: number,
  changes: OrganisationChanges,
): Promise<{ organisation: Organisation; changed: boolean }> {
  if (actor) requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const before = await lockOrganisation(trx, organisationId);
    if (before.archivedAt)
      throw Refusal.conflict("This organisation is archived: restore it before changing it");
    const name = changes.name?.trim() ?? before.name;
    const postcode = changes.postcode === undefined ? before.postcode : changes.postcode;
    if (name.toLowerCase() !== before.name.toLowerCase() || postcode !== before.postcode) {
      await assertNoDuplicate(trx, name, postcode, organisationId);
    }
    const set = {
      name,
      legal_form: changes.legalForm ?? before.legalForm,
      service_area: changes.serviceArea ?? before.serviceArea,
      staff_count: changes.staffCount ?? before.staffCount,
      public_income_gbp: toPoundsText(changes.publicIncomeGbp ?? before.publicIncomeGbp),
      joined_on: changes.joinedOn === undefined ? before.joinedOn : changes.joinedOn,
    };
    const fieldsChanged =
      set.name !== before.name ||
      set.legal_form !== before.legalForm ||
      set.service_area !== before.serviceArea ||
      set.staff_count !== before.staffCount ||
      set.public_income_gbp !== toPoundsText(before.publicIncomeGbp) ||
      set.joined_on !== before.joinedOn;
    if (fieldsChanged) {
      await trx
        .updateTable("organisations")
        .set({ ...set, updated_at: new Date() })
        .where("id", "=", organisationId)
        .execute();
    }
    const postcodeChanged = postcode !== before.postcode;
    if (postcodeChanged) await queuePostcodeLookup(trx, organisationId, postcode);
    if (fieldsChanged || postcodeChanged) {
      const after = await lockOrganisation(trx, organisationId);
      await writeAudit(trx, {
        actorId: actor?.id ?? null,
        action: "organisation.updated",
        subjectType: "organisation",
        subjectId: organisationId,
        before,
        after,
      });
    }
    const statusChanged =
      changes.membershipStatus !== undefined && changes.membershipStatus !== before.membershipStatus;
    if (changes.membershipStatus !== undefined && statusChanged) {
      await changeMembershipStatus(trx, actor, organisationId, changes.membershipStatus);
    }
    const organisation = await lockOrganisation(trx, organisationId);
    return { organisation, changed: fieldsChanged || postcodeChanged || statusChanged };
  });
}

/** Archived organisations leave the directory, the figures and every audience, but keep their history. */
export async function archiveOrganisation(
  db: Db,
  actor: Actor,
  organisationId: number,
): Promise<Organisation> {
  return setArchived(db, actor, organisationId, true);
}

export async function restoreOrganisation(
  db: Db,
  actor: Actor,
  organisationId: number,
): Promise<Organisation> {
  return setArchived(db, actor, organisationId, false);
}

async function setArchived(
  db: Db,
  actor: Actor,
  organisationId: number,
  archive: boolean,
): Promise<Organisation> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const before = await lockOrganisation(trx, organisationId);
    if (Boolean(before.archivedAt) === archive) {
      throw Refusal.conflict(
        archive ? "This organisation is already archived" : "This organisation is not archived",
      );
    }
    const row = await trx
      .updateTable("organisations")
      .set({ archived_at: archive ? new Date() : null, updated_at: new Date() })
      .where("id", "=", organisationId)
      .returning(organisationColumns)
      .executeTakeFirstOrThrow();
    const after = toOrganisation(row);
    await writeAudit(trx, {
      actorId: actor.id,
      action: archive ? "organisation.archived" : "organisation.restored",
      subjectType: "organisation",
      subjectId: organisationId,
      before: { archivedAt: before.archivedAt },
      after: { archivedAt: after.archivedAt },
    });
    return after;
  });
}

/** Per-object check: a member asking for another organisation's id gets a 404, never the data. */
export async function getOrganisation(db: Db, actor: Actor, organisationId: number): Promise<Organisation> {
  if (!canSeeOrganisation(actor, organisationId)) throw Refusal.notFound();
  return readOrganisation(db, organisationId, { lock: false });
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
