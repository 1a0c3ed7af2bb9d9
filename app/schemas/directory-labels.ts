// Split from directory.ts: what a page may need in the browser, without zod (see the javascript budget test).

export const nations = ["england", "scotland", "wales", "northern_ireland"] as const;

export type Nation = (typeof nations)[number];

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
export const postcodeStatuses = ["none", "pending", "found", "not_found"] as const;

export type PostcodeStatus = (typeof postcodeStatuses)[number];

export const postcodeStatusLabels: Record<PostcodeStatus, string> = {
  none: "No postcode",
  pending: "Waiting for postcode lookup",
  found: "Postcode found",
  not_found: "Postcode not found",
};

/** A CSV import: previewed → committed | discarded. Nothing reaches the directory before committed. */
export const importStatuses = ["previewed", "committed", "discarded"] as const;

export type ImportStatus = (typeof importStatuses)[number];

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

/** The staff directory's filters: anything unrecognised in the address is ignored, not refused. */
export const directorySorts = [
  "name",
  "-name",
  "staff",
  "-staff",
  "income",
  "-income",
  "joined",
  "-joined",
] as const;

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
