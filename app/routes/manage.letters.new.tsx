import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { LetterFields } from "~/components/letters/letter-fields.tsx";
import { createLetter } from "~/models/letters/letters.server.ts";
import { letterDraftSchema } from "~/schemas/letters.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { parseForm } from "~/utils/forms.ts";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "Draft an open letter · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const form = parseForm(letterDraftSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const letter = await createLetter(context.db, user, form.data);
  return redirect(`/manage/letters/${letter.id}`, 303);
}

export default function NewLetter() {
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <h1>Draft an open letter</h1>
      <p>A draft is visible to staff only. You can edit it until you open it for signatures.</p>
      <Form method="post" noValidate>
        <LetterFields values={actionData?.values ?? {}} errors={actionData?.errors} />
        <button type="submit" className="button" disabled={submitting}>
          Save draft
        </button>{" "}
        <Link to="/manage/letters">Cancel</Link>
      </Form>
    </div>
  );
}
