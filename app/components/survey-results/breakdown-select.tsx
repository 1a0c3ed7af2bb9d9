import { SelectField } from "~/components/select-field.tsx";
import { breakdownAttributes } from "~/schemas/survey-results-labels.ts";
import type { Language } from "~/utils/i18n.ts";
import { resultsCatalogue } from "~/utils/i18n-results.ts";

/** "Break down by": no breakdown, or one of the attributes copied onto each response. */
export function BreakdownSelect({ value, language = "en" }: { value: string; language?: Language }) {
  const t = resultsCatalogue[language];
  return (
    <SelectField
      name="by"
      label={t.breakDownBy}
      options={[
        { value: "none", label: t.noBreakdown },
        ...breakdownAttributes.map((attribute) => ({ value: attribute, label: t.attributes[attribute] })),
      ]}
      defaultValue={value}
    />
  );
}
