import { TextareaField } from "~/components/textarea-field.tsx";
import { DateInput } from "~/components/date-input.tsx";
import { TextField } from "~/components/text-field.tsx";
import type { FieldErrors } from "~/utils/forms.ts";

/** What was typed or saved: title, addressee, body, closesOn (or its date boxes), signatureGoal. */
type LetterFieldValues = Partial<Record<string, string>>;

/** The fields of a draft, for the new and edit pages; values are what was typed or saved. */
export function LetterFields({
  values,
  errors,
}: {
  values: LetterFieldValues;
  errors: FieldErrors | undefined;
}) {
  return (
    <>
      <TextField
        name="title"
        label="Title"
        defaultValue={values.title}
        error={errors?.title}
        maxLength={200}
      />
      <TextField
        name="addressee"
        label="Addressed to"
        hint="A minister, a government or a body, for example: The Rt Hon the Chancellor of the Exchequer"
        defaultValue={values.addressee}
        error={errors?.addressee}
      />
      <TextareaField
        name="body"
        label="Text of the letter"
        hint="Markdown: **bold**, *italic*, [link text](https://www.gov.uk/...), lists with - or 1. Links may go to web pages or email addresses only."
        rows={16}
        defaultValue={values.body}
        error={errors?.body}
      />
      <DateInput
        name="closesOn"
        label="Closing date (optional)"
        hint="For example, 27 3 2027. Signatures close at the end of this day, UK time. Leave empty to close it by hand."
        values={values}
        error={errors?.closesOn}
      />
      <TextField
        name="signatureGoal"
        label="Signature goal (optional)"
        hint="How many organisations you hope will sign, for example 50"
        inputMode="numeric"
        className="input--short"
        defaultValue={values.signatureGoal}
        error={errors?.signatureGoal}
      />
    </>
  );
}
