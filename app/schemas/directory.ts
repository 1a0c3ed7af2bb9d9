import { z } from "zod";
import { requiredLine, say } from "./messages.ts";

export const nations = ["england", "scotland", "wales", "northern_ireland"] as const;
export type Nation = (typeof nations)[number];
export const nationSchema = z.enum(nations);
export const nationLabels: Record<Nation, string> = {
  england: "England",
  scotland: "Scotland",
  wales: "Wales",
  northern_ireland: "Northern Ireland",
};

export const serviceAreas = [
  "health",
  "social_care",
  "libraries",
  "leisure",
  "youth",
  "childrens_services",
  "culture",
  "housing",
  "education",
  "other",
] as const;
export type ServiceArea = (typeof serviceAreas)[number];
export const serviceAreaSchema = z.enum(serviceAreas);
export const serviceAreaLabels: Record<ServiceArea, string> = {
  health: "Health",
  social_care: "Social care",
  libraries: "Libraries",
  leisure: "Leisure",
  youth: "Youth services",
  childrens_services: "Children's services",
  culture: "Arts and culture",
  housing: "Housing",
  education: "Education",
  other: "Other",
};

export const legalForms = [
  "community_interest_company",
  "company_limited_by_guarantee",
  "community_benefit_society",
  "cooperative_society",
  "company_limited_by_shares",
  "other",
] as const;
export type LegalForm = (typeof legalForms)[number];
export const legalFormSchema = z.enum(legalForms);
export const legalFormLabels: Record<LegalForm, string> = {
  community_interest_company: "Community interest company",
  company_limited_by_guarantee: "Company limited by guarantee",
  community_benefit_society: "Community benefit society",
  cooperative_society: "Co-operative society",
  company_limited_by_shares: "Company limited by shares (employee-owned)",
  other: "Other",
};

export const membershipStatuses = ["prospective", "active", "lapsed", "left"] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];
export const membershipStatusSchema = z.enum(membershipStatuses);
export const membershipStatusLabels: Record<MembershipStatus, string> = {
  prospective: "Prospective",
  active: "Active member",
  lapsed: "Lapsed",
  left: "Left",
};

/**
 * Postcode lookup lifecycle of an organisation: none (no postcode) → pending (queued for
 * postcodes.io) → found | not_found. A failed call leaves it pending with a later retry time.
 */
const postcodeStatuses = ["none", "pending", "found", "not_found"] as const;
export type PostcodeStatus = (typeof postcodeStatuses)[number];
export const postcodeStatusSchema = z.enum(postcodeStatuses);
export const postcodeStatusLabels: Record<PostcodeStatus, string> = {
  none: "No postcode",
  pending: "Waiting for postcode lookup",
  found: "Postcode found",
  not_found: "Postcode not found",
};

/** A CSV import: previewed → committed | discarded. Nothing reaches the directory before committed. */
const importStatuses = ["previewed", "committed", "discarded"] as const;
export type ImportStatus = (typeof importStatuses)[number];
export const importStatusSchema = z.enum(importStatuses);
export const importStatusLabels: Record<ImportStatus, string> = {
  previewed: "Waiting for confirmation",
  committed: "Imported",
  discarded: "Discarded",
};

const ukPostcode = /^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2})$/;

