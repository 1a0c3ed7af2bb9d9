import { DateInput } from "~/components/date-input.tsx";
import { SelectField, optionsFrom } from "~/components/select-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { consultationLevelLabels } from "~/schemas/consultations-labels.ts";
import { nationLabels } from "~/schemas/directory-labels.ts";
import type { FieldErrors } from "~/utils/forms.ts";

const levels = optionsFrom(consultationLevelLabels);
const nations = optionsFrom(nationLabels);

/** The fields of a consultation entered by hand; shared by the add and edit pages. */
export function ConsultationFields({
  values,
  errors,
}: {
  values: Record<string, string>;
  errors: FieldErrors | undefined;
}) {
  // Each field shows what was typed (or saved) and its message, under the name the schema reads.
  const field = (name: string) => ({ name, defaultValue: values[name] ?? "", error: errors?.[name] });
  return (
    <>
      <TextField {...field("title")} label="Title" />
      <TextField
        {...field("body")}
        label="Government body"
        hint="For example Welsh Government, or Cardiff Council"
      />
      <SelectField
        {...field("level")}
        label="Level of government"
        options={levels}
        placeholder="Choose a level"
      />
      <SelectField
        {...field("nation")}
        label="Nation"
        hint="Needed for devolved governments and councils"
        options={nations}
        placeholder="Choose a nation"
      />
      <TextField
        {...field("url")}
        label="Link to the consultation"
        type="url"
        inputMode="url"
        spellCheck={false}
      />
      <TextareaField
        {...field("description")}
        label="Description (optional)"
        hint="What it is about: the words here are matched against topic keywords"
        rows={4}
      />
      <DateInput name="opensOn" values={values} error={errors?.opensOn} label="Opening date" />
      <DateInput name="closesOn" values={values} error={errors?.closesOn} label="Closing date" />
    </>
  );
}
