import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { CheckboxField } from "~/components/checkbox-group.tsx";
import { PersonForm } from "~/components/person-form.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { organisationToChange } from "~/models/directory/pages.server.ts";
import { addPersonToOrganisation, invitePerson } from "~/models/directory/people.server.ts";
import { personFormSchema } from "~/schemas/people.ts";
import { inTransaction } from "~/utils/db.server.ts";
import { submitForm } from "~/utils/forms.server.ts";
import { idParam } from "~/utils/ids.ts";
import { useLayoutData } from "~/utils/layout-data.ts";
import type { loader as organisationLoader } from "./directory.$organisationId.tsx";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "Add a person · Mutual Voice" }];

export async function loader(args: LoaderFunctionArgs) {
  await organisationToChange(args);
  return null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "organisationId");
  const formData = await readForm(request);
  // Added and invited together, or neither: an invitation never goes to someone who was not saved.
  const added = await submitForm(formData, personFormSchema, (contact) =>
    inTransaction(context.db, async (trx) => {
      const person = await addPersonToOrganisation(trx, user, id, contact);
      if (formData.get("invite") === "yes") {
        await invitePerson(trx, user, person.id, { appUrl: context.appUrl });
      }
    }),
  );
  if (!added.ok) return added.answer;
  return redirect(`/directory/${id}`);
}

export default function NewPerson() {
  const { organisation: org } = useLayoutData<typeof organisationLoader>("routes/directory.$organisationId");
  const answer = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/directory/${org.id}`}>Back to {org.name}</Link>
      </p>
      <h1>Add a person to {org.name}</h1>
      <PersonForm
        values={answer?.values ?? {}}
        errors={answer?.errors}
        refusal={answer?.refusal}
        submitLabel="Add person"
      >
        <CheckboxField
          name="invite"
          label="Email them an invitation to sign in now"
          defaultChecked={answer?.values.invite === "yes"}
        />
      </PersonForm>
    </>
  );
}
