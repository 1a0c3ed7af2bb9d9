import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { Pagination } from "~/components/pagination.tsx";
import { listPublicPositions } from "~/models/positions/public.server.ts";
import { pageSchema } from "~/schemas/paging.ts";
import { formatLongDate } from "~/utils/letter-format.ts";

export const meta: MetaFunction = () => [
  { title: "Policy positions · Public Service Mutuals Network" },
  { name: "description", content: "The published policy positions of the Public Service Mutuals Network." },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const page = pageSchema.parse(new URL(request.url).searchParams.get("page") ?? undefined);
  const { positions, total, pageSize } = await listPublicPositions(context.db, { page });
  return { positions, page, pageCount: Math.ceil(total / pageSize) };
}

export default function PublicPositions() {
  const { positions, page, pageCount } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <h1>Policy positions</h1>
      <p className="lead">What the Public Service Mutuals Network asks of government, and why.</p>
      {positions.length === 0 ? (
        <p>The network has not published a position yet.</p>
      ) : (
        <ul className="letter-list">
          {positions.map((position) => (
            <li key={position.slug} className="card">
              <h2 className="letter-list__title">
                <Link to={`/p/${position.slug}`}>{position.title}</Link>
              </h2>
              {position.summary ? <p>{position.summary}</p> : null}
              {position.publishedAt ? <p>Published {formatLongDate(position.publishedAt)}.</p> : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} search={search} label="Pages of positions" />
    </>
  );
}
