import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { useLayoutSurvey } from "~/components/surveys/layout-survey.ts";
import { refusalOf } from "~/components/surveys/refusal-of.ts";
import { QuestionFields } from "~/components/surveys/question-fields.tsx";
import { kindFrom, QuestionKindStep } from "~/components/surveys/question-kind-step.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { addQuestion } from "~/models/surveys/builder.server.ts";
import { staffSurvey } from "~/models/surveys/pages.server.ts";
import { loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import { questionFormSchema } from "~/schemas/survey-builder.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { idParam } from "~/utils/ids.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { conditionOptions } from "~/utils/survey-conditions.ts";
import { surveyPageWithNotice } from "~/utils/survey-notices.ts";

export const meta: MetaFunction = () => [{ title: "Add a question · Mutual Voice" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { survey } = await staffSurvey(request, params, context);
  const sections = await loadSurveyContent(context.db, survey.id);
  const section = new URL(request.url).searchParams.get("section") ?? String(sections[0]?.id ?? "");
  const sources = sections.flatMap((s) => s.questions);
  return {
    sections: sections.map((s) => ({ id: s.id, title: s.title })),
    section,
    kind: kindFrom(new URL(request.url).searchParams.get("kind")),
    conditionOptions: conditionOptions(sources),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "id");
  const formData = await readForm(request);
  const form = parseForm(questionFormSchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await addQuestion(context.db, user, id, form.data);
  } catch (error) {
    return refusalAnswer(error, { values: formValues(formData) });
  }
  return redirect(surveyPageWithNotice(id, "question-added"), 303);
}

export default function NewQuestion() {
  const survey = useLayoutSurvey();
  const loaded = useLoaderData<typeof loader>();
  const { sections, section, conditionOptions } = loaded;
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  // A refused form keeps the kind it was sent with; otherwise the address says it.
  const kind = kindFrom(actionData?.values?.kind) ?? loaded.kind;
  const cancel = `/surveys/${survey.id}`;
  if (!kind) {
    return (
      <div className="narrow">
        <h1>Add a question to {survey.title}</h1>
        <QuestionKindStep kind={null} keep={section ? { section } : {}} cancel={cancel} />
      </div>
    );
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={refusalOf(actionData)} />
      <h1>Add a question to {survey.title}</h1>
      <Form method="post" noValidate>
        <QuestionFields
          kind={kind}
          changeKind={`?${new URLSearchParams(section ? { section } : {})}`}
          values={actionData?.values ?? { sectionId: section }}
          errors={actionData?.errors}
          sections={sections}
          conditionOptions={conditionOptions}
        />
        <button type="submit" className="button" disabled={submitting}>
          Add question
        </button>{" "}
        <Link to={cancel}>Cancel</Link>
      </Form>
    </div>
  );
}
