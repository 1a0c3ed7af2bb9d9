import { RadioGroup } from "~/components/surveys/radio-group.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { consentMethodLabels, consentMethods, type EvidenceKind } from "~/schemas/evidence-labels.ts";
import type { FieldErrors } from "~/utils/forms.ts";

const dateHint = "As YYYY-MM-DD, like 2025-03-31.";

export function EvidenceFields({
  kind,
  values,
  errors,
}: {
  kind: EvidenceKind;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const text = (name: string, label: string, hint?: string) => (
    <TextField name={name} label={label} hint={hint} defaultValue={values[name]} error={errors[name]} />
  );
  return (
    <>
      {text("label", "Short label", "How it appears in the library and the citation picker.")}
      {kind === "source" ? (
        <>
          {text("title", "Title of the publication")}
          {text("publisher", "Publisher", "For example HM Treasury, the King's Fund, Audit Scotland.")}
          {text("url", "Web address", "Starting with https://")}
          {text("publishedOn", "Publication date (optional)", dateHint)}
        </>
      ) : null}
      {kind === "figure" ? (
        <>
          {text("value", "The number", "Digits only, like 62 or 1250000.5.")}
          {text("unit", "Unit (optional)", "For example %, £, staff, organisations.")}
          {text("n", "How many answered, n (optional)", "The base the figure rests on, like 312.")}
          {text("asOf", "Date the figure describes", dateHint)}
          <TextareaField
            name="sourceNote"
            label="Where it came from"
            hint="The survey, dataset or report, and how it was worked out."
            rows={3}
            defaultValue={values.sourceNote}
            error={errors.sourceNote}
          />
          {text("url", "Web address of the source (optional)", "Starting with https://")}
        </>
      ) : null}
      {kind === "quote" ? (
        <>
          <TextareaField
            name="quoteText"
            label="The quote"
            rows={4}
            defaultValue={values.quoteText}
            error={errors.quoteText}
          />
          <RadioGroup
            name="anonymous"
            legend="Is the quote anonymous?"
            options={[
              { value: "no", label: "No: attributed to the person or organisation below" },
              { value: "yes", label: "Yes: shown as from “a member organisation”" },
            ]}
            value={values.anonymous}
            error={errors.anonymous}
          />
          {text(
            "attribution",
            "Who said it",
            "Name and role, or organisation. Not shown if the quote is anonymous.",
          )}
          <RadioGroup
            name="consentMethod"
            legend="How did they agree to be quoted?"
            options={consentMethods.map((method) => ({ value: method, label: consentMethodLabels[method] }))}
            value={values.consentMethod}
            error={errors.consentMethod}
          />
          {text("consentOn", "Date consent was given", dateHint)}
        </>
      ) : null}
    </>
  );
}
