import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { OrganisationForm } from "~/components/organisation-form.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { createOrganisation } from "~/models/directory/organisations.server.ts";
import { requestPostcodeLookups } from "~/models/directory/postcode-lookups.server.ts";
import { organisationFormSchema } from "~/schemas/directory.ts";
import { submitForm } from "~/utils/forms.server.ts";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "Add an organisation · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const created = await submitForm(await readForm(request), organisationFormSchema, (organisation) =>
    createOrganisation(context.db, user, {
      ...organisation,
      nation: null,
      localAuthority: null,
      localAuthorityCode: null,
      constituency: null,
    }),
  );
  if (!created.ok) return created.answer;
  await requestPostcodeLookups(context.db, [created.result.id], { requestedBy: user.id });
  return redirect(`/directory/${created.result.id}`);
}

export default function NewOrganisation() {
  const answer = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/directory">Back to the directory</Link>
      </p>
      <h1>Add an organisation</h1>
      <OrganisationForm
        values={answer?.values ?? {}}
        errors={answer?.errors}
        refusal={answer?.refusal}
        submitLabel="Add organisation"
      />
    </>
  );
}
