import { FilterForm } from "~/components/filter-form.tsx";
import { optionsFrom, SelectField } from "~/components/select-field.tsx";
import { governmentLabels, type Government } from "~/schemas/governments-labels.ts";

const options = [
  { value: "all", label: "Every block, labelled by nation" },
  ...optionsFrom(governmentLabels),
];

/** A GET form, so each variant has its own address and works without JavaScript. */
export function GovernmentPicker({ government }: { government: Government | "all" }) {
  return (
    <FilterForm label="Choose a government's variant" button="Show">
      <SelectField
        name="government"
        label="Show the text as read by"
        options={options}
        defaultValue={government}
      />
    </FilterForm>
  );
}
