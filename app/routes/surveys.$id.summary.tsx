import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BreakdownSelect } from "~/components/survey-results/breakdown-select.tsx";
import { QuestionResult } from "~/components/survey-results/question-result.tsx";
import { requireUser } from "~/models/accounts/auth.server.ts";
import { isStaff } from "~/models/accounts/people.server.ts";
import { getSurveyForSummary } from "~/models/surveys/members.server.ts";
import { staffSurvey } from "~/models/surveys/pages.server.ts";
import { surveyResultsView } from "~/models/surveys/results-cache.server.ts";
import { resultsQuerySchema } from "~/schemas/survey-results.ts";
import { formatDate } from "~/utils/format.ts";
import { idParam } from "~/utils/ids.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  {
    title: page
      ? `What members told us: ${page.survey.title} · Surveys · Mutual Voice`
      : "Survey summary · Surveys · Mutual Voice",
  },
];

/**
 * What members see once a survey has closed: figures only, always under disclosure control, no
 * free text and no names, whatever the survey's anonymity. Raw counts never reach this page's data.
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
  return {
    survey: {
      id: survey.id,
      title: survey.title,
      closesOn: survey.closesOn,
      closed: survey.state === "closed" || survey.state === "archived",
      threshold: survey.disclosureThreshold,
    },
    // Staff reach this page from the survey's results; members from their surveys list.
    backTo: isStaff(user) ? `/surveys/${survey.id}/results` : null,
    by: scope.by,
    respondents: view.respondents,
    questions: view.questions.filter((question) => question.table !== null),
  };
}

export default function SurveySummary() {
  const { survey, backTo, by, respondents, questions } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/surveys">Surveys</Link>
        {backTo ? (
          <>
            {" › "}
            <Link to={backTo}>Results: {survey.title}</Link>
          </>
        ) : null}
      </p>
      <h1>What members told us: {survey.title}</h1>
      <p>
        {respondents.text} {respondents.value === 1 ? "response" : "responses"}
        {survey.closesOn && survey.closed ? `; the survey closed on ${formatDate(survey.closesOn)}` : ""}
        {survey.closed ? "" : "; the survey is still open, and members see this page once it has closed"}. To
        protect small groups, counts below {survey.threshold} are hidden, and so are some others so they
        cannot be worked out. Written answers are not shown here.
      </p>
      <Form method="get" className="results-filters" aria-label="Breakdown">
        <BreakdownSelect value={by} />
        <button type="submit" className="button">
          Show
        </button>
      </Form>
      <h2>Answers</h2>
      {questions.map((question, index) => (
        <QuestionResult
          key={question.id}
          question={question}
          number={index + 1}
          breakdown={by !== "none"}
          threshold={survey.threshold}
        />
      ))}
    </>
  );
}
