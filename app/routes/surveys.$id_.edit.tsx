import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { SettingsFields } from "~/components/surveys/settings-fields.tsx";
import {
  getSurvey,
  parseSurveyId,
  SurveyConflictError,
  updateSurveySettings,
} from "~/models/surveys/surveys.server.ts";
import { settingsFormInput, surveyEditSchema, surveySettingsSchema } from "~/schemas/surveys.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { fieldErrors, parseForm } from "~/utils/forms.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `Settings: ${page.survey.title} · Mutual Voice` : "Survey settings · Mutual Voice" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const survey = await getSurvey(context.db, user, parseSurveyId(params.id));
  return { survey };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = parseSurveyId(params.id);
  const formData = await request.formData();
  const input = settingsFormInput(formData);
  const version = parseForm(surveyEditSchema, formData);
  const parsed = surveySettingsSchema.safeParse(input);
  if (!parsed.success || !version.ok) {
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    return data({ errors, values: input, conflict: null }, { status: 400 });
  }
  try {
    await updateSurveySettings(context.db, user, id, version.data.version, parsed.data);
  } catch (error) {
    if (error instanceof SurveyConflictError)
      return data({ errors: undefined, values: input, conflict: error.message }, { status: 409 });
    throw error;
  }
  return redirect(`/surveys/${id}`, 303);
}

export default function EditSurvey() {
  const { survey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const saved = {
    title: survey.title,
    introduction: survey.introduction,
    mode: survey.mode,
    anonymity: survey.anonymity,
    nations: survey.audience.nations,
    serviceAreas: survey.audience.serviceAreas,
    sizeBands: survey.audience.sizeBands,
    opensOn: survey.opensOn ?? "",
    closesOn: survey.closesOn ?? "",
    disclosureThreshold: String(survey.disclosureThreshold),
    reminderDaysBefore: survey.reminderDaysBefore === null ? "" : String(survey.reminderDaysBefore),
  };
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      {actionData?.conflict ? (
        <div className="panel panel--warning" role="alert">
          <p>{actionData.conflict}</p>
        </div>
      ) : null}
      <h1>Settings: {survey.title}</h1>
      {survey.state !== "draft" ? (
        <p>This survey has been opened, so its settings can no longer change.</p>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="version" value={survey.version} />
          <SettingsFields values={actionData?.values ?? saved} errors={actionData?.errors} />
          <button type="submit" className="button" disabled={submitting}>
            Save settings
          </button>{" "}
          <Link to={`/surveys/${survey.id}`}>Cancel</Link>
        </Form>
      )}
    </div>
  );
}
