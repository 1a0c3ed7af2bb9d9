import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PersonForm } from "~/components/person-form.tsx";
import { getDirectoryPerson, updateContact } from "~/models/directory/people.server.ts";
import { refusalFrom } from "~/models/directory/errors.server.ts";
import { personFormSchema } from "~/schemas/people.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { idParam } from "~/utils/ids.ts";

export const meta: MetaFunction = () => [{ title: "Edit person · Mutual Voice" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const person = await getDirectoryPerson(context.db, user, idParam(params, "personId"));
  if (person.erasedAt) throw redirect(`/directory/people/${person.id}`);
  return { person };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "personId");
  const formData = await request.formData();
  const form = parseForm(personFormSchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await updateContact(context.db, user, id, form.data);
  } catch (error) {
    const refusal = refusalFrom(error, formValues(formData));
    return data(refusal.body, { status: refusal.status });
  }
  return redirect(`/directory/people/${id}`);
}

export default function EditPerson() {
  const { person } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? {
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
      <PersonForm values={values} errors={actionData?.errors} submitLabel="Save changes" />
    </>
  );
}
