import { foldedContains } from "~/utils/search.server.ts";
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from "kysely";
import type { Database } from "../../../db/schema.ts";
import {
  organisationColumns,
  toOrganisation,
  type Organisation,
} from "~/models/directory/organisations.server.ts";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import {
  importColumns,
  legalFormLabels,
  membershipStatuses,
  membershipStatusLabels,
  nations,
  serviceAreaLabels,
  type DirectoryFilter,
  type MembershipStatus,
  type Nation,
} from "~/schemas/directory.ts";
import { toCsv } from "~/utils/csv.ts";
import type { Db } from "~/utils/db.server.ts";

export const PAGE_SIZE = 50;

export interface DirectoryEntry extends Organisation {
  people: number;
}

interface DirectoryPage {
  entries: DirectoryEntry[];
  total: number;
  page: number;
  pageCount: number;
  /** How many match the other filters, per nation and per membership status: shown beside each choice. */
  byNation: Record<Nation | "unknown", number>;
  byStatus: Record<MembershipStatus, number>;
}

type OrgQuery = SelectQueryBuilder<Database, "organisations", object>;

function applyFilter(query: OrgQuery, filter: DirectoryFilter): OrgQuery {
  let q = query;
  if (filter.archived === "exclude") q = q.where("organisations.archived_at", "is", null);
  if (filter.archived === "only") q = q.where("organisations.archived_at", "is not", null);
  if (filter.q) {
    const typed = filter.q;
    q = q.where((eb: ExpressionBuilder<Database, "organisations">) =>
      eb.or([
        foldedContains("organisations.name", typed),
        foldedContains("organisations.postcode", typed),
        foldedContains("organisations.local_authority", typed),
      ]),
    );
  }
  if (filter.nation) {
    q =
      filter.nation === "unknown"
        ? q.where("organisations.nation", "is", null)
        : q.where("organisations.nation", "=", filter.nation);
  }
  if (filter.status) q = q.where("organisations.membership_status", "=", filter.status);
  if (filter.serviceArea) q = q.where("organisations.service_area", "=", filter.serviceArea);
  if (filter.legalForm) q = q.where("organisations.legal_form", "=", filter.legalForm);
  if (filter.postcode) q = q.where("organisations.postcode_status", "=", filter.postcode);
  return q;
}

function applySort<T extends OrgQuery>(query: T, sort: DirectoryFilter["sort"]): OrgQuery {
  const desc = sort.startsWith("-");
  const direction = desc ? "desc" : "asc";
  const key = sort.replace(/^-/, "");
  let q: OrgQuery = query;
  if (key === "staff") q = q.orderBy("organisations.staff_count", direction);
  if (key === "income") q = q.orderBy("organisations.public_income_gbp", direction);
  if (key === "joined")
    q = q.orderBy("organisations.joined_on", (ob) => (desc ? ob.desc().nullsLast() : ob.asc().nullsLast()));
  // Name last as the tie-break for every sort, then id so pages never overlap.
  return q
    .orderBy(sql`lower(organisations.name)`, key === "name" ? direction : "asc")
    .orderBy("organisations.id", "asc");
}

/** Staff only: the whole directory, filtered, sorted and a page at a time. */
export async function listDirectory(db: Db, actor: Actor, filter: DirectoryFilter): Promise<DirectoryPage> {
  requireStaffActor(actor);
  const base = db.selectFrom("organisations");
  // One pass gives the total and both sets of choice counts: grouped by the two faceted columns,
  // filtered by everything else, then each facet filtered here by the other one.
  const groups = await applyFilter(base, { ...filter, nation: undefined, status: undefined })
    .select((eb) => [
      "organisations.nation",
      "organisations.membership_status",
      eb.fn.countAll<number>().as("n"),
    ])
    .groupBy(["organisations.nation", "organisations.membership_status"])
    .execute();
  const byNation: Record<Nation | "unknown", number> = {
    england: 0,
    scotland: 0,
    wales: 0,
    northern_ireland: 0,
    unknown: 0,
  };
  const byStatus: Record<MembershipStatus, number> = { prospective: 0, active: 0, lapsed: 0, left: 0 };
  let total = 0;
  for (const group of groups) {
    const nation = nations.find((candidate) => candidate === group.nation) ?? "unknown";
    const status = membershipStatuses.find((candidate) => candidate === group.membership_status);
    if (!status) continue;
    const nationMatches = !filter.nation || filter.nation === nation;
    const statusMatches = !filter.status || filter.status === status;
    if (statusMatches) byNation[nation] += group.n;
    if (nationMatches) byStatus[status] += group.n;
    if (nationMatches && statusMatches) total += group.n;
  }
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  const rows = await applySort(applyFilter(base, filter), filter.sort)
    .select(organisationColumns.map((column) => `organisations.${column}` as const))
    .select((eb) =>
      eb
        .selectFrom("people")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .whereRef("people.organisation_id", "=", "organisations.id")
        .where("people.active", "=", true)
        .as("people"),
    )
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return {
    entries: rows.map((row) => ({ ...toOrganisation(row), people: Number(row.people ?? 0) })),
    total,
    page,
    pageCount,
    byNation,
    byStatus,
  };
}

