import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { Pagination } from "~/components/pagination.tsx";
import { listPublishedSubmissions } from "~/models/submissions/public.server.ts";
import { governmentLabels } from "~/schemas/governments-labels.ts";
import { pageSchema } from "~/schemas/paging.ts";
import { formatLongDate } from "~/utils/letter-format.ts";

export const meta: MetaFunction = () => [
  { title: "Consultation responses · Public Service Mutuals Network" },
  {
    name: "description",
    content: "The consultation responses the Public Service Mutuals Network has sent to government.",
  },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const page = pageSchema.parse(new URL(request.url).searchParams.get("page") ?? undefined);
  const { submissions, total, pageSize } = await listPublishedSubmissions(context.db, { page });
  return { submissions, page, pageCount: Math.ceil(total / pageSize) };
}

export default function PublicSubmissions() {
  const { submissions, page, pageCount } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <h1>Consultation responses</h1>
      <p className="lead">What the Public Service Mutuals Network has told government when it asked.</p>
      {submissions.length === 0 ? (
        <p>The network has not published a consultation response yet.</p>
      ) : (
        <ul className="letter-list">
          {submissions.map((submission) => (
            <li key={submission.slug} className="card">
              <h2 className="letter-list__title">
                <Link to={`/c/${submission.slug}`}>Response to: {submission.consultationTitle}</Link>
              </h2>
              <p>
                To {governmentLabels[submission.government]}, published{" "}
                {formatLongDate(submission.publishedAt)}.
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} search={search} label="Pages of responses" />
    </>
  );
}
