import type { z } from "zod";
import { fieldErrors, formValues, type FieldErrors } from "./forms.ts";

export type PositionFormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string>; topics: string[] };

/** The topics a person ticked: a field that repeats, so it is gathered as a list. */
export const topicsOf = (formData: FormData) =>
  formData.getAll("topics").filter((value): value is string => typeof value === "string");

/** parseForm, plus the topics a person ticked. */
export function parsePositionForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
): PositionFormResult<z.output<S>> {
  const values = formValues(formData);
  const topics = topicsOf(formData);
  const result = schema.safeParse({ ...values, topics });
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, errors: fieldErrors(result.error), values, topics };
}
