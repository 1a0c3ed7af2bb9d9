import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { OrganisationForm } from "~/components/organisation-form.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { updateOrganisation } from "~/models/directory/organisations.server.ts";
import { organisationToChange } from "~/models/directory/pages.server.ts";
import { requestPostcodeLookups } from "~/models/directory/postcode-lookups.server.ts";
import { organisationFormSchema } from "~/schemas/directory.ts";
import { submitForm } from "~/utils/forms.server.ts";
import { idParam } from "~/utils/ids.ts";
import { useLayoutData } from "~/utils/layout-data.ts";
import type { loader as organisationLoader } from "./directory.$organisationId.tsx";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "Edit organisation · Mutual Voice" }];

export async function loader(args: LoaderFunctionArgs) {
  await organisationToChange(args);
  return null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "organisationId");
  const saved = await submitForm(await readForm(request), organisationFormSchema, (organisation) =>
    updateOrganisation(context.db, user, id, organisation),
  );
  if (!saved.ok) return saved.answer;
  // Only a changed postcode is pending; the background loop looks it up and the page shows how.
  await requestPostcodeLookups(context.db, [id], { requestedBy: user.id });
  return redirect(`/directory/${id}`);
}

export default function EditOrganisation() {
  const { organisation: org } = useLayoutData<typeof organisationLoader>("routes/directory.$organisationId");
  const answer = useActionData<typeof action>();
  const values = answer?.values ?? {
    name: org.name,
    legalForm: org.legalForm,
    serviceArea: org.serviceArea,
    postcode: org.postcode ?? "",
    staffCount: String(org.staffCount),
    publicIncomeGbp: org.publicIncomeGbp,
    membershipStatus: org.membershipStatus,
    joinedOn: org.joinedOn ?? "",
  };
  return (
    <>
      <p>
        <Link to={`/directory/${org.id}`}>Back to {org.name}</Link>
      </p>
      <h1>Edit {org.name}</h1>
      <OrganisationForm
        values={values}
        errors={answer?.errors}
        refusal={answer?.refusal}
        submitLabel="Save changes"
      />
    </>
  );
}
