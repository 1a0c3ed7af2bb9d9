import { optionsFrom, SelectField } from "~/components/select-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { questionKindLabels } from "~/schemas/surveys.ts";
import type { FieldErrors } from "~/utils/forms.ts";

/**
 * Every kind's fields on one form, so it works without JavaScript: the form keeps only the
 * chosen kind's own settings, and each group says which kinds it is for.
 */
export function QuestionFields({
  values,
  errors,
  sections,
}: {
  values: Record<string, string>;
  errors: FieldErrors | undefined;
  sections: { id: number; title: string }[];
}) {
  return (
    <>
      <SelectField
        name="sectionId"
        label="Section"
        options={sections.map((section, index) => ({
          value: String(section.id),
          label: `${index + 1}. ${section.title}`,
        }))}
        defaultValue={values.sectionId}
        error={errors?.sectionId}
      />
      <SelectField
        name="kind"
        label="Type of question"
        options={optionsFrom(questionKindLabels)}
        defaultValue={values.kind}
        error={errors?.kind}
        placeholder="Choose a type"
      />
      <TextField
        name="prompt"
        label="Question"
        defaultValue={values.prompt}
        error={errors?.prompt}
        maxLength={500}
      />
      <TextareaField
        name="helpText"
        label="Help text (optional)"
        hint="Shown under the question, for example what to count or which year."
        defaultValue={values.helpText}
        error={errors?.helpText}
        rows={2}
      />
      <div className="checkbox field">
        <input
          id="required"
          type="checkbox"
          name="required"
          value="yes"
          defaultChecked={values.required === "yes"}
        />
        <label htmlFor="required">An answer is required</label>
      </div>
      <fieldset className="fieldset panel">
        <legend className="field__label">For single and multiple choice</legend>
        <TextareaField
          name="choices"
          label="Choices, one on each line"
          defaultValue={values.choices}
          error={errors?.choices}
          rows={5}
        />
        <div className="checkbox field">
          <input
            id="allowOther"
            type="checkbox"
            name="allowOther"
            value="yes"
            defaultChecked={values.allowOther === "yes"}
          />
          <label htmlFor="allowOther">Add “Other, please say” with a text box</label>
        </div>
      </fieldset>
      <fieldset className="fieldset panel">
        <legend className="field__label">For a scale</legend>
        <TextField
          name="scaleMin"
          label="Lowest point"
          defaultValue={values.scaleMin ?? "1"}
          error={errors?.scaleMin}
          inputMode="numeric"
          className="input--short"
        />
        <TextField
          name="scaleMax"
          label="Highest point"
          defaultValue={values.scaleMax ?? "5"}
          error={errors?.scaleMax}
          inputMode="numeric"
          className="input--short"
        />
        <TextField
          name="minLabel"
          label="Label of the lowest point"
          hint="For example, Not at all"
          defaultValue={values.minLabel}
          error={errors?.minLabel}
        />
        <TextField
          name="maxLabel"
          label="Label of the highest point"
          hint="For example, Very much"
          defaultValue={values.maxLabel}
          error={errors?.maxLabel}
        />
      </fieldset>
      <fieldset className="fieldset panel">
        <legend className="field__label">For a number</legend>
        <TextField
          name="numberMin"
          label="Smallest allowed (optional)"
          defaultValue={values.numberMin}
          error={errors?.numberMin}
          inputMode="numeric"
          className="input--short"
        />
        <TextField
          name="numberMax"
          label="Largest allowed (optional)"
          defaultValue={values.numberMax}
          error={errors?.numberMax}
          inputMode="numeric"
          className="input--short"
        />
        <TextField
          name="unit"
          label="Unit (optional)"
          hint="For example, £ or staff"
          defaultValue={values.unit}
          error={errors?.unit}
          className="input--short"
        />
      </fieldset>
    </>
  );
}