/**
 * The filtered directory as CSV, one row per contact, in the import's own columns: an export
 * edited in a spreadsheet imports back. Nation and council follow as extra (ignored) columns.
 */
export async function exportDirectoryCsv(db: Db, actor: Actor, filter: DirectoryFilter): Promise<string> {
  requireStaffActor(actor);
  const rows = await applySort(applyFilter(db.selectFrom("organisations"), filter), filter.sort)
    .leftJoin("people", (join) =>
      join
        .onRef("people.organisation_id", "=", "organisations.id")
        .on("people.erased_at", "is", null)
        .on("people.active", "=", true),
    )
    .select(organisationColumns.map((column) => `organisations.${column}` as const))
    .select(["people.name as person_name", "people.email", "people.job_title", "people.is_leader"])
    .orderBy("people.is_leader", "desc")
    .orderBy("people.name")
    .execute();
  const header = [
    ...importColumns,
    "nation",
    "local_authority",
    "local_authority_code",
    "constituency",
    "archived",
  ];
  return toCsv(
    header,
    rows.map((row) => {
      const org = toOrganisation(row);
      return [
        org.name,
        legalFormLabels[org.legalForm],
        serviceAreaLabels[org.serviceArea],
        org.postcode,
        org.staffCount,
        org.publicIncomeGbp,
        membershipStatusLabels[org.membershipStatus],
        org.joinedOn,
        row.person_name,
        row.email,
        row.job_title,
        row.email === null ? null : row.is_leader ? "yes" : "no",
        org.nation,
        org.localAuthority,
        org.localAuthorityCode,
        org.constituency,
        org.archivedAt ? "yes" : "no",
      ];
    }),
  );
}

interface AuditEntryView {
  id: number;
  at: Date;
  action: string;
  actor: string | null;
  subject: string;
  changes: { field: string; from: string; to: string }[];
}

function describe(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(blank)";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function diff(before: unknown, after: unknown): AuditEntryView["changes"] {
  const record = (value: unknown): Record<string, unknown> =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value))
      : {};
  const was = record(before);
  const now = record(after);
  const keys = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((key) => key !== "id");
  return keys.flatMap((key) => {
    const from = describe(was[key]);
    const to = describe(now[key]);
    if (from === to) return [];
    return [{ field: key, from: key in was ? from : "", to: key in now ? to : "" }];
  });
}

/** Who changed what and when, for an organisation and everyone at it; newest first, a page at a time. */
export async function listOrganisationAudit(
  db: Db,
  actor: Actor,
  organisationId: number,
  { page }: { page: number },
) {
  requireStaffActor(actor);
  const people = await db
    .selectFrom("people")
    .select(["id", "name"])
    .where("organisation_id", "=", organisationId)
    .execute();
  const personIds = people.map((person) => String(person.id));
  const names = new Map(people.map((person) => [String(person.id), person.name]));
  const scope = (eb: ExpressionBuilder<Database, "audit_log">) =>
    eb.or([
      eb.and([
        eb("audit_log.subject_type", "=", "organisation"),
        eb("audit_log.subject_id", "=", String(organisationId)),
      ]),
      ...(personIds.length
        ? [eb.and([eb("audit_log.subject_type", "=", "person"), eb("audit_log.subject_id", "in", personIds)])]
        : []),
    ]);
  const { total } = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .where(scope)
    .executeTakeFirstOrThrow();
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const rows = await db
    .selectFrom("audit_log")
    .leftJoin("people as actor", "actor.id", "audit_log.actor_id")
    .select([
      "audit_log.id",
      "audit_log.created_at",
      "audit_log.action",
      "audit_log.subject_type",
      "audit_log.subject_id",
      "audit_log.before",
      "audit_log.after",
      "actor.name as actor_name",
    ])
    .where(scope)
    .orderBy("audit_log.id", "desc")
    .limit(PAGE_SIZE)
    .offset((current - 1) * PAGE_SIZE)
    .execute();
  const entries = rows.map((row): AuditEntryView => ({
    id: row.id,
    at: row.created_at,
    action: row.action,
    actor: row.actor_name,
    subject: row.subject_type === "person" ? (names.get(row.subject_id) ?? "A person") : "The organisation",
    changes: diff(row.before, row.after),
  }));
  return { entries, total, page: current, pageCount };
}
