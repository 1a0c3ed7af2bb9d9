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
import { useLayoutSurvey } from "~/components/surveys/layout-survey.ts";
import { refusalOf } from "~/components/surveys/refusal-of.ts";
import { SettingsFields } from "~/components/surveys/settings-fields.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { staffSurvey } from "~/models/surveys/pages.server.ts";
import { updateSurveySettings } from "~/models/surveys/surveys.server.ts";
import { settingsFormInput } from "~/schemas/survey-builder-labels.ts";
import { surveyEditSchema, surveySettingsSchema } from "~/schemas/survey-builder.ts";
import { fieldErrors, parseForm } from "~/utils/forms.ts";
import { idParam } from "~/utils/ids.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import type { loader as surveyLoader } from "./surveys.$id.tsx";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction<typeof loader, { "routes/surveys.$id": typeof surveyLoader }> = ({
  matches,
}) => {
  const survey = matches.find((match) => match.id === "routes/surveys.$id")?.data.survey;
  return [{ title: survey ? `Settings: ${survey.title} · Mutual Voice` : "Survey settings · Mutual Voice" }];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await staffSurvey(request, params, context);
  return null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "id");
  const formData = await readForm(request);
  const values = settingsFormInput(formData);
  const version = parseForm(surveyEditSchema, formData);
  const parsed = surveySettingsSchema.safeParse(values);
  if (!parsed.success || !version.ok) {
    return data({ errors: parsed.success ? {} : fieldErrors(parsed.error), values }, { status: 400 });
  }
  try {
    await updateSurveySettings(context.db, user, id, version.data.version, parsed.data);
  } catch (error) {
    return refusalAnswer(error, { values });
  }
  return redirect(`/surveys/${id}`, 303);
}

export default function EditSurvey() {
  const survey = useLayoutSurvey();
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
      <RefusalPanel message={refusalOf(actionData)} />
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
