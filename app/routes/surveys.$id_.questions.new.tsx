import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { QuestionFields } from "~/components/surveys/question-fields.tsx";
import { addQuestion } from "~/models/surveys/builder.server.ts";
import { getSurvey, loadSurveyContent, parseSurveyId, SurveyConflictError } from "~/models/surveys/surveys.server.ts";
import { questionFormSchema } from "~/schemas/surveys.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { parseForm } from "~/utils/forms.ts";

export const meta: MetaFunction = () => [{ title: "Add a question · Mutual Voice" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const survey = await getSurvey(context.db, user, parseSurveyId(params.id));
  const sections = await loadSurveyContent(context.db, survey.id);
  const section = new URL(request.url).searchParams.get("section") ?? String(sections[0]?.id ?? "");
  return {
    survey: { id: survey.id, title: survey.title },
    sections: sections.map((s) => ({ id: s.id, title: s.title })),
    section,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = parseSurveyId(params.id);
  const form = parseForm(questionFormSchema, await request.formData());
  if (!form.ok) return data({ errors: form.errors, values: form.values, conflict: null }, { status: 400 });
  try {
    await addQuestion(context.db, user, id, form.data);
  } catch (error) {
    if (error instanceof SurveyConflictError)
      return data({ errors: undefined, values: {}, conflict: error.message }, { status: 409 });
    throw error;
  }
  return redirect(`/surveys/${id}?notice=${encodeURIComponent("Question added.")}`, 303);
}

export default function NewQuestion() {
  const { survey, sections, section } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      {actionData?.conflict ? (
        <div className="panel panel--warning" role="alert">
          <p>{actionData.conflict}</p>
        </div>
      ) : null}
      <h1>Add a question to {survey.title}</h1>
      <Form method="post" noValidate>
        <QuestionFields
          values={actionData?.values ?? { sectionId: section }}
          errors={actionData?.errors}
          sections={sections}
        />
        <button type="submit" className="button" disabled={submitting}>
          Add question
        </button>{" "}
        <Link to={`/surveys/${survey.id}`}>Cancel</Link>
      </Form>
    </div>
  );
}
