import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { LanguageSwitch } from "~/components/language-switch.tsx";
import { BreakdownSelect } from "~/components/survey-results/breakdown-select.tsx";
import { QuestionResult } from "~/components/survey-results/question-result.tsx";
import { requireUser } from "~/models/accounts/auth.server.ts";
import { isStaff } from "~/models/accounts/people.server.ts";
import { getSurveyForSummary } from "~/models/surveys/members.server.ts";
import { staffSurvey } from "~/models/surveys/pages.server.ts";
import { surveyResultsView } from "~/models/surveys/results-cache.server.ts";
import { summaryQuestionsIn } from "~/models/surveys/summary-welsh.server.ts";
import { resultsQuerySchema } from "~/schemas/survey-results.ts";
import { formatCalendarDateIn } from "~/utils/i18n.ts";
import { resultsCatalogue } from "~/utils/i18n-results.ts";
import { idParam } from "~/utils/ids.ts";
import { pageLanguage } from "~/utils/language.server.ts";
import { langOf, surveyTextIn } from "~/utils/survey-welsh.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  {
    title: page
      ? `${resultsCatalogue[page.language].whatMembersToldUs}: ${page.survey.title} · ${resultsCatalogue[page.language].surveys} · Mutual Voice`
      : "Survey summary · Surveys · Mutual Voice",
  },
];

/**
 * What members see once a survey has closed: figures only, always under disclosure control, no
 * free text and no names, whatever the survey's anonymity. Raw counts never reach this page's data.
 * A bilingual survey's summary is in the member's chosen language; staff read it in English.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const survey = isStaff(user)
    ? (await staffSurvey(request, params, context)).survey
    : await getSurveyForSummary(context.db, user, idParam(params, "id"));
  const query = resultsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // A closed survey's figures come from memory after the first request (results-cache.server.ts).
  const { scope, view } = await surveyResultsView(
    context.db,
    survey,
    { by: query.by, filter: null },
    { protect: true, texts: false },
  );
  const staff = isStaff(user);
  const language = staff ? "en" : await pageLanguage(request, context.env, survey.bilingual);
  const text = surveyTextIn(survey, language);
  const shown = view.questions.filter((question) => question.table !== null);
  return {
    language,
    /** Members of a bilingual survey may switch language here, as on their home page. */
    switchable: !staff && survey.bilingual,
    survey: {
      id: survey.id,
      title: text.title,
      english: text.english,
      closesOn: survey.closesOn,
      closed: survey.state === "closed" || survey.state === "archived",
      threshold: survey.disclosureThreshold,
    },
    // Staff reach this page from the survey's results; members from their surveys list.
    backTo: isStaff(user) ? `/surveys/${survey.id}/results` : null,
    by: scope.by,
    respondents: view.respondents,
    questions: await summaryQuestionsIn(context.db, survey, shown, scope.by, language),
  };
}

export default function SurveySummary() {
  const { language, switchable, survey, backTo, by, respondents, questions } = useLoaderData<typeof loader>();
  const t = resultsCatalogue[language];
  const title = <span lang={langOf(survey.english, "title")}>{survey.title}</span>;
  return (
    <div lang={language === "cy" ? "cy" : undefined}>
      {switchable ? <LanguageSwitch language={language} /> : null}
      <p className="breadcrumbs">
        <Link to="/surveys">{t.surveys}</Link>
        {backTo ? (
          <>
            {" › "}
            <Link to={backTo}>Results: {survey.title}</Link>
          </>
        ) : null}
      </p>
      <h1>
        {t.whatMembersToldUs}: {title}
      </h1>
      <p>
        {t.responses(respondents.text, respondents.value)}
        {survey.closesOn && survey.closed ? t.closedOn(formatCalendarDateIn(language, survey.closesOn)) : ""}
        {survey.closed ? "" : t.stillOpen}
        {t.protection(survey.threshold)}
      </p>
      <Form method="get" className="results-filters" aria-label={t.breakdown}>
        <BreakdownSelect value={by} language={language} />
        <button type="submit" className="button">
          {t.show}
        </button>
      </Form>
      <h2>{t.answers}</h2>
      {questions.map((question, index) => (
        <QuestionResult
          key={question.id}
          question={question}
          number={index + 1}
          breakdown={by !== "none"}
          threshold={survey.threshold}
          language={language}
          english={question.english}
        />
      ))}
    </div>
  );
}
