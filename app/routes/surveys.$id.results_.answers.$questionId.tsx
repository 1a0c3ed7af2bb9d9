import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { Pagination } from "~/components/pagination.tsx";
import { useLayoutSurvey } from "~/components/surveys/layout-survey.ts";
import { staffSurvey } from "~/models/surveys/pages.server.ts";
import { textAnswersOf } from "~/models/surveys/text-answers.server.ts";
import { filterText } from "~/schemas/survey-results-labels.ts";
import { resultsQuerySchema } from "~/schemas/survey-results.ts";
import { consentLabels } from "~/schemas/surveys-labels.ts";
import { formatCount, formatDate } from "~/utils/format.ts";
import { idParam, pageParam } from "~/utils/ids.ts";

const heading = (page: { prompt: string; other: boolean }) =>
  page.other ? `Answers under “Other” to “${page.prompt}”` : `Answers to “${page.prompt}”`;

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  {
    title: page ? `${heading(page)} · Surveys · Mutual Voice` : "Answers · Surveys · Mutual Voice",
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { survey } = await staffSurvey(request, params, context);
  const url = new URL(request.url);
  const { filter } = resultsQuerySchema.parse(Object.fromEntries(url.searchParams));
  const answers = await textAnswersOf(context.db, survey, idParam(params, "questionId"), {
    page: pageParam(url),
    filter,
  });
  return {
    ...answers,
    pageCount: Math.max(1, Math.ceil(answers.total / answers.pageSize)),
    filter: filterText(filter),
  };
}

export default function TextAnswersPage() {
  const survey = useLayoutSurvey();
  const { prompt, other, items, total, page, pageSize, pageCount, filter } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/surveys">Surveys</Link> › <Link to={`/surveys/${survey.id}`}>{survey.title}</Link> ›{" "}
        <Link to={`/surveys/${survey.id}/results`}>Results</Link>
      </p>
      <h1>{heading({ prompt, other })}</h1>
      {other ? (
        <p>
          What respondents wrote when none of the choices fitted. These are for staff: they were not given
          with consent to publish.
        </p>
      ) : null}
      {total === 0 ? (
        <p className="panel">
          {other ? "No one has written their own answer" : "No written answers"} to this question
          {filter ? ` from ${filter}` : ""} yet.
        </p>
      ) : (
        <p>
          {formatCount(total)} {total === 1 ? "answer" : "answers"}
          {filter ? ` from ${filter}` : ""}, newest first.
        </p>
      )}
      <ol className="text-answers__list" start={(page - 1) * pageSize + 1}>
        {items.map((answer) => (
          <li key={answer.responseId}>
            {answer.title ? <p className="text-answers__title">{answer.title}</p> : null}
            <blockquote>{answer.text}</blockquote>
            <p className="text-answers__meta">
              {answer.organisation ?? "Anonymous"}
              {answer.submittedOn ? ` · ${formatDate(answer.submittedOn)}` : ""}
              {answer.consent ? ` · Consent: ${consentLabels[answer.consent]}` : ""}
            </p>
          </li>
        ))}
      </ol>
      <Pagination page={page} pageCount={pageCount} search={location.search} label="Pages of answers" />
    </>
  );
}
