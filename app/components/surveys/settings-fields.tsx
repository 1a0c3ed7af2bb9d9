import { CheckboxGroup } from "~/components/checkbox-group.tsx";
import { optionsFrom } from "~/components/select-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { nationLabels, serviceAreaLabels } from "~/schemas/directory.ts";
import { anonymityModeLabels, sizeBandLabels, surveyModeLabels } from "~/schemas/surveys.ts";
import type { FieldErrors } from "~/utils/forms.ts";
import { RadioGroup } from "./radio-group.tsx";

export interface SettingsValues {
  title?: string;
  introduction?: string;
  mode?: string;
  anonymity?: string;
  nations?: string[];
  serviceAreas?: string[];
  sizeBands?: string[];
  opensOn?: string;
  closesOn?: string;
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
        name="introduction"
        label="Introduction"
        hint="Shown before the first question: why you ask, and how the answers will be used."
        defaultValue={values.introduction}
        error={errors?.introduction}
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
      <CheckboxGroup
        name="nations"
        legend="Nations"
        options={optionsFrom(nationLabels)}
        checked={values.nations ?? []}
        error={errors?.nations}
      />
      <CheckboxGroup
        name="serviceAreas"
        legend="Service areas"
        options={optionsFrom(serviceAreaLabels)}
        checked={values.serviceAreas ?? []}
        error={errors?.serviceAreas}
      />
      <CheckboxGroup
        name="sizeBands"
        legend="Organisation size"
        options={optionsFrom(sizeBandLabels)}
        checked={values.sizeBands ?? []}
        error={errors?.sizeBands}
      />
      <h2>Dates and reminders</h2>
      <TextField
        name="opensOn"
        label="Opening date (optional)"
        hint="For example, 2026-12-01. You open the survey yourself when it is ready."
        defaultValue={values.opensOn}
        error={errors?.opensOn}
        className="input--date"
      />
      <TextField
        name="closesOn"
        label="Closing date"
        hint="For example, 2026-12-31. Links stop working at the end of this day (UK time). Needed before opening."
        defaultValue={values.closesOn}
        error={errors?.closesOn}
        className="input--date"
      />
      <TextField
        name="reminderDaysBefore"
        label="Automatic reminder: days before closing (optional)"
        hint="Everyone who has not answered gets one reminder this many days before the survey closes."
        defaultValue={values.reminderDaysBefore}
        error={errors?.reminderDaysBefore}
        inputMode="numeric"
        className="input--short"
      />
      <TextField
        name="disclosureThreshold"
        label="Disclosure threshold"
        hint="Published results never show a group with fewer responses than this. At least 3; usually 5."
        defaultValue={values.disclosureThreshold ?? "5"}
        error={errors?.disclosureThreshold}
        inputMode="numeric"
        className="input--short"
      />
    </>
  );
}
