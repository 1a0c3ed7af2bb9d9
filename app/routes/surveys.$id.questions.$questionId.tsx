import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { useLayoutSurvey } from "~/components/surveys/layout-survey.ts";
import { refusalOf } from "~/components/surveys/refusal-of.ts";
import { QuestionFields } from "~/components/surveys/question-fields.tsx";
import { kindFrom, QuestionKindStep } from "~/components/surveys/question-kind-step.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { fixQuestionWording, updateQuestion } from "~/models/surveys/builder.server.ts";
import { staffSurvey } from "~/models/surveys/pages.server.ts";
import { loadSurveyContent, surveyHasAnswers, type SurveyQuestion } from "~/models/surveys/surveys.server.ts";
import { questionFormSchema, showWhenValues, wordingFormSchema } from "~/schemas/survey-builder.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { idParam } from "~/utils/ids.ts";
import { Refusal, refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { conditionOptions } from "~/utils/survey-conditions.ts";
import { surveyPageWithNotice } from "~/utils/survey-notices.ts";

const intentSchema = z.object({
  intent: z.enum(["save", "wording"], { error: "That action is not recognised." }),
});

export const meta: MetaFunction = () => [{ title: "Edit a question · Mutual Voice" }];

function formValuesOf(question: SurveyQuestion): Record<string, string> {
  const config = question.config;
  const values: Record<string, string> = {
    sectionId: String(question.sectionId),
    kind: config.kind,
    prompt: question.prompt,
    helpText: question.helpText,
    required: question.required ? "yes" : "",
    ...showWhenValues(question.condition),
  };
  if (config.kind === "single_choice" || config.kind === "multiple_choice") {
    values.choices = config.settings.choices.map((choice) => choice.label).join("\n");
    values.allowOther = config.settings.allowOther ? "yes" : "";
  } else if (config.kind === "scale") {
    Object.assign(values, {
      scaleMin: String(config.settings.min),
      scaleMax: String(config.settings.max),
      minLabel: config.settings.minLabel,
      maxLabel: config.settings.maxLabel,
    });
  } else if (config.kind === "file") {
    values.maxMegabytes = String(config.settings.maxMegabytes);
  } else if (config.kind === "number") {
    Object.assign(values, {
      numberMin: config.settings.min === null ? "" : String(config.settings.min),
      numberMax: config.settings.max === null ? "" : String(config.settings.max),
      unit: config.settings.unit,
    });
  }
  return values;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { survey } = await staffSurvey(request, params, context);
  const questionId = idParam(params, "questionId");
  const sections = await loadSurveyContent(context.db, survey.id);
  const question = sections.flatMap((s) => s.questions).find((q) => q.id === questionId);
  if (!question) throw Refusal.notFound();
  const locked =
    survey.state === "closed" ||
    survey.state === "archived" ||
    (await surveyHasAnswers(context.db, survey.id));
  return {
    sections: sections.map((s) => ({ id: s.id, title: s.title })),
    question: { id: question.id, values: formValuesOf(question) },
    // Every other question is offered; one that does not come before this one is refused on save.
    conditionOptions: conditionOptions(
      sections.flatMap((s) => s.questions).filter((q) => q.id !== question.id),
    ),
    locked,
    // "Change the type" asks again (?change=kind); the chosen type comes back as ?kind=.
    changing: new URL(request.url).searchParams.get("change") === "kind",
    kind: kindFrom(new URL(request.url).searchParams.get("kind")),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "id");
  const questionId = idParam(params, "questionId");
  const formData = await readForm(request);
  const intent = parseForm(intentSchema, formData);
  if (!intent.ok) return data({ errors: intent.errors, values: intent.values }, { status: 400 });
  try {
    if (intent.data.intent === "wording") {
      const form = parseForm(wordingFormSchema, formData);
      if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
      await fixQuestionWording(context.db, user, id, questionId, form.data);
    } else {
      const form = parseForm(questionFormSchema, formData);
      if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
      await updateQuestion(context.db, user, id, questionId, form.data);
    }
  } catch (error) {
    return refusalAnswer(error, { values: formValues(formData) });
  }
  return redirect(surveyPageWithNotice(id, "question-saved"), 303);
}

export default function EditQuestion() {
  const survey = useLayoutSurvey();
  const { sections, question, locked, conditionOptions, changing, ...asked } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const kind =
    kindFrom(actionData?.values?.kind) ?? asked.kind ?? kindFrom(question.values.kind) ?? "short_text";
  const values = actionData?.values ?? { ...question.values, kind };
  if (changing && !locked) {
    return (
      <div className="narrow">
        <h1>Change the type of a question</h1>
        <p>In {survey.title}.</p>
        <QuestionKindStep kind={kind} keep={{}} cancel="?" />
      </div>
    );
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={refusalOf(actionData)} />
      <h1>{locked ? "Fix the wording of a question" : "Edit a question"}</h1>
      <p>In {survey.title}.</p>
      {locked ? (
        <Form method="post" noValidate>
          <p>
            People have started answering, so only typos in the wording may be fixed: the meaning must stay
            the same. The change is recorded in the survey&apos;s history.
          </p>
          <input type="hidden" name="intent" value="wording" />
          <TextField
            name="prompt"
            label="Question"
            defaultValue={values.prompt}
            error={actionData?.errors?.prompt}
          />
          <TextareaField
            name="helpText"
            label="Help text (optional)"
            defaultValue={values.helpText}
            error={actionData?.errors?.helpText}
            rows={2}
          />
          <button type="submit" className="button" disabled={submitting}>
            Save the wording
          </button>{" "}
          <Link to={`/surveys/${survey.id}`}>Cancel</Link>
        </Form>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="save" />
          <QuestionFields
            kind={kind}
            changeKind={`?${new URLSearchParams({ change: "kind", kind })}`}
            values={values}
            errors={actionData?.errors}
            sections={sections}
            conditionOptions={conditionOptions}
          />
          <button type="submit" className="button" disabled={submitting}>
            Save question
          </button>{" "}
          <Link to={`/surveys/${survey.id}`}>Cancel</Link>
        </Form>
      )}
    </div>
  );
}
