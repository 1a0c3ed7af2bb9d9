import type { z } from "zod";
import { hasControlCharacters, say, withoutControlCharacters } from "~/schemas/messages-labels.ts";
import { withJoinedDates } from "./date-parts.ts";

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * Text values of a submitted form, kept so a refused form can be shown again as it was typed, less
 * any control characters (parseForm refuses those from the form data itself, so none slips through).
 */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(typedValues(formData)))
    values[key] = withoutControlCharacters(value);
  return values;
}

/** The first text value of each field, exactly as sent: what the schema checks. */
export function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !(key in values)) values[key] = value;
  }
  // A GOV.UK date input's three boxes are one field to the schema.
  return withJoinedDates(values);
}

/** The first message for each field, in the schema's order: what an error summary lists. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * Every form's fields checked by `schema`, and every text field (whether or not the schema builds
 * it from requiredText/optionalText, which name the field) for control characters: refused with a
 * field error, never passed on to PostgreSQL, which answers a NUL with a 500. What comes back for
 * the form to show again has them taken out, so the rest of the typing is kept.
 */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.output<S>> {
  const result = schema.safeParse(typedValues(formData));
  const errors = result.success ? {} : fieldErrors(result.error);
  addControlCharacterErrors(errors, formData);
  if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data };
  return { ok: false, errors, values: formValues(formData) };
}

/** A field error for every field (repeated ones too) sent with control characters, unless it has one. */
export function addControlCharacterErrors(errors: FieldErrors, formData: FormData): void {
  for (const [key, value] of formData) {
    if (typeof value === "string" && hasControlCharacters(value))
      errors[key] ??= say.controlCharacters("this field");
  }
}

/** What each field of a form is given: its name, what was typed (or is held) and its message. */
export function fieldProps<Name extends string>(
  values: Partial<Record<Name, string>>,
  errors: FieldErrors | undefined,
) {
  return (name: Name) => ({ name, defaultValue: values[name], error: errors?.[name] });
}
