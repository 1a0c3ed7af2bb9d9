import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { Pagination } from "~/components/pagination.tsx";
import { listTextAnswers } from "~/models/surveys/results.server.ts";
import { parseSurveyId } from "~/models/surveys/surveys.server.ts";
import { pageSchema } from "~/schemas/paging.ts";
import { filterText, resultsQuerySchema } from "~/schemas/survey-results.ts";
import { consentLabels } from "~/schemas/surveys.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { formatCount, formatDate } from "~/utils/format.ts";

const heading = (page: { prompt: string; other: boolean }) =>
  page.other ? `Answers under “Other” to “${page.prompt}”` : `Answers to “${page.prompt}”`;

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  {
    title: page ? `${heading(page)} · Surveys · Mutual Voice` : "Answers · Surveys · Mutual Voice",
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const url = new URL(request.url);
  const { filter } = resultsQuerySchema.parse(Object.fromEntries(url.searchParams));
  const page = pageSchema.parse(url.searchParams.get("page") ?? 1);
  const result = await listTextAnswers(
    context.db,
    user,
    parseSurveyId(params.id),
    parseSurveyId(params.questionId),
    {
      page,
      filter,
    },
  );
  return {
    survey: { id: result.survey.id, title: result.survey.title },
    prompt: result.prompt,
    other: result.other,
    items: result.items,
    total: result.total,
    page: result.page,
    pageCount: Math.max(1, Math.ceil(result.total / result.pageSize)),
    filter: filterText(filter),
  };
}

export default function TextAnswersPage() {
  const { survey, prompt, other, items, total, page, pageCount, filter } = useLoaderData<typeof loader>();
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
      <ol className="text-answers__list" start={(page - 1) * 25 + 1}>
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
