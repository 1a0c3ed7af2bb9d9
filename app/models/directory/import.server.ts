import { createHash } from "node:crypto";
import type {
  ImportedContact,
  ImportedOrganisation,
  ImportProblem,
  ImportRow,
} from "~/models/directory/csv.server.ts";
import {
  contactChanges,
  orgFieldColumns,
  orgFields,
  organisationChanges,
  shown,
  type FieldChange,
  type OrgField,
} from "~/models/directory/import-changes.server.ts";
import { existingOrganisations, existingPeople } from "~/models/directory/import-existing.server.ts";
import { canChangeMembership, membershipMoveRefusal } from "~/models/directory/membership.server.ts";
import { updateContact } from "~/models/directory/people.server.ts";
import {
  createOrganisations,
  organisationKey,
  updateOrganisation,
  type NewOrganisation,
  type OrganisationChanges,
} from "~/models/directory/organisations.server.ts";
import { createPeople, type Actor, type NewPerson } from "~/models/accounts/people.server.ts";
import { say } from "~/schemas/messages.ts";
import type { PostcodePlace } from "~/services/postcodes.server.ts";
import type { Db } from "~/utils/db.server.ts";

/**
 * Turns checked rows into a plan against the directory as it is now: which organisations and
 * people are created, updated or left as they are, and which rows cannot be imported and why.
 * The same plan is shown as the preview and, recomputed, applied on confirmation.
 */

export type Outcome = "create" | "update" | "unchanged";

interface OrganisationPlan {
  key: string;
  firstRow: number;
  rows: number[];
  outcome: Outcome;
  existingId: number | null;
  name: string;
  values: ImportedOrganisation;
  changes: FieldChange[];
  contacts: ContactPlan[];
}

interface ContactPlan {
  row: number;
  outcome: Outcome;
  existingId: number | null;
  contact: ImportedContact;
  changes: FieldChange[];
}

export interface Tally {
  create: number;
  update: number;
  unchanged: number;
}

export interface ImportPlan {
  organisations: OrganisationPlan[];
  problems: ImportProblem[];
  counts: { organisations: Tally; people: Tally; rowsImported: number; rowsWithProblems: number };
  /** Changes when anything the plan would do changes: a stale preview is not applied. */
  fingerprint: string;
}

interface Group {
  key: string;
  rows: ImportRow[];
  values: ImportedOrganisation;
  sourceRow: Partial<Record<OrgField, number>>;
}

export async function planImport(
  db: Db,
  rows: readonly ImportRow[],
  parseProblems: readonly ImportProblem[] = [],
): Promise<ImportPlan> {
  const [existingOrgs, knownPeople] = await Promise.all([
    existingOrganisations(db, rows),
    existingPeople(db, rows),
  ]);
  const problems: ImportProblem[] = [...parseProblems];
  const groups = new Map<string, Group>();
  const emailRow = new Map<string, number>();

  for (const row of rows) {
    const { organisation, contact } = row;
    const key = organisationKey(organisation.name, organisation.postcode);
    const existing = existingOrgs.get(key);
    const rowProblems: ImportProblem[] = [];
    const problem = (column: string | null, message: string) =>
      rowProblems.push({ row: row.row, column, message });

    if (existing?.archivedAt)
      problem(
        "organisation_name",
        `${existing.name} is archived: restore it on its page before importing into it`,
      );
    if (contact) {
      const earlier = emailRow.get(contact.email);
      const person = knownPeople.get(contact.email);
      if (earlier !== undefined)
        problem(
          "contact_email",
          `${contact.email} is already on row ${earlier}: each person can appear once`,
        );
      else if (person && (person.role !== "member" || person.organisationId !== (existing?.id ?? -1))) {
        problem(
          "contact_email",
          person.organisationName
            ? `${contact.email} already belongs to someone at ${person.organisationName}`
            : `${contact.email} belongs to a Mutual Voice staff account`,
        );
      }
    }
    const group = groups.get(key);
    if (group) {
      for (const field of orgFields) {
        const value = organisation[field];
        const earlier = group.values[field];
        if (value === undefined || earlier === undefined || String(value) === String(earlier)) continue;
        problem(
          orgFieldColumns[field],
          `${shown(field, value)} differs from row ${group.sourceRow[field]} for the same organisation (${shown(field, earlier)})`,
        );
      }
    }
    if (rowProblems.length) {
      problems.push(...rowProblems);
      continue;
    }
    const target = group ?? {
      key,
      rows: [],
      values: { name: organisation.name, postcode: organisation.postcode },
      sourceRow: {},
    };
    groups.set(key, target);
    target.rows.push(row);
    for (const field of orgFields) {
      if (organisation[field] === undefined || target.values[field] !== undefined) continue;
      Object.assign(target.values, { [field]: organisation[field] });
      target.sourceRow[field] = row.row;
    }
    if (contact) emailRow.set(contact.email, row.row);
  }

  const organisations: OrganisationPlan[] = [];
  for (const group of groups.values()) {
    const existing = existingOrgs.get(group.key) ?? null;
    const first = group.rows[0]?.row ?? 0;
    const groupProblems: ImportProblem[] = [];
    if (!existing) {
      if (!group.values.legalForm)
        groupProblems.push({
          row: first,
          column: "legal_form",
          message: say.enter("the legal form of this new organisation"),
        });
      if (!group.values.serviceArea)
        groupProblems.push({
          row: first,
          column: "service_area",
          message: say.enter("the service area of this new organisation"),
        });
    } else if (
      group.values.membershipStatus &&
      !canChangeMembership(existing.membershipStatus, group.values.membershipStatus)
    ) {
      groupProblems.push({
        row: group.sourceRow.membershipStatus ?? first,
        column: "membership_status",
        message: membershipMoveRefusal(existing.membershipStatus, group.values.membershipStatus),
      });
    }
    if (groupProblems.length) {
      problems.push(...groupProblems);
      const blamed = groupProblems[0]?.row ?? first;
      for (const row of group.rows) {
        if (row.row === blamed) continue;
        problems.push({
          row: row.row,
          column: null,
          message: `Not imported: row ${blamed} has a problem with the same organisation`,
        });
      }
      continue;
    }
    const changes = existing ? organisationChanges(existing, group.values) : [];
    const contacts = group.rows.flatMap((row): ContactPlan[] => {
      if (!row.contact) return [];
      const person = knownPeople.get(row.contact.email);
      if (!person)
        return [{ row: row.row, outcome: "create", existingId: null, contact: row.contact, changes: [] }];
      const changed = contactChanges(person, row.contact);
      const outcome = changed.length ? "update" : "unchanged";
      return [{ row: row.row, outcome, existingId: person.id, contact: row.contact, changes: changed }];
    });
    organisations.push({
      key: group.key,
      firstRow: first,
      rows: group.rows.map((row) => row.row),
      outcome: existing ? (changes.length ? "update" : "unchanged") : "create",
      existingId: existing?.id ?? null,
      name: existing?.name ?? group.values.name,
      values: group.values,
      changes,
      contacts,
    });
  }

  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const tally = (outcomes: Outcome[]): Tally => ({
    create: outcomes.filter((o) => o === "create").length,
    update: outcomes.filter((o) => o === "update").length,
    unchanged: outcomes.filter((o) => o === "unchanged").length,
  });
  const rowsImported = organisations.reduce((sum, org) => sum + org.rows.length, 0);
  const counts = {
    organisations: tally(organisations.map((org) => org.outcome)),
    people: tally(organisations.flatMap((org) => org.contacts.map((contact) => contact.outcome))),
    rowsImported,
    rowsWithProblems: new Set(problems.flatMap((p) => (p.row === null ? [] : [p.row]))).size,
  };
  const fingerprint = createHash("sha256")
    .update(
      JSON.stringify(
        organisations.map((org) => [
          org.outcome,
          org.existingId,
          org.values,
          org.changes,
          org.contacts.map((c) => [c.outcome, c.existingId, c.contact]),
        ]),
      ),
    )
    .digest("hex");
  return { organisations, problems, counts, fingerprint };
}

