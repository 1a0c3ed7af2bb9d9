import { SelectField, optionsFrom } from "~/components/select-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { consultationLevelLabels, nationLabels } from "~/schemas/consultations.ts";
import type { FieldErrors } from "~/utils/forms.ts";

/** The fields of a consultation entered by hand; shared by the add and edit pages. */
export function ConsultationFields({
  values,
  errors,
}: {
  values: Record<string, string>;
  errors: FieldErrors | undefined;
}) {
  return (
    <>
      <TextField name="title" label="Title" defaultValue={values.title ?? ""} error={errors?.title} />
      <TextField
        name="body"
        label="Government body"
        hint="For example Welsh Government, or Cardiff Council"
        defaultValue={values.body ?? ""}
        error={errors?.body}
      />
      <SelectField
        name="level"
        label="Level of government"
        options={optionsFrom(consultationLevelLabels)}
        placeholder="Choose a level"
        defaultValue={values.level ?? ""}
        error={errors?.level}
      />
      <SelectField
        name="nation"
        label="Nation"
        hint="Needed for devolved governments and councils"
        options={optionsFrom(nationLabels)}
        placeholder="Choose a nation"
        defaultValue={values.nation ?? ""}
        error={errors?.nation}
      />
      <TextField
        name="url"
        label="Link to the consultation"
        type="url"
        inputMode="url"
        spellCheck={false}
        defaultValue={values.url ?? ""}
        error={errors?.url}
      />
      <TextareaField
        name="description"
        label="Description (optional)"
        hint="What it is about: the words here are matched against topic keywords"
        rows={4}
        defaultValue={values.description ?? ""}
        error={errors?.description}
      />
      <TextField
        name="opensOn"
        label="Opening date"
        type="date"
        className="input--date"
        defaultValue={values.opensOn ?? ""}
        error={errors?.opensOn}
      />
      <TextField
        name="closesOn"
        label="Closing date"
        type="date"
        className="input--date"
        defaultValue={values.closesOn ?? ""}
        error={errors?.closesOn}
      />
    </>
  );
}
