import { z } from "zod";
import { pageSchema } from "./paging.ts";
import { isRealDay } from "./audit-labels.ts";

export * from "./audit-labels.ts";

const optional = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => value || undefined);

const day = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || isRealDay(value), message);

/** The audit log's filters, from the query string; each has its own address for a bookmark or a CSV. */
export const auditFilterSchema = z
  .object({
    who: optional(200, "Who must be 200 characters or fewer"),
    action: optional(100, "The action must be 100 characters or fewer"),
    subjectType: optional(50, "The object type must be 50 characters or fewer"),
    subjectId: optional(50, "The object id must be 50 characters or fewer"),
    from: day("From must be a date, like 2026-12-01"),
    to: day("To must be a date, like 2026-12-04"),
    page: pageSchema,
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, {
    message: "From must be on or before To",
    path: ["to"],
  });

export type AuditFilter = z.output<typeof auditFilterSchema>;