interface ApplyOptions {
  /** Places already known (the demo network), so those postcodes need no lookup. */
  places?: ReadonlyMap<string, PostcodePlace>;
}

export interface AppliedImport {
  /** Organisations created or updated, with the first row that named them. */
  organisations: { id: number; row: number }[];
}

/**
 * Writes a plan through the same model functions staff use by hand (same defaults, checks and
 * audit rows); new organisations and people go in bulk so a 5,000-row file is a few statements.
 */
export async function applyImportPlan(
  db: Db,
  actor: Actor | null,
  plan: ImportPlan,
  { places }: ApplyOptions = {},
): Promise<AppliedImport> {
  if (!db.isTransaction) throw new Error("applyImportPlan must run inside the import's transaction");
  const creates = plan.organisations.filter((org) => org.outcome === "create");
  const created = await createOrganisations(
    db,
    actor,
    creates.map(({ values, firstRow }): NewOrganisation => {
      const place = values.postcode ? places?.get(values.postcode) : undefined;
      if (!values.legalForm || !values.serviceArea)
        throw new Error(`Planned organisation on row ${firstRow} is incomplete`);
      return {
        name: values.name,
        legalForm: values.legalForm,
        serviceArea: values.serviceArea,
        postcode: values.postcode,
        nation: place?.nation ?? null,
        localAuthority: place?.localAuthority ?? null,
        localAuthorityCode: place?.localAuthorityCode ?? null,
        constituency: place?.constituency ?? null,
        staffCount: values.staffCount ?? 0,
        publicIncomeGbp: values.publicIncomeGbp ?? "0",
        membershipStatus: values.membershipStatus ?? "active",
        joinedOn: values.joinedOn ?? null,
      };
    }),
  );
  const createdId = new Map(creates.map((org, index) => [org.key, created[index]?.id]));
  const touched: { id: number; row: number }[] = [];
  const newPeople: NewPerson[] = [];
  for (const org of plan.organisations) {
    const id = org.existingId ?? createdId.get(org.key);
    if (id === undefined) throw new Error(`Organisation on row ${org.firstRow} was not written`);
    if (org.outcome === "update") {
      const { name, legalForm, serviceArea, staffCount, publicIncomeGbp, membershipStatus, joinedOn } =
        org.values;
      const changes: OrganisationChanges = {
        name,
        legalForm,
        serviceArea,
        staffCount,
        publicIncomeGbp,
        membershipStatus,
        joinedOn,
      };
      await updateOrganisation(db, actor, id, changes);
    }
    if (org.outcome !== "unchanged") touched.push({ id, row: org.firstRow });
    for (const contact of org.contacts) {
      if (contact.outcome === "create")
        newPeople.push({ ...contact.contact, role: "member", organisationId: id });
      else if (contact.outcome === "update" && contact.existingId !== null)
        await updateContact(db, actor, contact.existingId, contact.contact);
    }
  }
  await createPeople(db, actor, newPeople);
  return { organisations: touched };
}
