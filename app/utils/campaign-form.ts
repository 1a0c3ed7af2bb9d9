import type { z } from "zod";
import { withoutControlCharacters } from "~/schemas/messages.ts";
import {
  addControlCharacterErrors,
  fieldErrors,
  formValues,
  typedValues,
  type FieldErrors,
} from "./forms.ts";

export type CampaignFormResult<Data> =
  | { ok: true; data: Data }
  | { ok: false; errors: FieldErrors; values: Record<string, string>; targets: string[]; topics: string[] };

const listOf = (formData: FormData, name: string) =>
  formData.getAll(name).filter((value): value is string => typeof value === "string");

/**
 * parseForm, plus the targets and topics a person ticked: fields that repeat, gathered as lists.
 * `schema` is the new campaign form's or the edit form's.
 */
export function parseCampaignForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
): CampaignFormResult<z.output<S>> {
  const targets = listOf(formData, "targets");
  const topics = listOf(formData, "topics");
  const result = schema.safeParse({ ...typedValues(formData), targets, topics });
  const errors: FieldErrors = {};
  // A bad box in a list is the list's error: the group, not its nth box, is what the page can point to.
  for (const [key, message] of Object.entries(result.success ? {} : fieldErrors(result.error)))
    errors[key.replace(/^(targets|topics)\.\d+$/, "$1")] ??= message;
  addControlCharacterErrors(errors, formData);
  if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data };
  return {
    ok: false,
    errors,
    values: formValues(formData),
    targets: targets.map(withoutControlCharacters),
    topics: topics.map(withoutControlCharacters),
  };
}
