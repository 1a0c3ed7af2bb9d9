import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { LetterFields } from "~/components/letters/letter-fields.tsx";
import { useStaffLetter } from "~/components/letters/use-staff-letter.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { getLetterForStaffPage } from "~/models/letters/letters.server.ts";
import { mayMoveLetter, updateLetterDraft } from "~/models/letters/lifecycle.server.ts";
import { letterEditSchema } from "~/schemas/letters.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { idParam } from "~/utils/ids.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "Edit the draft · Open letters · Mutual Voice" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const letter = await getLetterForStaffPage(context, user, idParam(params, "id"));
  if (!mayMoveLetter(user, letter, "edit")) throw redirect(`/manage/letters/${letter.id}`);
  return null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "id");
  const formData = await readForm(request);
  const form = parseForm(letterEditSchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values, refusal: null }, { status: 400 });
  try {
    await updateLetterDraft(context.db, user, id, form.data);
  } catch (error) {
    // The typing stays on the page, so nothing is lost while they compare with the newer version.
    return refusalAnswer(error, { values: formValues(formData) });
  }
  return redirect(`/manage/letters/${id}`, 303);
}

export default function EditLetter() {
  const { letter } = useStaffLetter();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const values = actionData?.values ?? {
    title: letter.title,
    addressee: letter.addressee,
    body: letter.bodyMarkdown,
    closesOn: letter.closesOn ?? "",
    signatureGoal: letter.signatureGoal ? String(letter.signatureGoal) : "",
  };
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={actionData?.refusal} />
      {actionData?.refusal ? (
        <p>
          <Link to={`/manage/letters/${letter.id}`} target="_blank">
            Open the saved version in a new tab
          </Link>
        </p>
      ) : null}
      <h1>Edit the draft</h1>
      <Form method="post" noValidate>
        {/* The version this edit started from: a save on top of a newer one is refused. */}
        <input type="hidden" name="version" value={letter.version} />
        <LetterFields values={values} errors={actionData?.errors} />
        <button type="submit" className="button" disabled={submitting}>
          Save draft
        </button>{" "}
        <Link to={`/manage/letters/${letter.id}`}>Cancel</Link>
      </Form>
    </div>
  );
}
