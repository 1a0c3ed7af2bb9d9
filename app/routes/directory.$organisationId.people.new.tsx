import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PersonForm } from "~/components/person-form.tsx";
import { addPersonToOrganisation } from "~/models/directory/people.server.ts";
import { refusalFrom } from "~/models/directory/errors.server.ts";
import { getOrganisation } from "~/models/directory/organisations.server.ts";
import { invitePerson } from "~/models/accounts/sign-in.server.ts";
import { personFormSchema } from "~/schemas/people.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { inTransaction } from "~/utils/db.server.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { idParam } from "~/utils/ids.ts";

export const meta: MetaFunction = () => [{ title: "Add a person · Mutual Voice" }];

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
  const form = parseForm(personFormSchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    // Added and invited together, or neither: an invitation never goes to someone who was not saved.
    await inTransaction(context.db, async (trx) => {
      const person = await addPersonToOrganisation(trx, user, id, form.data);
      if (formData.get("invite") === "yes") {
        await invitePerson(trx, user, person.id, {
          appUrl: context.appUrl,
          tokenMinutes: context.env.LOGIN_TOKEN_MINUTES,
        });
      }
    });
  } catch (error) {
    const refusal = refusalFrom(error, formValues(formData));
    return data(refusal.body, { status: refusal.status });
  }
  return redirect(`/directory/${id}`);
}

export default function NewPerson() {
  const { organisation: org } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/directory/${org.id}`}>Back to {org.name}</Link>
      </p>
      <h1>Add a person to {org.name}</h1>
      <PersonForm values={actionData?.values ?? {}} errors={actionData?.errors} submitLabel="Add person">
        <div className="field">
          <div className="checkbox">
            <input
              id="invite"
              name="invite"
              type="checkbox"
              value="yes"
              defaultChecked={actionData?.values.invite === "yes"}
            />
            <label htmlFor="invite">Email them an invitation to sign in now</label>
          </div>
        </div>
      </PersonForm>
    </>
  );
}