/** "bs15tr" and " BS1  5TR" both become "BS1 5TR"; null when it is not a UK postcode's shape. */
export function normalisePostcode(raw: string): string | null {
  const compact = raw.replace(/\s+/g, "").toUpperCase();
  if (!ukPostcode.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** Case, spaces, hyphens and underscores do not matter when matching a typed choice. */
export const choiceKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

function choiceLookup<T extends string>(labels: Record<T, string>, aliases: Record<string, T> = {}) {
  const map = new Map<string, T>();
  for (const [code, label] of Object.entries<string>(labels)) {
    const value = Object.keys(labels).find((key): key is T => key === code);
    if (!value) continue;
    map.set(choiceKey(code), value);
    map.set(choiceKey(label), value);
  }
  for (const [alias, value] of Object.entries(aliases)) map.set(choiceKey(alias), value);
  return (text: string): T | undefined => map.get(choiceKey(text));
}

/** What a spreadsheet may say for each choice: the code, the label, or a common short form. */
export const findLegalForm = choiceLookup(legalFormLabels, {
  cic: "community_interest_company",
  clg: "company_limited_by_guarantee",
  "company limited by guarantee": "company_limited_by_guarantee",
  bencom: "community_benefit_society",
  "community benefit society": "community_benefit_society",
  "co operative": "cooperative_society",
  cooperative: "cooperative_society",
  coop: "cooperative_society",
  "employee owned company": "company_limited_by_shares",
  "company limited by shares": "company_limited_by_shares",
});
export const findServiceArea = choiceLookup(serviceAreaLabels, {
  "adult social care": "social_care",
  "children s services": "childrens_services",
  childrens: "childrens_services",
  "youth services": "youth",
  "arts and culture": "culture",
  arts: "culture",
  "community health": "health",
});
export const findMembershipStatus = choiceLookup(membershipStatusLabels, { member: "active" });

/** Form fields, shared by the organisation form and the CSV import so both say the same thing. */
export const organisationFields = {
  name: requiredLine("the organisation's name", 200),
  postcode: z
    .string()
    .trim()
    .max(10, say.enter("a UK postcode, like BS1 5TR"))
    .transform((value, ctx) => {
      if (value === "") return null;
      const postcode = normalisePostcode(value);
      if (!postcode) {
        ctx.addIssue({ code: "custom", message: say.enter("a UK postcode, like BS1 5TR") });
        return z.NEVER;
      }
      return postcode;
    }),
  staffCount: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const digits = value.replace(/,/g, "");
      if (digits === "") return 0;
      if (/^-\d+$/.test(digits)) {
        ctx.addIssue({ code: "custom", message: "The number of staff cannot be negative" });
        return z.NEVER;
      }
      const count = Number(digits);
      if (!/^\d+$/.test(digits) || !Number.isSafeInteger(count) || count > 1_000_000) {
        ctx.addIssue({
          code: "custom",
          message: say.enter("the number of staff as a whole number, like 120"),
        });
        return z.NEVER;
      }
      return count;
    }),
  publicIncomeGbp: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const plain = value.replace(/^£/, "").replace(/,/g, "").trim();
      if (plain === "") return "0.00";
      if (/^-/.test(plain)) {
        ctx.addIssue({ code: "custom", message: "Public income cannot be negative" });
        return z.NEVER;
      }
      if (!/^\d{1,12}(\.\d{1,2})?$/.test(plain)) {
        ctx.addIssue({
          code: "custom",
          message: say.enter("public income in pounds, like 1250000 or 1,250,000.50"),
        });
        return z.NEVER;
      }
      return Number(plain).toFixed(2);
    }),
  joinedOn: z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === "") return null;
      const date = parseCalendarDate(value);
      if (!date) {
        ctx.addIssue({ code: "custom", message: say.realDate("the date they joined", "2021-04-01") });
        return z.NEVER;
      }
      return date;
    }),
};

/** 'YYYY-MM-DD' or the UK's 'DD/MM/YYYY', checked against the calendar; returns 'YYYY-MM-DD'. */
export function parseCalendarDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : uk
      ? [Number(uk[3]), Number(uk[2]), Number(uk[1])]
      : [NaN, NaN, NaN];
  if (!Number.isInteger(year) || year < 1900 || year > 2100) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

export const organisationFormSchema = z.object({
  name: organisationFields.name,
  legalForm: z.enum(legalForms, { error: say.choose("the legal form") }),
  serviceArea: z.enum(serviceAreas, { error: say.choose("the main service area") }),
  postcode: organisationFields.postcode,
  staffCount: organisationFields.staffCount,
  publicIncomeGbp: organisationFields.publicIncomeGbp,
  membershipStatus: z.enum(membershipStatuses, { error: say.choose("the membership status") }),
  joinedOn: organisationFields.joinedOn,
});
export type OrganisationForm = z.output<typeof organisationFormSchema>;

/** The staff directory's filters: anything unrecognised in the address is ignored, not refused. */
const directorySorts = [
  "name",
  "-name",
  "staff",
  "-staff",
  "income",
  "-income",
  "joined",
  "-joined",
] as const;
export const directoryFilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  nation: z
    .enum([...nations, "unknown"])
    .optional()
    .catch(undefined),
  serviceArea: z.enum(serviceAreas).optional().catch(undefined),
  legalForm: z.enum(legalForms).optional().catch(undefined),
  status: z.enum(membershipStatuses).optional().catch(undefined),
  postcode: z.enum(postcodeStatuses).optional().catch(undefined),
  archived: z.enum(["exclude", "include", "only"]).default("exclude").catch("exclude"),
  sort: z.enum(directorySorts).default("name").catch("name"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type DirectoryFilter = z.output<typeof directoryFilterSchema>;

export const networkFiguresQuerySchema = z.object({
  asOf: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? parseCalendarDate(value) : null)),
});

/** The columns a members spreadsheet import understands, in the order an export writes them. */
export const importColumns = [
  "organisation_name",
  "legal_form",
  "service_area",
  "postcode",
  "staff_count",
  "public_income_gbp",
  "membership_status",
  "joined_on",
  "contact_name",
  "contact_email",
  "contact_job_title",
  "contact_is_leader",
] as const;
export type ImportColumn = (typeof importColumns)[number];

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
