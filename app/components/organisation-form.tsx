import { FormShell } from "~/components/form-shell.tsx";
import { optionsFrom, SelectField } from "~/components/select-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { legalFormLabels, membershipStatusLabels, serviceAreaLabels } from "~/schemas/directory-labels.ts";
import { fieldProps, type FieldErrors } from "~/utils/forms.ts";

interface OrganisationFormValues {
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
  const field = fieldProps({ ...values, membershipStatus: values.membershipStatus ?? "active" }, errors);
  return (
    <FormShell errors={errors} refusal={refusal} submitLabel={submitLabel}>
      <TextField {...field("name")} label="Name" autoComplete="organization" />
      <SelectField
        {...field("legalForm")}
        label="Legal form"
        placeholder="Choose one"
        options={optionsFrom(legalFormLabels)}
      />
      <SelectField
        {...field("serviceArea")}
        label="Main service area"
        placeholder="Choose one"
        options={optionsFrom(serviceAreaLabels)}
      />
      <TextField
        {...field("postcode")}
        label="Postcode"
        hint="Of the main office. We look it up to find the nation, council and parliamentary constituency."
        autoComplete="postal-code"
        className="input--short"
      />
      <TextField
        {...field("staffCount")}
        label="Number of staff"
        inputMode="numeric"
        className="input--short"
      />
      <TextField
        {...field("publicIncomeGbp")}
        label="Public income a year, in pounds"
        hint="From public service contracts and grants, like 1250000"
        inputMode="decimal"
        className="input--short"
      />
      <SelectField
        {...field("membershipStatus")}
        label="Membership status"
        options={optionsFrom(membershipStatusLabels)}
      />
      <TextField
        {...field("joinedOn")}
        label="Joined the network on"
        hint="Leave blank if not known or not yet joined"
        type="date"
        className="input--short"
      />
    </FormShell>
  );
}
