import { SelectField } from "~/components/select-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { MAX_FILE_MEGABYTES } from "~/schemas/files.ts";
import type { QuestionKind } from "~/schemas/surveys.ts";
import { ChosenKind } from "./question-kind-step.tsx";
import { ShowWhenFields } from "~/components/surveys/show-when-fields.tsx";
import type { FieldErrors } from "~/utils/forms.ts";

/**
 * A question's fields once its type is chosen (QuestionKindStep comes first): the shared ones, and
 * the settings of that type only.
 */
export function QuestionFields({
  kind,
  changeKind,
  values,
  errors,
  sections,
  conditionOptions,
}: {
  kind: QuestionKind;
  /** Where "Change the type" goes: the kind step, keeping the section. */
  changeKind: string;
  values: Record<string, string>;
  errors: FieldErrors | undefined;
  sections: { id: number; title: string }[];
  conditionOptions: readonly { value: string; label: string }[];
}) {
  const field = (name: string) => ({ name, defaultValue: values[name], error: errors?.[name] });
  const number = { inputMode: "numeric", className: "input--short" } as const;
  const checkbox = (name: string, label: string) => (
    <div className="checkbox field">
      <input id={name} type="checkbox" name={name} value="yes" defaultChecked={values[name] === "yes"} />
      <label htmlFor={name}>{label}</label>
    </div>
  );
  return (
    <>
      <SelectField
        {...field("sectionId")}
        label="Section"
        options={sections.map((section, index) => ({
          value: String(section.id),
          label: `${index + 1}. ${section.title}`,
        }))}
      />
      <ChosenKind kind={kind} change={changeKind} />
      <TextField {...field("prompt")} label="Question" maxLength={500} />
      <TextareaField
        {...field("helpText")}
        label="Help text (optional)"
        hint="Shown under the question, for example what to count or which year."
        rows={2}
      />
      {checkbox("required", "An answer is required")}
      {kind === "single_choice" || kind === "multiple_choice" ? (
        <fieldset className="fieldset panel">
          <legend className="field__label">Choices</legend>
          <TextareaField {...field("choices")} label="Choices, one on each line" rows={5} />
          {checkbox("allowOther", "Add “Other, please say” with a text box")}
        </fieldset>
      ) : null}
      {kind === "scale" ? (
        <fieldset className="fieldset panel">
          <legend className="field__label">The scale</legend>
          <TextField
            {...field("scaleMin")}
            {...number}
            label="Lowest point"
            defaultValue={values.scaleMin ?? "1"}
          />
          <TextField
            {...field("scaleMax")}
            {...number}
            label="Highest point"
            defaultValue={values.scaleMax ?? "5"}
          />
          <TextField
            {...field("minLabel")}
            label="Label of the lowest point"
            hint="For example, Not at all"
          />
          <TextField
            {...field("maxLabel")}
            label="Label of the highest point"
            hint="For example, Very much"
          />
        </fieldset>
      ) : null}
      {kind === "number" ? (
        <fieldset className="fieldset panel">
          <legend className="field__label">The number</legend>
          <TextField {...field("numberMin")} {...number} label="Smallest allowed (optional)" />
          <TextField {...field("numberMax")} {...number} label="Largest allowed (optional)" />
          <TextField
            {...field("unit")}
            label="Unit (optional)"
            hint="For example, £ or staff"
            className="input--short"
          />
        </fieldset>
      ) : null}
      {kind === "file" ? (
        <fieldset className="fieldset panel">
          <legend className="field__label">The file</legend>
          <TextField
            {...field("maxMegabytes")}
            {...number}
            label={`Largest file, in MB (1 to ${MAX_FILE_MEGABYTES})`}
            defaultValue={values.maxMegabytes ?? String(MAX_FILE_MEGABYTES)}
          />
        </fieldset>
      ) : null}
      <ShowWhenFields values={values} errors={errors} options={conditionOptions} what="question" />
    </>
  );
}
