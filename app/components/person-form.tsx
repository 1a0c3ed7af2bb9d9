import type { ReactNode } from "react";
import { CheckboxField } from "~/components/checkbox-group.tsx";
import { FormShell } from "~/components/form-shell.tsx";
import { TextField } from "~/components/text-field.tsx";
import { fieldProps, type FieldErrors } from "~/utils/forms.ts";

interface PersonFormValues {
  name?: string;
  email?: string;
  jobTitle?: string;
  isLeader?: string;
}

/** The one form for adding and editing a contact; `children` go before the button. */
export function PersonForm({
  values,
  errors,
  refusal,
  submitLabel,
  children,
}: {
  values: PersonFormValues;
  errors: FieldErrors | undefined;
  refusal: string | undefined;
  submitLabel: string;
  children?: ReactNode;
}) {
  const field = fieldProps(values, errors);
  return (
    <FormShell errors={errors} refusal={refusal} submitLabel={submitLabel}>
      <TextField {...field("name")} label="Full name" autoComplete="off" />
      <TextField
        {...field("email")}
        label="Email address"
        hint="They sign in with this address"
        type="email"
        autoComplete="off"
        spellCheck={false}
      />
      <TextField {...field("jobTitle")} label="Job title (optional)" autoComplete="off" />
      <CheckboxField
        name="isLeader"
        label="Leader: can sign open letters for the organisation"
        defaultChecked={values.isLeader === "yes"}
      />
      {children}
    </FormShell>
  );
}
