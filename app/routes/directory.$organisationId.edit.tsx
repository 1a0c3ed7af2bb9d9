import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { OrganisationForm } from "~/components/organisation-form.tsx";
import { refusalFrom } from "~/models/directory/errors.server.ts";
import { getOrganisation, updateOrganisation } from "~/models/directory/organisations.server.ts";
import { lookUpPendingPostcodes } from "~/models/directory/postcode-lookups.server.ts";
import { organisationFormSchema } from "~/schemas/directory.ts";
import { createPostcodesClient } from "~/services/postcodes.server.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { idParam } from "~/utils/ids.ts";

export const meta: MetaFunction = () => [{ title: "Edit organisation · Mutual Voice" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const organisation = await getOrganisation(context.db, user, idParam(params, "organisationId"));
  if (organisation.archivedAt) throw redirect(`/directory/${organisation.id}`);
  return { organisation };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "organisationId");
  const formData = await request.formData();
  const form = parseForm(organisationFormSchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await updateOrganisation(context.db, user, id, form.data);
  } catch (error) {
    const refusal = refusalFrom(error, formValues(formData));
    return data(refusal.body, { status: refusal.status });
  }
  await lookUpPendingPostcodes(
    context.db,
    createPostcodesClient({ baseUrl: context.env.POSTCODES_API_URL }),
    {
      organisationIds: [id],
    },
  );
  return redirect(`/directory/${id}`);
}

export default function EditOrganisation() {
  const { organisation: org } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? {
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
      <OrganisationForm values={values} errors={actionData?.errors} submitLabel="Save changes" />
    </>
  );
}
