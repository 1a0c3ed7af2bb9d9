import { z } from "zod";
import { requiredLine, say } from "./messages.ts";
import {
  nations,
  serviceAreas,
  legalForms,
  membershipStatuses,
  postcodeStatuses,
  importStatuses,
  normalisePostcode,
  parseCalendarDate,
  directorySorts,
} from "./directory-labels.ts";

export * from "./directory-labels.ts";

export const nationSchema = z.enum(nations);

export const serviceAreaSchema = z.enum(serviceAreas);

export const legalFormSchema = z.enum(legalForms);

export const membershipStatusSchema = z.enum(membershipStatuses);

export const postcodeStatusSchema = z.enum(postcodeStatuses);

export const importStatusSchema = z.enum(importStatuses);

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

/** Used by routes/directory.people.$personId._index.tsx. */
export const personIntentSchema = z.object({
  intent: z.enum(["invite", "deactivate", "reactivate", "erase"]),
});

/** Used by routes/imports.$importId.tsx. */
export const importIntentSchema = z.object({ intent: z.enum(["commit", "discard"]) });

/** Used by routes/directory.$organisationId._index.tsx. */
export const organisationIntentSchema = z.object({
  intent: z.enum(["archive", "restore", "lookup", "erase"]),
});
