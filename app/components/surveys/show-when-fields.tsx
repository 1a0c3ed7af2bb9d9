import { SelectField } from "~/components/select-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import type { FieldErrors } from "~/utils/forms.ts";

/** "Show only when" an earlier answer matches: one list of every test, and a range for numbers. */
export function ShowWhenFields({
  values,
  errors,
  options,
  what,
}: {
  values: Record<string, string | undefined>;
  errors: FieldErrors | undefined;
  options: readonly { value: string; label: string }[];
  what: "question" | "section";
}) {
  if (!options.length) {
    return (
      <p className="hint">
        To show this {what} only after a certain answer, first add an earlier yes or no, choice, scale or
        number question.
      </p>
    );
  }
  const number = { inputMode: "decimal", className: "input--short" } as const;
  return (
    <fieldset className="fieldset panel">
      <legend className="field__label">When to ask it</legend>
      <SelectField
        name="showWhen"
        label={`Show this ${what} only when`}
        hint={`Only questions that come before this ${what} can decide it. Answers to it are not sent if the person changes the earlier answer.`}
        defaultValue={values.showWhen ?? ""}
        error={errors?.showWhen}
        options={options}
        placeholder="Always ask it"
      />
      <TextField
        name="showWhenMin"
        {...number}
        label="For a range: smallest number that shows it (optional)"
        defaultValue={values.showWhenMin}
        error={errors?.showWhenMin}
      />
      <TextField
        name="showWhenMax"
        {...number}
        label="For a range: largest number that shows it (optional)"
        defaultValue={values.showWhenMax}
        error={errors?.showWhenMax}
      />
    </fieldset>
  );
}
