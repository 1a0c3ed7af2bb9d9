import { FormShell } from "~/components/form-shell.tsx";
import { optionsFrom, SelectField } from "~/components/select-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { legalFormLabels, membershipStatusLabels, serviceAreaLabels } from "~/schemas/directory.ts";
import type { FieldErrors } from "~/utils/forms.ts";

export interface OrganisationFormValues {
  name?: string;
  legalForm?: string;
  serviceArea?: string;
  postcode?: string;
  staffCount?: string;
  publicIncomeGbp?: string;
  membershipStatus?: string;
  joinedOn?: string;
}

/** The one form for adding and editing an organisation; the place comes from the postcode. */
export function OrganisationForm({
  values,
  errors,
  refusal,
  submitLabel,
}: {
  values: OrganisationFormValues;
  errors: FieldErrors | undefined;
  refusal: string | undefined;
  submitLabel: string;
}) {
  return (
    <FormShell errors={errors} refusal={refusal} submitLabel={submitLabel}>
      <TextField
        name="name"
        label="Name"
        autoComplete="organization"
        defaultValue={values.name}
        error={errors?.name}
      />
      <SelectField
        name="legalForm"
        label="Legal form"
        placeholder="Choose one"
        options={optionsFrom(legalFormLabels)}
        defaultValue={values.legalForm ?? ""}
        error={errors?.legalForm}
      />
      <SelectField
        name="serviceArea"
        label="Main service area"
        placeholder="Choose one"
        options={optionsFrom(serviceAreaLabels)}
        defaultValue={values.serviceArea ?? ""}
        error={errors?.serviceArea}
      />
      <TextField
        name="postcode"
        label="Postcode"
        hint="Of the main office. We look it up to find the nation, council and parliamentary constituency."
        autoComplete="postal-code"
        className="input--short"
        defaultValue={values.postcode}
        error={errors?.postcode}
      />
      <TextField
        name="staffCount"
        label="Number of staff"
        inputMode="numeric"
        className="input--short"
        defaultValue={values.staffCount}
        error={errors?.staffCount}
      />
      <TextField
        name="publicIncomeGbp"
        label="Public income a year, in pounds"
        hint="From public service contracts and grants, like 1250000"
        inputMode="decimal"
        className="input--short"
        defaultValue={values.publicIncomeGbp}
        error={errors?.publicIncomeGbp}
      />
      <SelectField
        name="membershipStatus"
        label="Membership status"
        options={optionsFrom(membershipStatusLabels)}
        defaultValue={values.membershipStatus ?? "active"}
        error={errors?.membershipStatus}
      />
      <TextField
        name="joinedOn"
        label="Joined the network on"
        hint="Leave blank if not known or not yet joined"
        type="date"
        className="input--short"
        defaultValue={values.joinedOn}
        error={errors?.joinedOn}
      />
    </FormShell>
  );
}
