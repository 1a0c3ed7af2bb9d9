import { CheckboxGroup } from "~/components/checkbox-group.tsx";
import { optionsFrom, SelectField } from "~/components/select-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { campaignTargetLabels } from "~/schemas/campaign-labels.ts";
import { positionTopicLabels } from "~/schemas/positions.ts";
import type { FieldErrors } from "~/utils/forms.ts";

/** The fields a campaign is started with and edited by: name, ask, targets, topics and owner. */
export function CampaignFields({
  values,
  targets,
  topics,
  owners,
  errors,
}: {
  values: { name?: string; ask?: string; ownerId?: string };
  targets: readonly string[];
  topics: readonly string[];
  owners: readonly { id: number; name: string }[];
  errors?: FieldErrors;
}) {
  return (
    <>
      <TextField name="name" label="Name" defaultValue={values.name} error={errors?.name} maxLength={120} />
      <TextareaField
        name="ask"
        label="The ask, in one sentence"
        hint="What the network wants government to do, for example: Zero-rate VAT on shared services between mutuals and the public sector."
        rows={3}
        defaultValue={values.ask}
        error={errors?.ask}
      />
      <CheckboxGroup
        name="targets"
        legend="Who it targets"
        options={optionsFrom(campaignTargetLabels)}
        checked={[...targets]}
        error={errors?.targets}
      />
      <CheckboxGroup
        name="topics"
        legend="Topics"
        hint="The radar flags new consultations that match these topics' keywords."
        options={optionsFrom(positionTopicLabels)}
        checked={[...topics]}
        error={errors?.topics}
      />
      <SelectField
        name="ownerId"
        label="Owner"
        options={owners.map((person) => ({ value: String(person.id), label: person.name }))}
        defaultValue={values.ownerId}
        error={errors?.ownerId}
      />
    </>
  );
}
