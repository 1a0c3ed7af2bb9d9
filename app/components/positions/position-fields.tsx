import { CheckboxGroup } from "~/components/checkbox-group.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { positionTopicLabels, positionTopics } from "~/schemas/positions-labels.ts";
import type { FieldErrors } from "~/utils/forms.ts";

const topicOptions = positionTopics.map((topic) => ({ value: topic, label: positionTopicLabels[topic] }));

/** Title, summary, topics and visibility: the same on the new and edit forms. */
export function PositionFields({
  values,
  topics,
  errors,
}: {
  values: { title?: string; summary?: string; isPublic?: boolean };
  topics: readonly string[];
  errors?: FieldErrors;
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
      <TextareaField
        name="summary"
        label="Summary"
        hint="One or two sentences: what we ask for and why. Shown in lists."
        defaultValue={values.summary}
        error={errors?.summary}
        rows={3}
      />
      <CheckboxGroup
        name="topics"
        legend="Topics"
        hint="Used to match this position to consultations."
        options={topicOptions}
        checked={topics}
        error={errors?.topics}
      />
      <div className="field checkbox">
        <input id="isPublic" type="checkbox" name="isPublic" defaultChecked={values.isPublic} />
        <label htmlFor="isPublic">Public: once published, anyone can read it on its public page</label>
      </div>
    </>
  );
}
