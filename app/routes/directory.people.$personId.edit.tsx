import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { PersonForm } from "~/components/person-form.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { personToChange } from "~/models/directory/pages.server.ts";
import { updateContact } from "~/models/directory/people.server.ts";
import { personFormSchema } from "~/schemas/people.ts";
import { submitForm } from "~/utils/forms.server.ts";
import { idParam } from "~/utils/ids.ts";
import { useLayoutData } from "~/utils/layout-data.ts";
import type { loader as personLoader } from "./directory.people.$personId.tsx";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "Edit person · Mutual Voice" }];

export async function loader(args: LoaderFunctionArgs) {
  await personToChange(args);
  return null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "personId");
  const saved = await submitForm(await readForm(request), personFormSchema, (contact) =>
    updateContact(context.db, user, id, contact),
  );
  if (!saved.ok) return saved.answer;
  return redirect(`/directory/people/${id}`);
}

export default function EditPerson() {
  const { person } = useLayoutData<typeof personLoader>("routes/directory.people.$personId");
  const answer = useActionData<typeof action>();
  const values = answer?.values ?? {
    name: person.name,
    email: person.email,
    jobTitle: person.jobTitle ?? "",
    isLeader: person.isLeader ? "yes" : "",
  };
  return (
    <>
      <p>
        <Link to={`/directory/people/${person.id}`}>Back to {person.name}</Link>
      </p>
      <h1>Edit {person.name}</h1>
      <PersonForm
        values={values}
        errors={answer?.errors}
        refusal={answer?.refusal}
        submitLabel="Save changes"
      />
    </>
  );
}
