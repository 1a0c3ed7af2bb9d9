import { z } from "zod";
import { auditFilterSchema } from "~/schemas/audit.ts";
import { idField } from "~/schemas/ids.ts";
import { PAGE_SIZE, pageSchema } from "~/schemas/paging.ts";
import {
  adminSecurityIntentSchema,
  secondStepSchema,
  securityIntentSchema,
} from "~/schemas/second-factor.ts";
import { fieldErrors, formValues, parseForm } from "./forms.ts";

/**
 * The second-factor, security and audit pages' forms and filters, parsed on the server only: a
 * route module that imported the zod schemas for its action would send zod to the browser too.
 */

export { PAGE_SIZE };

export const readSecondStep = (formData: FormData) => ({
  form: parseForm(secondStepSchema, formData),
  values: formValues(formData),
});

export const readSecurityIntent = (formData: FormData) => ({
  form: parseForm(securityIntentSchema, formData),
  values: formValues(formData),
});

export const readAdminSecurityIntent = (formData: FormData) => parseForm(adminSecurityIntentSchema, formData);

const adminSecurityQuery = z.object({ page: pageSchema, reset: idField().optional().catch(undefined) });
export const readAdminSecurityQuery = (url: URL) =>
  adminSecurityQuery.parse(Object.fromEntries(url.searchParams));

/** The audit log's filters, or what is wrong with them. */
export function readAuditFilter(url: URL) {
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(url.searchParams));
  return parsed.success
    ? { ok: true as const, filter: parsed.data }
    : { ok: false as const, errors: fieldErrors(parsed.error) };
}
