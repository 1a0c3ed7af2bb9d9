import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { FilterForm } from "~/components/filter-form.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { PositionStateTag } from "~/components/positions/state-tag.tsx";
import { optionsFrom, SelectField } from "~/components/select-field.tsx";
import { isStaff } from "~/models/accounts/people.server.ts";
import { listPositions } from "~/models/positions/positions.server.ts";
import { positionListItem } from "~/models/positions/views.server.ts";
import { positionStateLabels, positionTopicLabels } from "~/schemas/positions-labels.ts";
import { positionListQuerySchema } from "~/schemas/positions.ts";
import { requireUser } from "~/models/accounts/auth.server.ts";
import { formatDateTime } from "~/utils/format.ts";

export const meta: MetaFunction = () => [{ title: "Policy positions · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const query = positionListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listPositions(context.db, user, query);
  const positions = result.positions.map((position) => positionListItem(user, position));
  return { ...result, positions, staff: isStaff(user), query };
}

export default function Positions() {
  const { positions, total, page, pageSize, staff, query } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <h1>Policy positions</h1>
      <p className="lead">
        {staff
          ? "What the network says, from first draft to published text. Every save is kept."
          : "What the network says to government on behalf of its members."}
      </p>
      {staff ? (
        <p>
          <Link className="button" to="/positions/new">
            New position
          </Link>
        </p>
      ) : null}
      <FilterForm label="Filter positions">
        {staff ? (
          <SelectField
            name="state"
            label="State"
            placeholder="Any state"
            options={optionsFrom(positionStateLabels)}
            defaultValue={query.state ?? ""}
          />
        ) : null}
        <SelectField
          name="topic"
          label="Topic"
          placeholder="Any topic"
          options={optionsFrom(positionTopicLabels)}
          defaultValue={query.topic ?? ""}
        />
      </FilterForm>
      {positions.length === 0 ? (
        <p className="panel">
          {query.state || query.topic
            ? "No positions match these filters."
            : staff
              ? "No positions yet. Start one with “New position”."
              : "No positions have been published yet."}
        </p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">
            Positions, {total} in all, most recently changed first
          </caption>
          <thead>
            <tr>
              <th scope="col">Position</th>
              {staff ? <th scope="col">State</th> : null}
              <th scope="col">Topics</th>
              {staff ? <th scope="col">Owner</th> : null}
              <th scope="col">{staff ? "Last changed" : "Published"}</th>
            </tr>
          </thead>
          <tbody>
            {positions.map((position) => (
              <tr key={position.slug}>
                <td>
                  <Link to={`/positions/${position.slug}`}>{position.title}</Link>
                  {position.summary ? <p className="table__note">{position.summary}</p> : null}
                </td>
                {position.staff ? (
                  <td>
                    <PositionStateTag
                      state={position.staff.state}
                      awaiting={position.staff.awaitingRetrospectiveReview}
                    />
                  </td>
                ) : null}
                <td>{position.topics.map((topic) => positionTopicLabels[topic]).join(", ")}</td>
                {position.staff ? <td>{position.staff.ownerName}</td> : null}
                <td>{formatDateTime(position.shownAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pageCount={Math.ceil(total / pageSize)} search={search} />
    </>
  );
}
