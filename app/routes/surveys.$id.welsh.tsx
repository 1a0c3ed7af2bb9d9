import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CheckboxGroup } from "~/components/checkbox-group.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { useLayoutSurvey } from "~/components/surveys/layout-survey.ts";
import { refusalOf } from "~/components/surveys/refusal-of.ts";
import { WelshTextField } from "~/components/surveys/welsh-text-field.tsx";
import { staffSurvey } from "~/models/surveys/pages.server.ts";
import { loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import { saveSurveyWelsh } from "~/models/surveys/welsh.server.ts";
import { surveyWelshSchema } from "~/schemas/welsh.ts";
import { welshField } from "~/utils/survey-welsh.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { parseForm } from "~/utils/forms.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import type { loader as surveyLoader } from "./surveys.$id.tsx";

export const meta: MetaFunction<typeof loader, { "routes/surveys.$id": typeof surveyLoader }> = ({
  matches,
}) => {
  const survey = matches.find((match) => match.id === "routes/surveys.$id")?.data.survey;
  return [{ title: survey ? `Welsh text: ${survey.title} · Mutual Voice` : "Welsh text · Mutual Voice" }];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { survey } = await staffSurvey(request, params, context);
  return { sections: await loadSurveyContent(context.db, survey.id) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, survey } = await staffSurvey(request, params, context);
  const formData = await readForm(request);
  const sections = await loadSurveyContent(context.db, survey.id);
  const form = parseForm(surveyWelshSchema({ sections }), formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await saveSurveyWelsh(context.db, user, survey.id, form.data);
  } catch (error) {
    return refusalAnswer(error, { values: Object.fromEntries(formData) });
  }
  return redirect(`/surveys/${survey.id}`, 303);
}

export default function SurveyWelshText() {
  const survey = useLayoutSurvey();
  const { sections } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const typed: Record<string, unknown> | undefined = actionData?.values;
  const value = (name: string, saved: string | null | undefined) => {
    const sent = typed?.[name];
    return typeof sent === "string" ? sent : (saved ?? "");
  };
  const field = (
    name: string,
    english: string,
    saved: string | null | undefined,
    label: string,
    long = false,
  ) => (
    <WelshTextField
      key={name}
      name={name}
      label={label}
      english={english}
      defaultValue={value(name, saved)}
      error={actionData?.errors[name]}
      long={long}
    />
  );
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={refusalOf(actionData)} />
      <h1>Welsh text: {survey.title}</h1>
      <p>
        Enter the Welsh beside each English text. A box left empty shows the English to Welsh readers, marked
        as English. Answers are kept by choice, not by wording, so results count Welsh and English answers
        together.
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="version" value={survey.version} />
        <CheckboxGroup
          name="bilingual"
          legend="Languages"
          options={[{ value: "yes", label: "Bilingual: members may switch to Welsh (Cymraeg)" }]}
          checked={(typed ? typed.bilingual === "yes" : survey.bilingual) ? ["yes"] : []}
          error={actionData?.errors.bilingual}
        />
        <h2>Survey</h2>
        {field("title", survey.title, survey.titleCy, "Title in Welsh")}
        {survey.introduction
          ? field("introduction", survey.introduction, survey.introductionCy, "Introduction in Welsh", true)
          : null}
        {sections.map((section, index) => (
          <section key={section.id} aria-labelledby={`welsh-section-${section.id}`}>
            <h2 id={`welsh-section-${section.id}`}>Section {index + 1}</h2>
            {field(
              welshField.section(section.id, "title"),
              section.title,
              section.welsh.title,
              "Section title in Welsh",
            )}
            {section.introduction
              ? field(
                  welshField.section(section.id, "introduction"),
                  section.introduction,
                  section.welsh.introduction,
                  "Section introduction in Welsh",
                  true,
                )
              : null}
            {section.questions.map((question, n) => {
              const config = question.config;
              const words = question.welsh.settings;
              return (
                <fieldset key={question.id} className="fieldset">
                  <legend className="field__label">Question {n + 1}</legend>
                  {field(
                    welshField.question(question.id, "prompt"),
                    question.prompt,
                    question.welsh.prompt,
                    "Question in Welsh",
                  )}
                  {question.helpText
                    ? field(
                        welshField.question(question.id, "helpText"),
                        question.helpText,
                        question.welsh.helpText,
                        "Help text in Welsh",
                      )
                    : null}
                  {config.kind === "single_choice" || config.kind === "multiple_choice"
                    ? config.settings.choices.map((choice) =>
                        field(
                          welshField.choice(question.id, choice.key),
                          choice.label,
                          words.choices?.[choice.key],
                          `Choice “${choice.label}” in Welsh`,
                        ),
                      )
                    : null}
                  {config.kind === "scale" ? (
                    <>
                      {config.settings.minLabel
                        ? field(
                            welshField.question(question.id, "minLabel"),
                            config.settings.minLabel,
                            words.minLabel,
                            "Lowest point's label in Welsh",
                          )
                        : null}
                      {config.settings.maxLabel
                        ? field(
                            welshField.question(question.id, "maxLabel"),
                            config.settings.maxLabel,
                            words.maxLabel,
                            "Highest point's label in Welsh",
                          )
                        : null}
                    </>
                  ) : null}
                  {config.kind === "number" && config.settings.unit
                    ? field(
                        welshField.question(question.id, "unit"),
                        config.settings.unit,
                        words.unit,
                        "Unit in Welsh",
                      )
                    : null}
                </fieldset>
              );
            })}
          </section>
        ))}
        <button type="submit" className="button" disabled={submitting}>
          Save Welsh text
        </button>{" "}
        <Link to={`/surveys/${survey.id}`}>Cancel</Link>
      </Form>
    </div>
  );
}
