import { CheckboxGroup } from "~/components/checkbox-group.tsx";
import { DateInput } from "~/components/date-input.tsx";
import { optionsFrom } from "~/components/select-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { nationLabels, serviceAreaLabels } from "~/schemas/directory.ts";
import { anonymityModeLabels, sizeBandLabels, surveyModeLabels } from "~/schemas/surveys.ts";
import type { FieldErrors } from "~/utils/forms.ts";
import { RadioGroup } from "./radio-group.tsx";

interface SettingsValues {
  title?: string;
  introduction?: string;
  mode?: string;
  anonymity?: string;
  nations?: string[];
  serviceAreas?: string[];
  sizeBands?: string[];
  opensOn?: string;
  closesOn?: string;
  /** The date boxes as typed (`opensOn-day`...), to show them again after a refusal. */
  dateParts?: Record<string, string>;
  disclosureThreshold?: string;
  reminderDaysBefore?: string;
}

/** A survey's settings, for the new and edit pages; values are what was typed or saved. */
export function SettingsFields({
  values,
  errors,
}: {
  values: SettingsValues;
  errors: FieldErrors | undefined;
}) {
  const text = (name: "title" | "introduction" | "reminderDaysBefore") => ({
    name,
    defaultValue: values[name],
    error: errors?.[name],
  });
  const list = (name: "nations" | "serviceAreas" | "sizeBands") => ({
    name,
    checked: values[name] ?? [],
    error: errors?.[name],
  });
  const dates = { opensOn: values.opensOn, closesOn: values.closesOn, ...values.dateParts };
  const number = { inputMode: "numeric", className: "input--short" } as const;
  return (
    <>
      <TextField {...text("title")} label="Title" maxLength={200} />
      <TextareaField
        {...text("introduction")}
        label="Introduction"
        hint="Shown before the first question: why you ask, and how the answers will be used."
        rows={4}
      />
      <RadioGroup
        name="mode"
        legend="Who answers"
        options={optionsFrom(surveyModeLabels)}
        value={values.mode}
        error={errors?.mode}
      />
      <RadioGroup
        name="anonymity"
        legend="How answers are identified"
        hint="Anonymous surveys are answered one per person."
        options={optionsFrom(anonymityModeLabels)}
        value={values.anonymity}
        error={errors?.anonymity}
      />
      <h2>Audience</h2>
      <p className="field__hint">
        Active contacts of member organisations are invited. Leave a list empty to include everyone.
      </p>
      <CheckboxGroup {...list("nations")} legend="Nations" options={optionsFrom(nationLabels)} />
      <CheckboxGroup
        {...list("serviceAreas")}
        legend="Service areas"
        options={optionsFrom(serviceAreaLabels)}
      />
      <CheckboxGroup
        {...list("sizeBands")}
        legend="Organisation size"
        options={optionsFrom(sizeBandLabels)}
      />
      <h2>Dates and reminders</h2>
      <DateInput
        name="opensOn"
        label="Opening date (optional)"
        hint="For example, 1 12 2026. You open the survey yourself when it is ready."
        values={dates}
        error={errors?.opensOn}
      />
      <DateInput
        name="closesOn"
        label="Closing date"
        hint="For example, 31 12 2026. Links stop working at the end of this day (UK time). Needed before opening."
        values={dates}
        error={errors?.closesOn}
      />
      <TextField
        {...text("reminderDaysBefore")}
        {...number}
        label="Automatic reminder: days before closing (optional)"
        hint="Everyone who has not answered gets one reminder this many days before the survey closes."
      />
      <TextField
        name="disclosureThreshold"
        {...number}
        label="Disclosure threshold"
        hint="Published results never show a group with fewer responses than this. At least 3; usually 5."
        defaultValue={values.disclosureThreshold ?? "5"}
        error={errors?.disclosureThreshold}
      />
    </>
  );
}
