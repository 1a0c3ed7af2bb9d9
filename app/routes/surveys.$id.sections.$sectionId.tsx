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
import { TextareaField } from "~/components/textarea-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { updateSection } from "~/models/surveys/builder.server.ts";
import { staffSurvey } from "~/models/surveys/pages.server.ts";
import { loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import { ShowWhenFields } from "~/components/surveys/show-when-fields.tsx";
import { showWhenValues } from "~/schemas/survey-builder-labels.ts";
import { sectionFormSchema } from "~/schemas/survey-builder.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { conditionOptions } from "~/utils/survey-condition-rules.ts";
import { idParam } from "~/utils/ids.ts";
import { Refusal, refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { surveyPageWithNotice } from "~/utils/survey-notices.ts";

export const meta: MetaFunction = () => [{ title: "Edit a section · Mutual Voice" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { survey } = await staffSurvey(request, params, context);
  const sectionId = idParam(params, "sectionId");
  const sections = await loadSurveyContent(context.db, survey.id);
  const index = sections.findIndex((s) => s.id === sectionId);
  const section = sections[index];
  if (!section) throw Refusal.notFound();
  return {
    section: {
      title: section.title,
      introduction: section.introduction,
      ...showWhenValues(section.condition),
    },
    // A section can depend only on questions in the sections before it.
    conditionOptions: conditionOptions(sections.slice(0, index).flatMap((s) => s.questions)),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "id");
  const sectionId = idParam(params, "sectionId");
  const formData = await readForm(request);
  const form = parseForm(sectionFormSchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await updateSection(context.db, user, id, sectionId, form.data);
  } catch (error) {
    return refusalAnswer(error, { values: formValues(formData) });
  }
  return redirect(surveyPageWithNotice(id, "section-saved"), 303);
}

export default function EditSection() {
  const survey = useLayoutSurvey();
  const { section, conditionOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const values = actionData?.values ?? section;
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={refusalOf(actionData)} />
      <h1>Edit a section</h1>
      <p>
        In {survey.title}. A section&apos;s title and introduction are wording: they can change until the
        survey is archived.
      </p>
      <Form method="post" noValidate>
        <TextField
          name="title"
          label="Section title"
          defaultValue={values.title}
          error={actionData?.errors?.title}
        />
        <TextareaField
          name="introduction"
          label="Introduction (optional)"
          defaultValue={values.introduction}
          error={actionData?.errors?.introduction}
          rows={3}
        />
        <ShowWhenFields
          values={values}
          errors={actionData?.errors}
          options={conditionOptions}
          what="section"
        />
        <button type="submit" className="button" disabled={submitting}>
          Save section
        </button>{" "}
        <Link to={`/surveys/${survey.id}`}>Cancel</Link>
      </Form>
    </div>
  );
}
