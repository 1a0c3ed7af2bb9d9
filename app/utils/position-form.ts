import type { z } from "zod";
import { withoutControlCharacters } from "~/schemas/messages-labels.ts";
import {
  addControlCharacterErrors,
  fieldErrors,
  formValues,
  typedValues,
  type FieldErrors,
} from "./forms.ts";

export type PositionFormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string>; topics: string[] };

/** The topics a person ticked: a field that repeats, so it is gathered as a list. */
export const topicsOf = (formData: FormData) =>
  formData.getAll("topics").filter((value): value is string => typeof value === "string");

/**
 * parseForm, plus the topics a person ticked. The schema checks the text exactly as sent, so a NUL
 * in the title is refused with a field error like on every other form, not quietly taken out.
 */
export function parsePositionForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
): PositionFormResult<z.output<S>> {
  const topics = topicsOf(formData);
  const result = schema.safeParse({ ...typedValues(formData), topics });
  const errors = result.success ? {} : fieldErrors(result.error);
  addControlCharacterErrors(errors, formData);
  if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data };
  return { ok: false, errors, values: formValues(formData), topics: topics.map(withoutControlCharacters) };
}
