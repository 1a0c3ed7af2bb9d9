import type { FieldErrors } from "~/utils/forms.ts";

interface SentForm {
  intent: string;
  values?: Record<string, string>;
  errors?: FieldErrors;
}

/**
 * A field's props on a page of several forms: what was typed and its message when this is the
 * form that was sent back, nothing otherwise. `field("note", "outcome-note")` when the id differs.
 */
export function sentForm(actionData: SentForm | undefined, intent: string) {
  const sent = actionData?.intent === intent ? actionData : undefined;
  return (name: string, id = name) => ({
    name,
    id,
    defaultValue: sent?.values?.[name],
    error: sent?.errors?.[id],
  });
}
