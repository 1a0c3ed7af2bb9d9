import type { ImportedContact, ImportedOrganisation } from "~/models/directory/csv.server.ts";
import type { ExistingPerson } from "~/models/directory/import-existing.server.ts";
import { toPoundsText, type Organisation } from "~/models/directory/organisations.server.ts";
import {
  legalFormLabels,
  legalFormSchema,
  membershipStatusLabels,
  membershipStatusSchema,
  serviceAreaLabels,
  serviceAreaSchema,
} from "~/schemas/directory.ts";

/**
 * How an import's preview words a change: the organisation fields a file may set, their labels,
 * and each value as a person reads it ("Community interest company", not the code).
 */

export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

/** The fields a file may set besides the name and postcode (which identify the organisation). */
export const orgFieldColumns = {
  legalForm: "legal_form",
  serviceArea: "service_area",
  staffCount: "staff_count",
  publicIncomeGbp: "public_income_gbp",
  membershipStatus: "membership_status",
  joinedOn: "joined_on",
} as const;
export type OrgField = keyof typeof orgFieldColumns;
export const orgFields = Object.keys(orgFieldColumns).filter(
  (key): key is OrgField => key in orgFieldColumns,
);

const fieldLabels: Record<OrgField, string> = {
  legalForm: "Legal form",
  serviceArea: "Service area",
  staffCount: "Staff",
  publicIncomeGbp: "Public income (£)",
  membershipStatus: "Membership status",
  joinedOn: "Joined on",
};

export function shown(field: OrgField, value: unknown): string {
  if (value === undefined || value === null) return "(blank)";
  const text = String(value);
  if (field === "legalForm") {
    const legalForm = legalFormSchema.safeParse(text);
    return legalForm.success ? legalFormLabels[legalForm.data] : text;
  }
  if (field === "serviceArea") {
    const area = serviceAreaSchema.safeParse(text);
    return area.success ? serviceAreaLabels[area.data] : text;
  }
  if (field === "membershipStatus") {
    const status = membershipStatusSchema.safeParse(text);
    return status.success ? membershipStatusLabels[status.data] : text;
  }
  if (field === "publicIncomeGbp") return toPoundsText(text);
  return text;
}

/** Pounds compare as pence ("1000" and "1000.00" are the same income). */
const comparable = (field: OrgField, value: string | number) =>
  field === "publicIncomeGbp" ? toPoundsText(value) : String(value);

/** What the file would change in an organisation the directory already holds; blank cells change nothing. */
export function organisationChanges(existing: Organisation, values: ImportedOrganisation): FieldChange[] {
  const changes: FieldChange[] = [];
  if (values.name !== existing.name) changes.push({ field: "Name", from: existing.name, to: values.name });
  for (const field of orgFields) {
    const value = values[field];
    if (value === undefined) continue;
    const held = existing[field];
    const was = held === null ? null : comparable(field, held);
    const now = comparable(field, value);
    if (was !== now)
      changes.push({ field: fieldLabels[field], from: shown(field, was), to: shown(field, now) });
  }
  return changes;
}

const yesNo = (value: boolean) => (value ? "yes" : "no");

/** What the file would change in a person the directory already holds. */
export function contactChanges(person: ExistingPerson, contact: ImportedContact): FieldChange[] {
  const changes: FieldChange[] = [];
  if (contact.name !== person.name) changes.push({ field: "Name", from: person.name, to: contact.name });
  if (contact.jobTitle !== undefined && contact.jobTitle !== person.jobTitle) {
    changes.push({ field: "Job title", from: person.jobTitle ?? "(blank)", to: contact.jobTitle });
  }
  if (contact.isLeader !== undefined && contact.isLeader !== person.isLeader) {
    changes.push({ field: "Leader", from: yesNo(person.isLeader), to: yesNo(contact.isLeader) });
  }
  return changes;
}
