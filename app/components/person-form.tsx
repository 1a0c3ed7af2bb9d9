import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { TextField } from "~/components/text-field.tsx";
import type { FieldErrors } from "~/utils/forms.ts";

export interface PersonFormValues {
  name?: string;
  email?: string;
  jobTitle?: string;
  isLeader?: string;
}

export function PersonForm({
  values,
  errors,
  submitLabel,
  children,
}: {
  values: PersonFormValues;
  errors: FieldErrors | undefined;
  submitLabel: string;
  children?: ReactNode;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <ErrorSummary errors={errors} />
      {errors?.form ? (
        <p className="panel" id="form">
          {errors.form}
        </p>
      ) : null}
      <Form method="post" noValidate className="narrow">
        <TextField
          name="name"
          label="Full name"
          autoComplete="off"
          defaultValue={values.name}
          error={errors?.name}
        />
        <TextField
          name="email"
          label="Email address"
          hint="They sign in with this address"
          type="email"
          autoComplete="off"
          spellCheck={false}
          defaultValue={values.email}
          error={errors?.email}
        />
        <TextField
          name="jobTitle"
          label="Job title (optional)"
          autoComplete="off"
          defaultValue={values.jobTitle}
          error={errors?.jobTitle}
        />
        <div className="field">
          <div className="checkbox">
            <input
              id="isLeader"
              name="isLeader"
              type="checkbox"
              value="yes"
              defaultChecked={values.isLeader === "yes"}
            />
            <label htmlFor="isLeader">Leader: can sign open letters for the organisation</label>
          </div>
        </div>
        {children}
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
      </Form>
    </>
  );
}
