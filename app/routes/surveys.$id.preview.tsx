import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { AnswerField } from "~/components/surveys/answer-field.tsx";
import { Marked } from "~/components/surveys/marked.tsx";
import { SurveyPromises } from "~/components/surveys/survey-promises.tsx";
import { staffSurvey } from "~/models/surveys/pages.server.ts";
import { loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import { messagesFor } from "~/utils/i18n.ts";
import { describeCondition } from "~/utils/survey-condition-rules.ts";
import { sectionsIn, surveyTextIn } from "~/utils/survey-welsh.ts";
import { previewQuerySchema } from "~/schemas/surveys.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `Preview: ${page.survey.title} · Mutual Voice` : "Survey preview · Mutual Voice" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { survey } = await staffSurvey(request, params, context);
  const asked = previewQuerySchema.parse({ language: new URL(request.url).searchParams.get("language") });
  const language = survey.bilingual ? asked.language : "en";
  const sections = sectionsIn(await loadSurveyContent(context.db, survey.id), language);
  const questions = sections.flatMap((section) => section.questions);
  const when = (condition: Parameters<typeof describeCondition>[0] | null) =>
    condition
      ? describeCondition(
          condition,
          questions.find((question) => question.id === condition.questionId),
        )
      : null;
  return {
    language,
    survey: {
      id: survey.id,
      ...surveyTextIn(survey, language),
      bilingual: survey.bilingual,
      mode: survey.mode,
      anonymity: survey.anonymity,
      closesOn: survey.closesOn,
    },
    sections: sections.map((section) => ({
      ...section,
      shownWhen: when(section.condition),
      questions: section.questions.map((question) => ({ ...question, shownWhen: when(question.condition) })),
    })),
  };
}

export default function SurveyPreview() {
  const { language, survey, sections } = useLoaderData<typeof loader>();
  const t = messagesFor(language);
  return (
    <div className="narrow">
      <p className="breadcrumbs">
        <Link to="/surveys">Surveys</Link> › <Link to={`/surveys/${survey.id}`}>{survey.title}</Link>
      </p>
      <div className="panel" role="note" aria-label="Preview">
        <p>
          <strong>Preview.</strong> This is how members see the survey, every section on one page. The answer
          boxes are switched off: nothing can be saved here.
        </p>
        {survey.bilingual ? (
          <p>
            {language === "cy" ? (
              <Link to="?language=en">Preview in English</Link>
            ) : (
              <Link to="?language=cy">Preview in Welsh</Link>
            )}
          </p>
        ) : null}
      </div>
      <div lang={language}>
        <h1>{survey.title}</h1>
        <SurveyPromises
          survey={survey}
          language={language}
          organisation={t.yourOrganisation}
          sectionCount={sections.length}
        />
        {sections.length === 0 ? <p>This survey has no questions yet.</p> : null}
        {sections.map((section, index) => (
          <section
            key={section.id}
            className="survey-preview__section"
            aria-labelledby={`section-${section.id}`}
          >
            <p className="survey-progress">{t.sectionOf(index + 1, sections.length)}</p>
            <h2 id={`section-${section.id}`}>
              <Marked english={section.english} field="title" text={section.title} />
            </h2>
            {section.shownWhen ? (
              <p className="field__hint">Members see this section only when {section.shownWhen}.</p>
            ) : null}
            {section.introduction ? (
              <p>
                <Marked english={section.english} field="introduction" text={section.introduction} />
              </p>
            ) : null}
            <fieldset disabled className="survey-preview__questions">
              <legend className="visually-hidden">Questions in this section (preview, switched off)</legend>
              {section.questions.map((question) => (
                <div key={question.id}>
                  {question.shownWhen ? (
                    <p className="field__hint">Asked only when {question.shownWhen}.</p>
                  ) : null}
                  <AnswerField
                    question={question}
                    values={{}}
                    errors={undefined}
                    anonymity={survey.anonymity}
                    t={t}
                  />
                </div>
              ))}
            </fieldset>
          </section>
        ))}
      </div>
      <p>
        <Link to={`/surveys/${survey.id}`} className="back-link">
          Back to the survey
        </Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no survey at this address, or you cannot see it.",
  back: { to: "/surveys", label: "Back to surveys" },
});
