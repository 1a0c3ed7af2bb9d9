import { SelectField } from "~/components/select-field.tsx";
import { breakdownAttributeLabels, breakdownAttributes } from "~/schemas/survey-results-labels.ts";

/** "Break down by": no breakdown, or one of the attributes copied onto each response. */
export function BreakdownSelect({ value }: { value: string }) {
  return (
    <SelectField
      name="by"
      label="Break down by"
      options={[
        { value: "none", label: "No breakdown" },
        ...breakdownAttributes.map((attribute) => ({
          value: attribute,
          label: breakdownAttributeLabels[attribute],
        })),
      ]}
      defaultValue={value}
    />
  );
}
