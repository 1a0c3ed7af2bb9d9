import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { OrganisationForm } from "~/components/organisation-form.tsx";
import { refusalFrom } from "~/models/directory/errors.server.ts";
import { createOrganisation } from "~/models/directory/organisations.server.ts";
import { lookUpPendingPostcodes } from "~/models/directory/postcode-lookups.server.ts";
import { organisationFormSchema } from "~/schemas/directory.ts";
import { createPostcodesClient } from "~/services/postcodes.server.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { formValues, parseForm } from "~/utils/forms.ts";

export const meta: MetaFunction = () => [{ title: "Add an organisation · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const formData = await request.formData();
  const form = parseForm(organisationFormSchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  let id: number;
  try {
    const created = await createOrganisation(context.db, user, {
      ...form.data,
      nation: null,
      localAuthority: null,
      localAuthorityCode: null,
      constituency: null,
    });
    id = created.id;
  } catch (error) {
    const refusal = refusalFrom(error, formValues(formData));
    return data(refusal.body, { status: refusal.status });
  }
  // Best effort while the person waits; if postcodes.io is down the background loop retries.
  await lookUpPendingPostcodes(
    context.db,
    createPostcodesClient({ baseUrl: context.env.POSTCODES_API_URL }),
    {
      organisationIds: [id],
    },
  );
  return redirect(`/directory/${id}`);
}

export default function NewOrganisation() {
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/directory">Back to the directory</Link>
      </p>
      <h1>Add an organisation</h1>
      <OrganisationForm
        values={actionData?.values ?? {}}
        errors={actionData?.errors}
        submitLabel="Add organisation"
      />
    </>
  );
}
