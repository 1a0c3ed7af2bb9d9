import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { FilterForm } from "~/components/filter-form.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { optionsFrom, SelectField } from "~/components/select-field.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { listEvidence } from "~/models/evidence/evidence.server.ts";
import { citationText, evidenceKindLabels } from "~/schemas/evidence-labels.ts";
import { evidenceListQuerySchema } from "~/schemas/evidence.ts";
import { formatEvidenceValue } from "~/utils/evidence-text.ts";
import { formatDate } from "~/utils/format.ts";

export const meta: MetaFunction = () => [{ title: "Evidence library · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const query = evidenceListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { ...(await listEvidence(context.db, user, query)), query };
}

export default function EvidenceLibrary() {
  const { items, total, page, pageSize, query } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <h1>Evidence library</h1>
      <p className="lead">Sources, figures and quotes that positions and submissions cite.</p>
      <p>
        <Link className="button" to="/evidence/new">
          Add evidence
        </Link>{" "}
        <Link className="button button--secondary" to="/evidence/upload">
          Add a document
        </Link>
      </p>
      <FilterForm label="Filter evidence">
        <div className="field">
          <label className="field__label" htmlFor="q">
            Words
          </label>
          <input id="q" name="q" className="input" defaultValue={query.q ?? ""} />
        </div>
        <SelectField
          name="kind"
          label="Kind"
          placeholder="Any kind"
          options={optionsFrom(evidenceKindLabels)}
          defaultValue={query.kind ?? ""}
        />
        <SelectField
          name="status"
          label="Status"
          placeholder="Active and withdrawn"
          options={optionsFrom({ active: "Active", withdrawn: "Withdrawn" })}
          defaultValue={query.status ?? ""}
        />
      </FilterForm>
      {items.length === 0 ? (
        <p className="panel">
          {query.q || query.kind || query.status
            ? "No evidence matches these filters."
            : "The library is empty. Add a source, figure or quote."}
        </p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Evidence, {total} items, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Evidence</th>
              <th scope="col">Kind</th>
              <th scope="col">Detail</th>
              <th scope="col">Cite as</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link to={`/evidence/${item.id}`}>{item.label}</Link>
                  {item.status === "withdrawn" ? (
                    <span className="status status--error">Withdrawn</span>
                  ) : null}
                </td>
                <td>{evidenceKindLabels[item.kind]}</td>
                <td>
                  {item.kind === "figure" && item.value !== null
                    ? `${formatEvidenceValue(item.value, item.unit)}${item.n !== null ? ` (n = ${item.n})` : ""}${item.asOf ? `, ${formatDate(item.asOf)}` : ""}`
                    : item.kind === "source"
                      ? item.publisher
                      : item.anonymous
                        ? "Anonymous"
                        : item.attribution}
                </td>
                <td>
                  <code>{citationText(item.id)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pageCount={Math.ceil(total / pageSize)} search={search} />
    </>
  );
}
