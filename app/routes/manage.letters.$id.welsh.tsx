import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { CheckboxGroup } from "~/components/checkbox-group.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { useStaffLetter } from "~/components/letters/use-staff-letter.ts";
import { WelshTextField } from "~/components/surveys/welsh-text-field.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { getLetterForStaffPage } from "~/models/letters/letters.server.ts";
import { saveLetterWelsh } from "~/models/letters/welsh.server.ts";
import { letterWelshSchema } from "~/schemas/welsh.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { idParam } from "~/utils/ids.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";

export const meta: MetaFunction = () => [{ title: "Welsh text · Open letters · Mutual Voice" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const letter = await getLetterForStaffPage(context, user, idParam(params, "id"));
  if (letter.state !== "draft") throw redirect(`/manage/letters/${letter.id}`);
  return null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "id");
  const formData = await readForm(request);
  const form = parseForm(letterWelshSchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values, refusal: null }, { status: 400 });
  try {
    await saveLetterWelsh(context.db, user, id, form.data);
  } catch (error) {
    return refusalAnswer(error, { values: formValues(formData) });
  }
  return redirect(`/manage/letters/${id}`, 303);
}

export default function LetterWelshText() {
  const { letter } = useStaffLetter();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const values: Record<string, string | undefined> = actionData?.values ?? {
    titleCy: letter.titleCy ?? "",
    bodyCy: letter.bodyMarkdownCy ?? "",
    bilingual: letter.bilingual ? "yes" : "",
  };
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={actionData?.refusal} />
      <h1>Welsh text: {letter.title}</h1>
      <p>
        Readers of a bilingual letter may switch to Welsh on its public and signing pages. A box left empty
        shows the English, marked as English. The Welsh is fixed when the letter opens, as the English is.
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="version" value={letter.version} />
        <CheckboxGroup
          name="bilingual"
          legend="Languages"
          options={[{ value: "yes", label: "Bilingual: readers may switch to Welsh (Cymraeg)" }]}
          checked={values.bilingual === "yes" ? ["yes"] : []}
          error={actionData?.errors.bilingual}
        />
        <WelshTextField
          name="titleCy"
          label="Title in Welsh"
          english={letter.title}
          defaultValue={values.titleCy ?? ""}
          error={actionData?.errors.titleCy}
          long={false}
        />
        <WelshTextField
          name="bodyCy"
          label="The letter in Welsh (Markdown, as the English)"
          english={letter.bodyMarkdown}
          defaultValue={values.bodyCy ?? ""}
          error={actionData?.errors.bodyCy}
          long
        />
        <button type="submit" className="button" disabled={submitting}>
          Save Welsh text
        </button>{" "}
        <Link to={`/manage/letters/${letter.id}`}>Cancel</Link>
      </Form>
    </div>
  );
}
