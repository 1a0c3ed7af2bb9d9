import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { Pagination } from "~/components/pagination.tsx";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { submissionsArea } from "~/components/submissions/area.tsx";
import { SubmissionStateTag } from "~/components/submissions/state-tag.tsx";
import { listSubmissions } from "~/models/submissions/submissions.server.ts";
import { governmentLabels } from "~/schemas/governments-labels.ts";
import { submissionStateLabels, submissionStates } from "~/schemas/submissions-labels.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { submissionListQuerySchema } from "~/schemas/submissions.ts";

export const meta: MetaFunction = () => [{ title: "Consultation submissions · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const query = submissionListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { ...(await listSubmissions(context.db, user, query)), query };
}

export default function Submissions() {
  const { submissions, total, page, pageSize, query } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <h1>Consultation submissions</h1>
      <p className="lead">
        Our answers to government consultations, question by question, from first draft to what was sent.
      </p>
      <p>
        <Link className="button" to="/submissions/new">
          New submission
        </Link>
      </p>
      <Form method="get" className="filters" aria-label="Filter submissions">
        <div className="field">
          <label className="field__label" htmlFor="state">
            State
          </label>
          <select id="state" name="state" defaultValue={query.state ?? ""}>
            <option value="">Any state</option>
            {submissionStates.map((state) => (
              <option key={state} value={state}>
                {submissionStateLabels[state]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          Filter
        </button>
      </Form>
      {submissions.length === 0 ? (
        <p className="panel">
          {query.state
            ? "No submissions in this state."
            : "No submissions yet. Adopt a consultation from the radar, or start one with “New submission”."}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">
              Submissions, {total} in all, nearest internal deadline first
            </caption>
            <thead>
              <tr>
                <th scope="col">Consultation</th>
                <th scope="col">To</th>
                <th scope="col">State</th>
                <th scope="col">Lead</th>
                <th scope="col">Internal deadline</th>
                <th scope="col">Closes</th>
              </tr>
            </thead>
            <tbody>
              {submissions.map((submission) => (
                <tr key={submission.id}>
                  <td>
                    <Link to={`/submissions/${submission.id}`}>{submission.consultationTitle}</Link>
                  </td>
                  <td>{governmentLabels[submission.government]}</td>
                  <td>
                    <SubmissionStateTag state={submission.state} />
                  </td>
                  <td>{submission.leadName}</td>
                  <td>{formatDate(submission.internalDeadline)}</td>
                  <td>{formatDate(submission.closesOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={page}
        pageCount={Math.ceil(total / pageSize)}
        search={search}
        label="Submission pages"
      />
    </>
  );
}

export const ErrorBoundary = areaErrorBoundary(submissionsArea);
