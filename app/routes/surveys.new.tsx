import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { SettingsFields } from "~/components/surveys/settings-fields.tsx";
import { createSurvey } from "~/models/surveys/surveys.server.ts";
import { settingsFormInput } from "~/schemas/survey-builder-labels.ts";
import { surveySettingsSchema } from "~/schemas/survey-builder.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { fieldErrors } from "~/utils/forms.ts";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "New survey · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const input = settingsFormInput(await readForm(request));
  const parsed = surveySettingsSchema.safeParse(input);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: input }, { status: 400 });
  const survey = await createSurvey(context.db, user, parsed.data);
  return redirect(`/surveys/${survey.id}`, 303);
}

export default function NewSurvey() {
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <h1>New survey</h1>
      <p>A draft is visible to staff only. Add sections and questions next; open it when it is ready.</p>
      <Form method="post" noValidate>
        <SettingsFields
          values={actionData?.values ?? { mode: "organisation", anonymity: "named" }}
          errors={actionData?.errors}
        />
        <button type="submit" className="button" disabled={submitting}>
          Save draft
        </button>{" "}
        <Link to="/surveys">Cancel</Link>
      </Form>
    </div>
  );
}
