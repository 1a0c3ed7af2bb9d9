import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { Pagination } from "~/components/pagination.tsx";
import { requireUser } from "~/models/accounts/auth.server.ts";
import { isStaff } from "~/models/accounts/people.server.ts";
import { listMemberPastSurveys, listMemberSurveys } from "~/models/surveys/members.server.ts";
import { listSurveys } from "~/models/surveys/surveys.server.ts";
import { anonymityShortLabels, surveyStateLabels, SURVEYS_PAGE_SIZE } from "~/schemas/surveys-labels.ts";
import { pageParam } from "~/utils/ids.ts";
import { formatCalendarDate, formatLongDate } from "~/utils/letter-format.ts";
import { responseFiguresText } from "~/utils/survey-figures.ts";

export const meta: MetaFunction = () => [{ title: "Surveys · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  if (!isStaff(user)) {
    return {
      view: "member" as const,
      surveys: await listMemberSurveys(context.db, user),
      past: await listMemberPastSurveys(context.db, user),
    };
  }
  const page = pageParam(new URL(request.url));
  const { items, total } = await listSurveys(context.db, user, { page, pageSize: SURVEYS_PAGE_SIZE });
  return {
    view: "staff" as const,
    items,
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / SURVEYS_PAGE_SIZE)),
  };
}

export default function Surveys() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  if (data.view === "member") {
    return (
      <>
        <h1>Surveys</h1>
        {data.surveys.length ? (
          <>
            <p>Surveys open to you now. Open the personal link in your invitation email to answer.</p>
            <ul className="card-list">
              {data.surveys.map((survey) => (
                <li key={survey.id} className="card">
                  <h2 className="card__title">{survey.title}</h2>
                  <p>
                    {survey.responded ? "Answered. Thank you." : "Waiting for your answers."}
                    {survey.closesOn ? ` Closes at the end of ${formatCalendarDate(survey.closesOn)}.` : ""}
                  </p>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>There are no surveys open to you at the moment.</p>
        )}
        {data.past.length ? (
          <>
            <h2>What members told us</h2>
            <p>Figures from surveys that have closed, with small groups protected.</p>
            <ul>
              {data.past.map((survey) => (
                <li key={survey.id}>
                  <Link to={`/surveys/${survey.id}/summary`}>{survey.title}</Link>
                  {survey.closedAt ? ` (closed ${formatLongDate(survey.closedAt)})` : ""}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </>
    );
  }
  return (
    <>
      <h1>Surveys</h1>
      <p>
        <Link className="button" to="/surveys/new">
          Create a survey
        </Link>
      </p>
      {data.items.length ? (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Surveys, most recently changed first</caption>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">State</th>
                  <th scope="col">Identity</th>
                  <th scope="col">Closes</th>
                  <th scope="col">Responses</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((survey) => (
                  <tr key={survey.id}>
                    <td>
                      <Link to={`/surveys/${survey.id}`}>{survey.title}</Link>
                    </td>
                    <td>{surveyStateLabels[survey.state]}</td>
                    <td>{anonymityShortLabels[survey.anonymity]}</td>
                    <td>{survey.closesOn ? formatCalendarDate(survey.closesOn) : "Not set"}</td>
                    <td>{survey.state === "draft" ? "Not opened" : responseFiguresText(survey.figures)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={data.page}
            pageCount={data.pageCount}
            search={location.search}
            label="Pages of surveys"
          />
        </>
      ) : (
        <p>There are no surveys yet. Create one to gather evidence from members.</p>
      )}
    </>
  );
}
